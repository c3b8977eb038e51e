/// One element of a segment: a view with its components and repetitions found on demand.
public struct Element: Sendable {
    let segment: Segment
    let start: Int32
    let end: Int32

    /// The raw bytes (release characters still in place).
    public var rawBytes: ArraySlice<UInt8> { segment.storage.bytes[Int(start)..<Int(end)] }

    public var isEmpty: Bool { start == end }

    /// Empty, or only component and repetition separators (`>` or `>>` with nothing between).
    public var isBlank: Bool {
        let delimiters = segment.delimiters
        return rawBytes.allSatisfy { $0 == delimiters.component || $0 == delimiters.repetition }
    }

    /// The value's bytes with EDIFACT release characters removed.
    public var bytes: [UInt8] { Element.unescape(rawBytes, release: released ? segment.delimiters.release : nil) }

    /// The value as text in the interchange's encoding, release characters removed.
    public var string: String { segment.encoding.decode(bytes) }

    var released: Bool { segment.flags.contains(.released) }

    /// The repetitions of this element (one when the interchange has no repetition separator).
    public var repetitions: [Element] { split(on: segment.delimiters.repetition) }

    /// The components of this element (one for a simple element).
    public var components: [Element] { split(on: segment.delimiters.component) }

    /// The component at a 1-based position, empty when absent.
    public subscript(component position: Int) -> Element {
        let parts = components
        return position >= 1 && position <= parts.count
            ? parts[position - 1] : Element(segment: segment, start: end, end: end)
    }

    /// True when the raw value contains the given delimiter outside a release.
    func contains(delimiter: UInt8?) -> Bool { split(on: delimiter).count > 1 }

    private func split(on separator: UInt8?) -> [Element] {
        guard let separator else { return [self] }
        let bytes = segment.storage.bytes
        let release = released ? segment.delimiters.release : nil
        var parts: [Element] = []
        var partStart = start
        var index = start
        while index < end {
            let byte = bytes[Int(index)]
            if byte == release {
                index += 2
                continue
            }
            if byte == separator {
                parts.append(Element(segment: segment, start: partStart, end: index))
                partStart = index + 1
            }
            index += 1
        }
        parts.append(Element(segment: segment, start: partStart, end: end))
        return parts
    }

    static func unescape(_ raw: ArraySlice<UInt8>, release: UInt8?) -> [UInt8] {
        guard let release, raw.contains(release) else { return Array(raw) }
        var result: [UInt8] = []
        result.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            if raw[index] == release, index + 1 < raw.endIndex {
                index += 1
            }
            result.append(raw[index])
            index += 1
        }
        return result
    }
}
