/// A purchase order (X12 850, EDIFACT ORDERS, cXML OrderRequest, UBL Order), primer §4.1.
public struct Order: CanonicalPayload {
    public static let eventType = "edigate.order.v1"
    public var documentNumber: String { orderNumber }

    public var orderNumber: String
    /// ISO `YYYY-MM-DD`.
    public var orderDate: String?
    public var purpose: Purpose
    /// X12 BEG02 (`SA`, `NE`, `RL`, `BK`, `DS`) or EDIFACT BGM 1001 (`220`).
    public var orderType: String?
    /// ISO 4217.
    public var currency: String?
    public var references: [Reference] = []
    public var contacts: [Contact] = []
    public var requestedDeliveryDate: String?
    public var requestedShipDate: String?
    public var parties: [Party] = []
    public var notes: [String] = []
    public var lines: [OrderLine] = []
    /// The line count the document declares (X12 CTT01, EDIFACT CNT 2).
    public var declaredLineCount: Int?
    /// X12 CTT02: the sum of the line quantities, as declared.
    public var declaredQuantityTotal: ExactDecimal?
    /// The total the document declares (X12 AMT TT, EDIFACT MOA 79/86/128).
    public var declaredTotalAmount: ExactDecimal?
    /// Sum of quantity × unit price over the lines that have both.
    public var computedTotalAmount: ExactDecimal?

    public init(orderNumber: String, purpose: Purpose) {
        self.orderNumber = orderNumber
        self.purpose = purpose
    }
}

/// One order line.
public struct OrderLine: Sendable, Hashable, Codable {
    public var lineNumber: String
    public var quantity: ExactDecimal?
    public var unit: UnitOfMeasure?
    public var unitPrice: ExactDecimal?
    /// X12 PO105 (`PE` per each ...), EDIFACT PRI 5125 (`AAA` net, `AAB` gross).
    public var priceBasis: String?
    public var items: [ItemIdentifier] = []
    public var description: String?
    /// Inner units per outer pack (X12 PO401, EDIFACT QTY 59).
    public var packSize: ExactDecimal?
    public var requestedDeliveryDate: String?

    public init(lineNumber: String) {
        self.lineNumber = lineNumber
    }
}

/// What a document is for: its code as sent and the canonical meaning (primer §4.0).
public struct Purpose: Sendable, Hashable, Codable {
    public var code: String
    /// `original`, `cancellation`, `replace`, `change`, `confirmation`, `duplicate`, `copy`, or `other`.
    public var meaning: String

    public init(code: String, meaning: String) {
        self.code = code
        self.meaning = meaning
    }

    /// From X12 353 (BEG01, BSN01, BIG09 ...).
    public static func x12(_ code: String) -> Purpose {
        let meanings = [
            "00": "original", "01": "cancellation", "05": "replace", "06": "confirmation", "07": "duplicate",
        ]
        return Purpose(code: code, meaning: meanings[code] ?? "other")
    }

    /// From EDIFACT 1225 (BGM).
    public static func edifact(_ code: String) -> Purpose {
        let meanings = [
            "9": "original", "1": "cancellation", "4": "change", "5": "replace", "7": "duplicate", "31": "copy",
            "29": "acceptedWithoutAmendment", "27": "notAccepted",
        ]
        return Purpose(code: code, meaning: meanings[code] ?? "other")
    }
}

/// A qualified reference (`DP` department 042, `CT` contract ...).
public struct Reference: Sendable, Hashable, Codable {
    public var qualifier: String
    public var value: String

    public init(qualifier: String, value: String) {
        self.qualifier = qualifier
        self.value = value
    }
}

/// A contact person with the role code as sent.
public struct Contact: Sendable, Hashable, Codable {
    public var role: String
    public var name: String?
    public var phone: String?
    public var email: String?

    public init(role: String) {
        self.role = role
    }
}
