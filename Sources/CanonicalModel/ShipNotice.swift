/// A ship notice (X12 856, EDIFACT DESADV), primer §4.3: the shipment, then its orders, packs and items as
/// the document nests them (X12 HL tree, DESADV CPS hierarchy).
public struct ShipNotice: CanonicalPayload {
    public static let eventType = "edigate.ship-notice.v1"
    public var documentNumber: String { shipmentNumber }

    /// X12 BSN02, EDIFACT BGM 1004.
    public var shipmentNumber: String
    /// X12 BSN01 (353), EDIFACT BGM 1225; nil when the document does not say.
    public var purpose: Purpose?
    /// X12 BSN05: `0001` S-O-P-I (pick and pack), `0002` S-O-I-P, `0004` S-O-I; nil for DESADV.
    public var structureCode: String?
    /// When the notice was made: ISO date (X12 BSN03, EDIFACT DTM 137).
    public var noticeDate: String?
    /// The same with its time, local `YYYY-MM-DDTHH:MM[:SS]` (X12 BSN03 + BSN04, EDIFACT DTM 137 format 203/204).
    public var noticeDateTime: String?
    /// Shipped (despatched): X12 DTM 011, EDIFACT DTM 11.
    public var shipDate: String?
    public var shipDateTime: String?
    /// Estimated delivery: X12 DTM 017, EDIFACT DTM 17.
    public var estimatedDeliveryDate: String?
    public var estimatedDeliveryDateTime: String?
    /// X12 TD5, EDIFACT TDT (the first at the shipment level; later ones fill what it left empty).
    public var carrier: ShipmentCarrier?
    /// X12 TD101 (`CTN25` ...), EDIFACT PAC 7065 of the consignment-level CPS.
    public var packagingCode: String?
    /// X12 TD102 (lading quantity), EDIFACT PAC 7224 of the consignment-level CPS.
    public var packageCount: Int?
    /// Weights and volume: X12 TD1 and MEA, EDIFACT MEA (header, or in the consignment-level CPS).
    public var measurements: [ShipmentMeasurement] = []
    /// X12 REF BM, EDIFACT RFF BM.
    public var billOfLading: String?
    /// Carrier's reference (PRO number): X12 REF CN, EDIFACT RFF CN.
    public var proNumber: String?
    /// Every shipment-level reference as sent (BM and CN included).
    public var references: [Reference] = []
    public var parties: [Party] = []
    /// The purchase orders shipped: X12 O levels (PRF), EDIFACT RFF+ON in the header; then, without packs or
    /// items, orders named only by items (X12 PRF at the I level, EDIFACT RFF+ON in the LIN group).
    public var orders: [ShipmentOrder] = []
    /// Packs (and tares) directly under the shipment: no order level, or kept here because the hierarchy
    /// could not place them (see `hierarchyIssues`).
    public var packs: [ShipmentPack] = []
    /// Items directly under the shipment, on the same terms as `packs`.
    public var items: [ShipmentItem] = []
    /// Where the document's hierarchy is broken (a parent that is missing, unknown or later, a level that
    /// cannot sit under its parent). The nodes concerned are kept at the shipment level.
    public var hierarchyIssues: [ShipmentHierarchyIssue] = []
    /// X12 CTT01: the number of HL segments, as declared.
    public var declaredHierarchyCount: Int?
    /// X12 CTT02: the sum of the shipped quantities (SN102), as declared.
    public var declaredQuantityTotal: ExactDecimal?
    /// EDIFACT CNT 2: the number of lines, as declared.
    public var declaredLineCount: Int?

    public init(shipmentNumber: String) {
        self.shipmentNumber = shipmentNumber
    }

    /// Every pack in the notice, at any depth, in document order within each parent.
    public var allPacks: [ShipmentPack] {
        (orders.flatMap(\.packs) + packs).flatMap(\.selfAndDescendants)
    }

    /// Every item in the notice, at any depth.
    public var allItems: [ShipmentItem] {
        orders.flatMap { $0.items + $0.packs.flatMap(\.allItems) } + items + packs.flatMap(\.allItems)
    }
}

/// One purchase order within a shipment (X12 O level, EDIFACT RFF+ON).
public struct ShipmentOrder: Sendable, Hashable, Codable {
    /// X12 HL01 of the O level; nil for EDIFACT, and for orders named only by items.
    public var hierarchyId: String?
    /// X12 PRF01, EDIFACT RFF+ON 1154.
    public var orderNumber: String
    /// X12 PRF04, EDIFACT DTM 171 (or 4) after RFF+ON.
    public var orderDate: String?
    /// X12 PRF02.
    public var releaseNumber: String?
    /// X12 TD102 at the O level.
    public var packageCount: Int?
    /// Order-level references (X12 REF at the O level).
    public var references: [Reference] = []
    /// Order-level parties (X12 N1 at the O level).
    public var parties: [Party] = []
    public var packs: [ShipmentPack] = []
    /// Items directly under the order (structure 0004, S-O-I).
    public var items: [ShipmentItem] = []

    public init(orderNumber: String) {
        self.orderNumber = orderNumber
    }
}

/// A tare (pallet) or pack (carton): X12 T or P level, EDIFACT CPS group.
public struct ShipmentPack: Sendable, Hashable, Codable {
    /// X12 HL01, EDIFACT CPS 7164.
    public var hierarchyId: String?
    /// `tare` (X12 T; a DESADV group holding other groups) or `pack` (X12 P; other DESADV groups).
    public var level: String
    /// The SSCC, 18 digits: X12 MAN `GM`, EDIFACT GIN `BJ`; a 20-digit value loses its leading AI `00`.
    public var sscc: String?
    /// Whether the SSCC's GS1 mod-10 check digit is right.
    public var ssccCheckDigitValid: Bool?
    /// Every marking as sent: X12 MAN01/MAN02 (and MAN04/MAN05), EDIFACT GIN 7405 and each 7402.
    public var marks: [Reference] = []
    /// X12 TD101 at this level, EDIFACT PAC C202 7065.
    public var packagingCode: String?
    /// How many physical packages the group stands for: X12 TD102 at this level, EDIFACT PAC 7224.
    public var packageCount: Int?
    /// X12 TD1, PO4 (PO405-PO407) and MEA at this level, EDIFACT MEA in the PAC group.
    public var measurements: [ShipmentMeasurement] = []
    /// Packs inside this one (cartons on a pallet).
    public var packs: [ShipmentPack] = []
    public var items: [ShipmentItem] = []

    public init(level: String) {
        self.level = level
    }

    /// This pack and every pack inside it, depth first.
    public var selfAndDescendants: [ShipmentPack] { [self] + packs.flatMap(\.selfAndDescendants) }

    /// Every item in this pack, at any depth.
    public var allItems: [ShipmentItem] { items + packs.flatMap(\.allItems) }

    /// An SSCC as 18 digits: an 18-digit value as it is, a 20-digit value starting with the AI `00` without
    /// it; nil for anything else (primer §4.0).
    public static func normalisedSSCC(_ value: String) -> String? {
        guard value.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if value.count == 18 { return value }
        if value.count == 20 && value.hasPrefix("00") { return String(value.dropFirst(2)) }
        return nil
    }

    /// The GS1 mod-10 check over 18 digits: weights 3 and 1 from the right, excluding the check digit.
    public static func ssccHasValidCheckDigit(_ sscc: String) -> Bool {
        let digits = sscc.compactMap(\.wholeNumberValue)
        guard digits.count == 18 else { return false }
        var sum = 0
        for (index, digit) in digits.dropLast().reversed().enumerated() { sum += digit * (index % 2 == 0 ? 3 : 1) }
        return (10 - sum % 10) % 10 == digits.last
    }
}

/// One shipped item: X12 I level (LIN, SN1), EDIFACT LIN group.
public struct ShipmentItem: Sendable, Hashable, Codable {
    /// X12 HL01 of the I level; nil for EDIFACT.
    public var hierarchyId: String?
    /// X12 LIN01 (else SN101), EDIFACT LIN 1082; nil when the document does not number its lines.
    public var lineNumber: String?
    /// X12 LIN02/03 ... pairs, EDIFACT LIN C212 and PIA.
    public var items: [ItemIdentifier] = []
    /// X12 PID05, EDIFACT IMD 7008.
    public var description: String?
    /// X12 SN102, EDIFACT QTY 12.
    public var shippedQuantity: ExactDecimal?
    /// X12 SN103 (355), EDIFACT QTY 6411 (Rec 20).
    public var unit: UnitOfMeasure?
    /// X12 SN105, EDIFACT QTY 21.
    public var orderedQuantity: ExactDecimal?
    /// X12 SN106, EDIFACT QTY 6411 of QTY 21.
    public var orderedUnit: UnitOfMeasure?
    /// Inner units per outer pack (X12 PO401 at the I level).
    public var packSize: ExactDecimal?
    /// The order the item names itself: X12 PRF01 at the I level, EDIFACT RFF+ON in the LIN group.
    public var orderNumber: String?
    /// EDIFACT RFF+ON 1156 (the order's line number).
    public var orderLineNumber: String?

    public init() {}
}

/// A carrier: X12 TD5, EDIFACT TDT.
public struct ShipmentCarrier: Sendable, Hashable, Codable {
    /// X12 TD503, EDIFACT TDT C040 3127.
    public var code: String?
    /// The qualifier as sent: X12 TD502 (`2` SCAC), EDIFACT C040 3055 (`182` SCAC, `9` GS1).
    public var qualifier: String?
    /// `SCAC`, `DUNS`, `GLN` ... when known.
    public var scheme: String?
    /// X12 TD505 (routing), EDIFACT C040 3128.
    public var name: String?
    /// X12 TD504 (91: `U` parcel, `M` motor, `A` air ...), EDIFACT C220 8067 (`30` road, `40` air ...).
    public var transportMethod: String?

    public init() {}
}

/// A weight or volume with its qualifier as sent.
public struct ShipmentMeasurement: Sendable, Hashable, Codable {
    /// `grossWeight`, `netWeight`, `weight` (another weight), `volume` or `other`.
    public var kind: String
    /// X12 TD106 (187) or MEA02 (738), EDIFACT MEA C502 6313; nil for the TD1 volume.
    public var qualifier: String?
    public var value: ExactDecimal
    /// X12 355 (TD108, TD110, MEA04, PO407), EDIFACT MEA C174 6411.
    public var unit: UnitOfMeasure?

    public init(kind: String, qualifier: String?, value: ExactDecimal, unit: UnitOfMeasure?) {
        self.kind = kind
        self.qualifier = qualifier
        self.value = value
        self.unit = unit
    }

}

/// A place where the document's hierarchy is broken. The node is kept at the shipment level.
public struct ShipmentHierarchyIssue: Sendable, Hashable, Codable {
    /// X12 HL01, EDIFACT CPS 7164.
    public var hierarchyId: String
    /// X12 HL02, EDIFACT CPS 7166, as sent; nil when empty.
    public var parentId: String?
    /// X12 HL03 (`S`, `O`, `T`, `P`, `I` ...), EDIFACT `CPS`.
    public var level: String
    /// `parentMissing` (empty below the top), `parentNotFound` (no earlier node has that id),
    /// `levelNotAllowed` (cannot sit under its parent), `duplicateId`, `unknownLevel`.
    public var problem: String

    public init(hierarchyId: String, parentId: String?, level: String, problem: String) {
        self.hierarchyId = hierarchyId
        self.parentId = parentId
        self.level = level
        self.problem = problem
    }
}
