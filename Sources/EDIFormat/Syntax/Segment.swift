/// One segment: a tag and its elements, a view over the tokenizer's bytes.
///
/// Positions are 1-based as the standards count them: `segment[1]` is the first element after the tag
/// (`BEG01`). An element that is absent (past the last one sent) reads as empty.
public struct Segment: Sendable {
    let storage: SegmentStorage
    /// Byte range of the segment in `storage.bytes`, terminator excluded.
    let start: Int32
    let end: Int32
    /// Range of this segment's element separators in `storage.marks`.
    let markStart: Int32
    let markCount: Int32
    /// The interchange's delimiters and text encoding.
    public let delimiters: Delimiters
    public let encoding: TextEncoding
    /// Byte offset of the first byte of the segment in the input, counted from 0.
    public let offset: Int
    let flags: Flags

    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        /// The segment contains an EDIFACT release character.
        static let released = Flags(rawValue: 1)
        /// The input ended before the terminator.
        static let unterminated = Flags(rawValue: 2)
    }

    /// The same segment in storage of its own, so keeping it does not keep its whole input chunk alive.
    public func detached() -> Segment {
        let first = Int(markStart)
        let localMarks = storage.marks[first..<(first + Int(markCount))].map { $0 - start }
        return Segment(
            storage: SegmentStorage(bytes: Array(rawBytes), marks: localMarks), start: 0, end: end - start,
            markStart: 0,
            markCount: markCount, delimiters: delimiters, encoding: encoding, offset: offset, flags: flags)
    }

    /// True when the input ended before this segment's terminator.
    public var isUnterminated: Bool { flags.contains(.unterminated) }

    /// The raw bytes of the segment, tag included, terminator excluded.
    public var rawBytes: ArraySlice<UInt8> { storage.bytes[Int(start)..<Int(end)] }

    /// Number of elements after the tag, trailing empty ones included.
    public var count: Int { Int(markCount) }

    /// The tag's bytes (everything before the first element separator).
    public var tagBytes: ArraySlice<UInt8> {
        let tagEnd = markCount > 0 ? Int(storage.marks[Int(markStart)]) : Int(end)
        return storage.bytes[Int(start)..<tagEnd]
    }

    /// The tag as a compact value for fast comparison.
    public var tag: Tag {
        let tagEnd = markCount > 0 ? Int(storage.marks[Int(markStart)]) : Int(end)
        guard tagEnd - Int(start) <= 3 else { return Tag(rawValue: UInt32.max) }
        var value: UInt32 = 0
        for index in Int(start)..<tagEnd { value = value << 8 | UInt32(storage.bytes[index]) }
        return Tag(rawValue: value)
    }

    /// The tag as text, e.g. `BEG`.
    public var tagString: String { String(decoding: tagBytes, as: UTF8.self) }

    /// The element at a 1-based position; an empty element past the end.
    public subscript(position: Int) -> Element {
        guard position >= 1, position <= count else {
            return Element(segment: self, start: end, end: end)
        }
        let markIndex = Int(markStart) + position - 1
        let elementStart = storage.marks[markIndex] + 1
        let elementEnd = position < count ? storage.marks[markIndex + 1] : end
        return Element(segment: self, start: elementStart, end: elementEnd)
    }

    /// The elements in order.
    public var elements: [Element] { (0..<count).map { self[$0 + 1] } }

    /// Text of the element at a position (release characters removed), empty when absent.
    public func string(_ position: Int) -> String { self[position].string }

    /// The position of the last non-empty element: trailing elements that are empty, or hold nothing but
    /// component and repetition separators, are treated as absent.
    public var lastNonEmptyPosition: Int {
        var position = count
        while position > 0 && self[position].isBlank { position -= 1 }
        return position
    }
}
