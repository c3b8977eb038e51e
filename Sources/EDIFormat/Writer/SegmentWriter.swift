/// Writes segments from element values with a given set of delimiters.
///
/// Trailing empty elements and components are never written (primer §1.4, §3.1). EDIFACT service
/// characters inside values are escaped with the release character.
public struct SegmentWriter: Sendable {
    public var delimiters: Delimiters
    public var encoding: TextEncoding
    /// Bytes written after each segment terminator (`""`, `"\n"`, `"\r\n"`).
    public var suffix: [UInt8]
    public private(set) var bytes: [UInt8] = []
    /// Segments written since the last `resetCount()`.
    public private(set) var count = 0

    public init(delimiters: Delimiters, encoding: TextEncoding = .utf8, suffix: [UInt8] = []) {
        self.delimiters = delimiters
        self.encoding = encoding
        self.suffix = suffix
    }

    /// Writes a segment. Each element is a list of components (one for a simple element).
    public mutating func write(_ tag: String, _ elements: [[String]]) {
        bytes.append(contentsOf: tag.utf8)
        var trimmed = elements.map { components -> [String] in
            var list = components
            while let last = list.last, last.isEmpty { list.removeLast() }
            return list
        }
        while let last = trimmed.last, last.isEmpty { trimmed.removeLast() }
        for components in trimmed {
            bytes.append(delimiters.element)
            for (index, component) in components.enumerated() {
                if index > 0 { bytes.append(delimiters.component) }
                append(component)
            }
        }
        bytes.append(delimiters.segment)
        bytes.append(contentsOf: suffix)
        count += 1
    }

    /// Writes a segment of simple elements.
    public mutating func write(_ tag: String, _ elements: String...) {
        write(tag, elements.map { [$0] })
    }

    /// Writes raw bytes as they are (a UNA, or a segment copied byte for byte).
    public mutating func writeRaw(_ raw: some Sequence<UInt8>) {
        bytes.append(contentsOf: raw)
    }

    public mutating func resetCount() { count = 0 }

    private mutating func append(_ value: String) {
        let encoded = encoding.encode(value)
        guard let release = delimiters.release else {
            bytes.append(contentsOf: encoded)
            return
        }
        let special = Set(delimiters.all)
        for byte in encoded {
            if special.contains(byte) { bytes.append(release) }
            bytes.append(byte)
        }
    }
}
