/// A traded item's identifier: the qualifier as sent, a canonical kind, and the GTIN-14 when it is one.
public struct ItemIdentifier: Sendable, Hashable, Codable {
    /// `gtin`, `vendorItem`, `buyerItem`, `sku`, `manufacturerPart` ... or `other`.
    public var kind: String
    /// The qualifier as sent (X12 235 `UP`, EDIFACT 7143 `EN`).
    public var qualifier: String
    public var value: String
    /// Left-padded to 14 digits, when the value is a GTIN (UPC-A, EAN-8/13, GTIN-14).
    public var gtin14: String?
    /// Whether the GS1 mod-10 check digit is right (only for GTINs).
    public var checkDigitValid: Bool?

    public init(qualifier: String, value: String) {
        self.qualifier = qualifier
        self.value = value
        switch qualifier {
        case "UP", "EN", "UK", "UA", "EA", "SRV": kind = "gtin"
        case "VN", "VP", "SA": kind = "vendorItem"
        case "BP", "IN": kind = "buyerItem"
        case "SK": kind = "sku"
        case "MF", "MG": kind = "manufacturerPart"
        default: kind = "other"
        }
        if kind == "gtin", let normalised = GTIN.normalise(value) {
            gtin14 = normalised
            checkDigitValid = GTIN.hasValidCheckDigit(normalised)
        }
    }
}

/// GS1 GTIN helpers.
public enum GTIN {
    /// The value padded with zeros on the left to 14 digits; nil unless it is 8, 12, 13 or 14 digits.
    public static func normalise(_ value: String) -> String? {
        let bytes = value.utf8
        guard [8, 12, 13, 14].contains(bytes.count), bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return String(repeating: "0", count: 14 - value.count) + value
    }

    /// The GS1 mod-10 check: weights 3 and 1 from the right, excluding the check digit.
    public static func hasValidCheckDigit(_ gtin14: String) -> Bool {
        let digits = gtin14.utf8.compactMap { $0 >= 0x30 && $0 <= 0x39 ? Int($0 - 0x30) : nil }
        guard digits.count == 14 else { return false }
        var sum = 0
        for (index, digit) in digits.dropLast().reversed().enumerated() { sum += digit * (index % 2 == 0 ? 3 : 1) }
        return (10 - sum % 10) % 10 == digits.last
    }
}

/// A unit of measure: the code as sent, and its UN/ECE Recommendation 20 code.
public struct UnitOfMeasure: Sendable, Hashable, Codable {
    public var original: String
    public var rec20: String

    /// From an X12 355 code (X12 `CA` is a case: Rec 20 `CS`).
    public init(x12 code: String) {
        original = code
        rec20 = UnitOfMeasure.x12ToRec20[code] ?? code
    }

    static let x12ToRec20 = [
        "CA": "CS", "DZ": "DZN", "LB": "LBR", "KG": "KGM", "EA": "EA", "CT": "CT", "PK": "PK", "BX": "BX", "PL": "PF",
        "GA": "GLL", "FT": "FOT",
    ]

    /// From a code that is already Rec 20 (EDIFACT, cXML, UBL).
    public init(rec20 code: String) {
        original = code
        rec20 = code
    }
}
