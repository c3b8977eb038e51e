/// Checks segment bytes against the character set an EDIFACT interchange declares (primer §3.2).
struct CharacterSetCheck: Sendable {
    enum Verdict: Equatable {
        case ok
        /// A byte the encoding cannot represent at all; `index` is the byte's index in the segment.
        case violation(index: Int)
        /// Printable ASCII the level excludes (lower case under UNOA).
        case levelExcluded(index: Int)
    }

    let encoding: TextEncoding
    let standard: Standard
    let levelA: Bool
    let levelB: Bool

    init(encoding: TextEncoding, standard: Standard, syntaxIdentifier: String = "") {
        self.encoding = encoding
        self.standard = standard
        levelA = syntaxIdentifier == "UNOA"
        levelB = syntaxIdentifier == "UNOB"
    }

    /// UNOA: upper case, digits, space and `. , - ( ) / = ' + : ? ! " % & * ; < >`.
    static let levelACharacters: [Bool] = {
        var table = [Bool](repeating: false, count: 128)
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] = true }
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] = true }
        for byte in " .,-()/='+:?!\"%&*;<>".utf8 { table[Int(byte)] = true }
        return table
    }()

    /// False when no byte can be out of the character set (X12, Latin-1 and the other 8-bit sets).
    var checksBytes: Bool { standard == .edifact && (encoding == .ascii || encoding == .utf8) }

    func check(_ bytes: ArraySlice<UInt8>, delimiters: Delimiters) -> Verdict {
        guard standard == .edifact else { return .ok }
        switch encoding {
        case .ascii:
            var excluded: Int?
            for (offset, byte) in bytes.enumerated() {
                if byte >= 0x80 { return .violation(index: offset) }
                if levelA && excluded == nil && !Self.levelACharacters[Int(byte)] && !delimiters.all.contains(byte) {
                    excluded = offset
                }
            }
            return excluded.map { .levelExcluded(index: $0) } ?? .ok
        case .utf8:
            if let index = Self.firstInvalidUTF8(bytes) { return .violation(index: index) }
            return .ok
        default:
            return .ok
        }
    }

    /// Index of the first byte that breaks UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var decoder = UTF8()
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let length: Int
            switch bytes[start] {
            case 0..<0x80: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return start - bytes.startIndex
            }
            guard start + length <= bytes.endIndex else { return start - bytes.startIndex }
            var scalar = bytes[start..<(start + length)].makeIterator()
            guard case .scalarValue = decoder.decode(&scalar) else { return start - bytes.startIndex }
            start += length
        }
        return nil
    }
}
