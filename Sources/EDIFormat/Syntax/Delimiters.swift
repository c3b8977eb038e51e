/// The service characters of one interchange. X12 takes them from the ISA, EDIFACT from the UNA or
/// the defaults. They are bytes: every delimiter of both standards is a single byte.
public struct Delimiters: Sendable, Hashable {
    public var element: UInt8
    public var component: UInt8
    /// The repetition separator, when the version has one (X12 ISA11 from 00402, EDIFACT syntax 4).
    public var repetition: UInt8?
    public var segment: UInt8
    /// The EDIFACT release character; X12 has none.
    public var release: UInt8?
    /// The EDIFACT decimal mark declared in UNA position 6 (`.` by default).
    public var decimalMark: UInt8

    public init(
        element: UInt8, component: UInt8, repetition: UInt8? = nil, segment: UInt8, release: UInt8? = nil,
        decimalMark: UInt8 = UInt8(ascii: ".")
    ) {
        self.element = element
        self.component = component
        self.repetition = repetition
        self.segment = segment
        self.release = release
        self.decimalMark = decimalMark
    }

    /// The common X12 set: `*` `>` `^` `~` (repetition only when asked for).
    public static func x12(repetition: UInt8? = nil) -> Delimiters {
        Delimiters(
            element: UInt8(ascii: "*"), component: UInt8(ascii: ">"), repetition: repetition, segment: UInt8(ascii: "~")
        )
    }

    /// The EDIFACT defaults `:+.? '`, with the syntax 4 repetition separator `*` when `version >= 4`.
    public static func edifactDefault(syntaxVersion: Int = 3) -> Delimiters {
        Delimiters(
            element: UInt8(ascii: "+"), component: UInt8(ascii: ":"),
            repetition: syntaxVersion >= 4 ? UInt8(ascii: "*") : nil,
            segment: UInt8(ascii: "'"), release: UInt8(ascii: "?"))
    }

    /// Syntax level B without UNA: IS1 / IS3 / IS4 and no release character.
    public static let edifactUNOB = Delimiters(element: 0x1D, component: 0x1F, segment: 0x1C)

    /// The delimiters in use, for checks such as "never copy a value that contains one of them".
    public var all: [UInt8] {
        var result = [element, component, segment]
        if let repetition { result.append(repetition) }
        if let release { result.append(release) }
        return result
    }

    /// True when the delimiters are pairwise different and none is a letter or digit.
    public var isUsable: Bool {
        let list = all
        if Set(list).count != list.count { return false }
        return !list.contains { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }
    }
}
