/// How the bytes of an interchange turn into text: from the EDIFACT syntax identifier (UNB S001 0001),
/// or ASCII with UTF-8 tolerated for X12.
public enum TextEncoding: String, Sendable, Hashable, Codable {
    /// Plain ASCII (EDIFACT UNOA, UNOB).
    case ascii
    /// ISO 8859-1 (UNOC).
    case latin1
    /// ISO 8859-2 (UNOD).
    case latin2
    /// ISO 8859-5, Cyrillic (UNOE).
    case cyrillic
    /// ISO 8859-7, Greek (UNOF).
    case greek
    /// UTF-8 (UNOW, UNOY, and X12 data beyond ASCII).
    case utf8

    /// The encoding an EDIFACT syntax identifier declares, or nil when unknown.
    public init?(syntaxIdentifier: String) {
        switch syntaxIdentifier {
        case "UNOA", "UNOB": self = .ascii
        case "UNOC": self = .latin1
        case "UNOD": self = .latin2
        case "UNOE": self = .cyrillic
        case "UNOF": self = .greek
        case "UNOW", "UNOY": self = .utf8
        default: return nil
        }
    }

    /// Decodes bytes. Invalid UTF-8 is repaired with U+FFFD (the validator reports it separately).
    public func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        switch self {
        case .ascii, .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .latin1:
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        case .cyrillic:
            return String(String.UnicodeScalarView(bytes.map(TextEncoding.iso8859_5)))
        case .latin2, .greek:
            // Only the ASCII half is shared with Latin-1; the upper half is decoded as Latin-1.
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        }
    }

    /// Encodes text for writing. Characters the encoding cannot hold become `?`.
    public func encode(_ text: String) -> [UInt8] {
        switch self {
        case .ascii, .utf8:
            return Array(text.utf8)
        case .latin1, .latin2, .greek:
            return text.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : UInt8(ascii: "?") }
        case .cyrillic:
            return text.unicodeScalars.map { scalar in
                let v = scalar.value
                if v < 0xA1 { return UInt8(v) }
                if v >= 0x401 && v <= 0x45F && v != 0x40D && v != 0x450 && v != 0x45D {
                    return UInt8(v - 0x401 + 0xA1)
                }
                switch v {
                case 0xAD: return 0xAD
                case 0x2116: return 0xF0
                case 0xA7: return 0xFD
                default: return UInt8(ascii: "?")
                }
            }
        }
    }

    private static func iso8859_5(_ byte: UInt8) -> Unicode.Scalar {
        switch byte {
        case 0..<0xA1, 0xAD: return Unicode.Scalar(byte)
        case 0xF0: return "\u{2116}"
        case 0xFD: return "\u{A7}"
        default: return Unicode.Scalar(UInt32(byte) - 0xA1 + 0x401)!
        }
    }
}
