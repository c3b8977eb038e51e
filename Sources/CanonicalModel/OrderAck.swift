/// A PO acknowledgement (X12 855, EDIFACT ORDRSP), primer §4.2.
public struct OrderAck: CanonicalPayload {
    public static let eventType = "edigate.order-ack.v1"
    public var documentNumber: String { orderNumber }

    /// The order acknowledged (X12 BAK03, EDIFACT RFF+ON).
    public var orderNumber: String
    /// ISO `YYYY-MM-DD` (X12 BAK04, EDIFACT DTM 171 or 4 after RFF+ON).
    public var orderDate: String?
    /// X12 BAK01 (353). EDIFACT has none of its own: BGM 1225 is the `ackType`.
    public var purpose: Purpose?
    /// X12 BAK02 (587) or EDIFACT BGM 1225.
    public var ackType: AckType?
    /// The seller's own number for the order or the response (X12 BAK08, EDIFACT BGM 1004).
    public var sellerOrderNumber: String?
    /// ISO `YYYY-MM-DD` (X12 BAK09, EDIFACT DTM 137).
    public var ackDate: String?
    /// ISO 4217.
    public var currency: String?
    public var references: [Reference] = []
    public var parties: [Party] = []
    public var lines: [OrderAckLine] = []
    /// The line count the document declares (X12 CTT01, EDIFACT CNT 2).
    public var declaredLineCount: Int?
    /// The total the document declares (X12 AMT TT, EDIFACT MOA 79, 86, 128 or 9 after UNS).
    public var declaredTotalAmount: ExactDecimal?

    public init(orderNumber: String) {
        self.orderNumber = orderNumber
    }
}

/// One acknowledged line: what was ordered, and what the seller confirms.
public struct OrderAckLine: Sendable, Hashable, Codable {
    /// X12 PO101, EDIFACT LIN 1082; nil when the document does not number its lines.
    public var lineNumber: String?
    /// X12 ACK01 (668) or EDIFACT LIN 1229.
    public var status: AckLineStatus?
    /// X12 PO102, EDIFACT QTY 21.
    public var orderedQuantity: ExactDecimal?
    /// X12 PO103, EDIFACT QTY 21 6411.
    public var unit: UnitOfMeasure?
    /// X12 ACK02, EDIFACT QTY 113.
    public var confirmedQuantity: ExactDecimal?
    /// X12 ACK03, EDIFACT QTY 113 6411.
    public var confirmedUnit: UnitOfMeasure?
    /// X12 ACK05 when ACK04 is a ship date (`068`, `010`, `011`); EDIFACT DTM 10 or 11 in the line.
    public var confirmedShipDate: String?
    /// X12 ACK05 when ACK04 is a delivery date (`067`, `002`, `017`); EDIFACT DTM 2, 69, 17 in the line.
    public var confirmedDeliveryDate: String?
    /// X12 PO104, EDIFACT PRI 5118.
    public var unitPrice: ExactDecimal?
    /// X12 PO105, EDIFACT PRI 5125.
    public var priceBasis: String?
    public var items: [ItemIdentifier] = []
    public var description: String?
    /// Further X12 ACK segments of the same line (a line split across statuses, quantities or dates).
    public var splits: [OrderAckSplit] = []

    public init(lineNumber: String?) {
        self.lineNumber = lineNumber
    }
}

/// A further status for part of a line (the second and later X12 ACK of one PO1).
public struct OrderAckSplit: Sendable, Hashable, Codable {
    public var status: AckLineStatus
    public var quantity: ExactDecimal?
    public var unit: UnitOfMeasure?
    public var shipDate: String?
    public var deliveryDate: String?

    public init(status: AckLineStatus) {
        self.status = status
    }
}

/// How the seller acknowledges the order as a whole: the code as sent and its canonical meaning.
public struct AckType: Sendable, Hashable, Codable {
    public var code: String
    /// `detailAndChange`, `detailNoChange`, `exceptionDetailOnly`, `noDetailOrChange`, `accepted`,
    /// `productReplenishment`, `change`, `rejectedWithDetail`, `rejectedExceptionDetailOnly`, `rejected`,
    /// `original`, `replace`, `cancellation`, `duplicate`, `copy`, `confirmation`, or `other`.
    public var meaning: String

    public init(code: String, meaning: String) {
        self.code = code
        self.meaning = meaning
    }

    /// From X12 587 (BAK02).
    public static func x12(_ code: String) -> AckType {
        let meanings = [
            "AC": "detailAndChange", "AD": "detailNoChange", "AE": "exceptionDetailOnly", "AK": "noDetailOrChange",
            "AP": "productReplenishment", "AT": "accepted", "RD": "rejectedWithDetail",
            "RF": "rejectedExceptionDetailOnly", "RJ": "rejected",
        ]
        return AckType(code: code, meaning: meanings[code] ?? "other")
    }

    /// From EDIFACT 1225 (BGM of an ORDRSP).
    public static func edifact(_ code: String) -> AckType {
        let meanings = [
            "29": "accepted", "4": "change", "27": "rejected", "9": "original", "5": "replace", "1": "cancellation",
            "7": "duplicate", "31": "copy", "6": "confirmation",
        ]
        return AckType(code: code, meaning: meanings[code] ?? "other")
    }
}

/// A line's status: the code as sent and its canonical meaning.
public struct AckLineStatus: Sendable, Hashable, Codable {
    public var code: String
    /// `accepted`, `backordered`, `acceptedWithChanges`, `priceChanged`, `quantityChanged`, `dateRescheduled`,
    /// `rejected`, `deleted`, `substituted`, `added`, `changed`, `onHold`, or `other`.
    public var meaning: String

    public init(code: String, meaning: String) {
        self.code = code
        self.meaning = meaning
    }

    /// From X12 668 (ACK01).
    public static func x12(_ code: String) -> AckLineStatus {
        let meanings = [
            "IA": "accepted", "AR": "accepted", "IB": "backordered", "BP": "backordered", "IC": "acceptedWithChanges",
            "IP": "priceChanged", "IQ": "quantityChanged", "DR": "dateRescheduled", "IR": "rejected",
            "R1": "rejected", "R2": "rejected", "R3": "rejected", "R4": "rejected", "ID": "deleted",
            "IS": "substituted", "IF": "onHold", "IH": "onHold", "IW": "onHold",
        ]
        return AckLineStatus(code: code, meaning: meanings[code] ?? "other")
    }

    /// From EDIFACT 1229 (LIN of an ORDRSP).
    public static func edifact(_ code: String) -> AckLineStatus {
        let meanings = [
            "5": "accepted", "3": "changed", "6": "acceptedWithChanges", "7": "rejected", "1": "added", "2": "deleted",
        ]
        return AckLineStatus(code: code, meaning: meanings[code] ?? "other")
    }
}
