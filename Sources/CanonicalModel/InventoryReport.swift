/// An inventory report (X12 846, EDIFACT INVRPT), primer §4.5: items with their quantities by type, where
/// and when.
public struct InventoryReport: CanonicalPayload {
    public static let eventType = "edigate.inventory.v1"
    public var documentNumber: String { reportNumber }

    /// X12 BIA03, EDIFACT BGM 1004.
    public var reportNumber: String
    /// ISO `YYYY-MM-DD` (X12 BIA04, EDIFACT DTM 137).
    public var reportDate: String?
    /// X12 BIA01 (353), EDIFACT BGM 1225.
    public var purpose: Purpose
    /// As sent: X12 BIA02 (755: `SI` seller inventory report ...), EDIFACT BGM 1001 (`35` inventory report,
    /// `78` inventory movement advice).
    public var reportType: String?
    /// ISO 4217 (X12 CUR02, EDIFACT CUX 6345).
    public var currency: String?
    public var references: [Reference] = []
    /// Header dates other than the report date (X12 DTM, EDIFACT DTM).
    public var dates: [InventoryDate] = []
    /// The reporting party, warehouse, seller ... (X12 N1 loop, EDIFACT NAD).
    public var parties: [Party] = []
    /// Locations of the reporting party (EDIFACT LOC in the NAD group).
    public var locations: [InventoryLocation] = []
    public var items: [InventoryItem] = []
    /// X12 CTT01: the number of LIN, as declared.
    public var declaredLineCount: Int?
    /// X12 CTT02: the sum of the quantities (QTY02), as declared.
    public var declaredQuantityTotal: ExactDecimal?
    /// The sum of every item quantity that has a value.
    public var computedQuantityTotal: ExactDecimal?

    public init(reportNumber: String, purpose: Purpose) {
        self.reportNumber = reportNumber
        self.purpose = purpose
    }
}

/// One reported item (X12 LIN loop, EDIFACT LIN group).
public struct InventoryItem: Sendable, Hashable, Codable {
    /// X12 LIN01, EDIFACT LIN 1082 (either may be absent).
    public var lineNumber: String?
    public var items: [ItemIdentifier] = []
    /// X12 PID05, EDIFACT IMD 7008.
    public var description: String?
    public var references: [Reference] = []
    /// Item-level dates (X12 DTM in the LIN loop, EDIFACT DTM in the LIN group).
    public var dates: [InventoryDate] = []
    /// Item-level locations (EDIFACT LOC in the LIN group).
    public var locations: [InventoryLocation] = []
    /// Quantities by type (X12 QTY loop, EDIFACT QTY group).
    public var quantities: [InventoryQuantity] = []
    /// Quantities by location (X12 SDQ), without a quantity type.
    public var locationQuantities: [InventoryLocationQuantity] = []

    public init(lineNumber: String?) {
        self.lineNumber = lineNumber
    }
}

/// A quantity of one type: available, on hand, actual stock ...
public struct InventoryQuantity: Sendable, Hashable, Codable {
    /// As sent: X12 QTY01 (673), EDIFACT QTY 6063.
    public var qualifier: String
    /// `available`, `onHand`, `onHold`, `projectedAvailable`, `workInProcess` (X12 673 `33`, `17`, `QH`, `29`,
    /// `37`), `actualStock`, `inTransit`, `committed`, `damaged` (EDIFACT 6063 `145`, `198`, `66`, `124`), or
    /// `other`.
    public var type: String
    public var quantity: ExactDecimal?
    /// X12 QTY03 (or the UIT that follows), EDIFACT QTY 6411.
    public var unit: UnitOfMeasure?
    /// EDIFACT INV 4501: `outbound` (1), `inbound` (2), else the code as sent.
    public var movementDirection: String?
    /// EDIFACT LOC in the QTY group.
    public var location: InventoryLocation?
    /// X12 DTM in the QTY loop, EDIFACT DTM in the QTY group.
    public var dates: [InventoryDate] = []

    public init(qualifier: String, type: String) {
        self.qualifier = qualifier
        self.type = type
    }

    /// The canonical type of an X12 673 or EDIFACT 6063 quantity qualifier.
    public static func type(forQualifier qualifier: String) -> String {
        [
            "33": "available", "17": "onHand", "QH": "onHold", "29": "projectedAvailable", "37": "workInProcess",
            "145": "actualStock", "198": "inTransit", "66": "committed", "124": "damaged",
        ][qualifier] ?? "other"
    }
}

/// A quantity at one location (X12 SDQ pairs).
public struct InventoryLocationQuantity: Sendable, Hashable, Codable {
    public var location: String
    /// X12 SDQ02 (66: `92` assigned by buyer ...).
    public var locationQualifier: String?
    public var quantity: ExactDecimal?
    /// X12 SDQ01.
    public var unit: UnitOfMeasure?

    public init(location: String) {
        self.location = location
    }
}

/// A location: EDIFACT LOC 3227 qualifier and C517 3225 identification.
public struct InventoryLocation: Sendable, Hashable, Codable {
    public var qualifier: String?
    public var value: String

    public init(qualifier: String?, value: String) {
        self.qualifier = qualifier
        self.value = value
    }
}

/// A date with its qualifier as sent (X12 374, EDIFACT 2005), as ISO `YYYY-MM-DD`.
public struct InventoryDate: Sendable, Hashable, Codable {
    public var qualifier: String
    public var date: String

    public init(qualifier: String, date: String) {
        self.qualifier = qualifier
        self.date = date
    }
}
