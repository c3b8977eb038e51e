/// A segment tag packed into an integer, so the per-segment loop compares tags without making strings.
public struct Tag: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32

    public init<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        var value: UInt32 = 0
        var count = 0
        for byte in bytes {
            count += 1
            if count > 3 {
                value = UInt32.max
                break
            }
            value = value << 8 | UInt32(byte)
        }
        rawValue = value
    }

    public init(_ text: StaticString) {
        self.init(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    public var description: String {
        if rawValue == UInt32.max { return "?" }
        var bytes: [UInt8] = []
        var value = rawValue
        while value != 0 {
            bytes.insert(UInt8(value & 0xFF), at: 0)
            value >>= 8
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static let ISA = Tag("ISA"), IEA = Tag("IEA"), GS = Tag("GS"), GE = Tag("GE")
    public static let ST = Tag("ST"), SE = Tag("SE"), TA1 = Tag("TA1"), ISB = Tag("ISB"), ISE = Tag("ISE")
    public static let UNA = Tag("UNA"), UNB = Tag("UNB"), UNZ = Tag("UNZ"), UNG = Tag("UNG"), UNE = Tag("UNE")
    public static let UNH = Tag("UNH"), UNT = Tag("UNT")
}
