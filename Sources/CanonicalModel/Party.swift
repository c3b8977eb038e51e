/// A party to a document in a canonical role, with its qualified identifiers and address.
public struct Party: Sendable, Hashable, Codable {
    /// `buyer`, `seller`, `billTo`, `shipTo`, `shipFrom`, `remitTo`, `payer` (primer §4.0).
    public var role: String
    /// The code the document used for the role (`BT`, `ST`, `BY`, `DP` ...).
    public var originalRole: String
    public var identifiers: [Identifier] = []
    public var name: String?
    public var street: [String] = []
    public var city: String?
    public var region: String?
    public var postalCode: String?
    public var country: String?

    public init(role: String, originalRole: String) {
        self.role = role
        self.originalRole = originalRole
    }

    /// Canonical role for an X12 N101 or EDIFACT NAD 3035 code.
    public static func role(forCode code: String) -> String {
        switch code {
        case "BY": return "buyer"
        case "SE", "SU", "VN": return "seller"
        case "BT", "IV": return "billTo"
        case "ST", "DP": return "shipTo"
        case "SF": return "shipFrom"
        case "RI", "PE": return "remitTo"
        case "PR": return "payer"
        default: return "other"
        }
    }
}

/// An identifier with its scheme: the qualifier as sent, and a readable scheme name when known.
public struct Identifier: Sendable, Hashable, Codable {
    public var value: String
    /// The qualifier as sent (X12 N103 `92`, EDIFACT 3055 `9`).
    public var qualifier: String?
    /// `DUNS`, `GLN`, `assignedByBuyer`, `assignedBySeller` ...
    public var scheme: String?

    public init(value: String, qualifier: String? = nil, scheme: String? = nil) {
        self.value = value
        self.qualifier = qualifier
        self.scheme = scheme
    }

    static let x12Schemes = [
        "1": "DUNS", "9": "DUNS+4", "UL": "GLN", "91": "assignedBySeller", "92": "assignedByBuyer",
    ]
    static let edifactSchemes = ["9": "GLN", "16": "DUNS", "91": "assignedBySeller", "92": "assignedByBuyer"]

    /// Scheme name for an X12 N103 qualifier.
    public static func x12Scheme(_ qualifier: String) -> String? {
        x12Schemes[qualifier]
    }

    /// Scheme name for an EDIFACT 3055 code list agency.
    public static func edifactScheme(_ agency: String) -> String? {
        edifactSchemes[agency]
    }
}
