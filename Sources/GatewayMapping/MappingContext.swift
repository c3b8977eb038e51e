import CanonicalModel
import EDIFormat

/// What a mapping needs from outside: the partner, the clock, the file's digest. Mappers read no clock.
public struct MappingContext: Sendable, Hashable {
    public var partner: String
    /// RFC 3339 time stamped on the events.
    public var time: String
    public var fileSHA256: String?

    public init(partner: String, time: String, fileSHA256: String? = nil) {
        self.partner = partner
        self.time = time
        self.fileSHA256 = fileSHA256
    }
}

/// A transaction set that produced no event, and why.
public struct MappingIssue: Sendable, Hashable, Codable {
    public enum Code: String, Sendable, Hashable, Codable {
        /// No mapper for this transaction set or message type (yet).
        case unsupportedType = "mapping.unsupported_type"
        /// The set failed validation: it is acknowledged as rejected and yields no event.
        case setRejected = "mapping.set_rejected"
        /// The interchange was rejected at the envelope.
        case interchangeRejected = "mapping.interchange_rejected"
        /// An XML document that is not well-formed, or carries a DOCTYPE with declarations.
        case xmlRejected = "mapping.xml_rejected"
    }

    public var code: Code
    public var location: Location
    public var message: String
    /// The 1-based line, for XML inputs (byte offsets locate EDI issues).
    public var line: Int? = nil
}

/// Dates in EDI forms to ISO 8601.
enum ISODate {
    /// `CCYYMMDD` or `YYMMDD` (century 20) to `YYYY-MM-DD`; nil otherwise.
    static func fromX12(_ value: String) -> String? {
        let digits = Array(value)
        guard digits.allSatisfy(\.isNumber) else { return nil }
        switch digits.count {
        case 8: return "\(String(digits[0..<4]))-\(String(digits[4..<6]))-\(String(digits[6..<8]))"
        case 6: return "20\(String(digits[0..<2]))-\(String(digits[2..<4]))-\(String(digits[4..<6]))"
        default: return nil
        }
    }

    /// EDIFACT 2380 by its format 2379: 102 (`CCYYMMDD`), 203/204 (date and time; the date is kept), 101 (`YYMMDD`).
    static func fromEDIFACT(_ value: String, format: String) -> String? {
        switch format {
        case "102", "": return value.count == 8 ? fromX12(value) : nil
        case "203", "204": return value.count >= 8 ? fromX12(String(value.prefix(8))) : nil
        case "101": return value.count == 6 ? fromX12(value) : nil
        default: return nil
        }
    }
}

/// An ISO 4217 code: three upper-case ASCII letters; anything else is not a currency.
func isoCurrency(_ value: String) -> String? {
    value.utf8.count == 3 && value.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) ? value : nil
}
