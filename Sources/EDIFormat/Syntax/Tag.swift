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

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
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

    // Envelope tags as constants (computed, so comparing with them costs no lazy global).
    public static var ISA: Tag { Tag(rawValue: 0x495341) }
    public static var IEA: Tag { Tag(rawValue: 0x494541) }
    public static var GS: Tag { Tag(rawValue: 0x4753) }
    public static var GE: Tag { Tag(rawValue: 0x4745) }
    public static var ST: Tag { Tag(rawValue: 0x5354) }
    public static var SE: Tag { Tag(rawValue: 0x5345) }
    public static var TA1: Tag { Tag(rawValue: 0x544131) }
    public static var ISB: Tag { Tag(rawValue: 0x495342) }
    public static var ISE: Tag { Tag(rawValue: 0x495345) }
    public static var UNA: Tag { Tag(rawValue: 0x554E41) }
    public static var UNB: Tag { Tag(rawValue: 0x554E42) }
    public static var UNZ: Tag { Tag(rawValue: 0x554E5A) }
    public static var UNG: Tag { Tag(rawValue: 0x554E47) }
    public static var UNE: Tag { Tag(rawValue: 0x554E45) }
    public static var UNH: Tag { Tag(rawValue: 0x554E48) }
    public static var UNT: Tag { Tag(rawValue: 0x554E54) }
}
