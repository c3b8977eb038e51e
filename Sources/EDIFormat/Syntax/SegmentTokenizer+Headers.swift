/// Reading delimiters from interchange headers: ISA (X12), UNA and UNB (EDIFACT).
extension SegmentTokenizer {
    /// The fixed ISA element widths, ISA01 to ISA16.
    static let isaWidths = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1]
    /// 0-based offsets of the element separator in a fixed-width ISA.
    static let isaSeparatorOffsets = [3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103]

    /// Reads the delimiters of the ISA at `position`. Returns nil when more input is needed, true when
    /// the ISA segment can be scanned, false when the header was unusable and skipped.
    mutating func detectX12(final: Bool) -> Bool? {
        let start = position
        let separator = buffer[start + 3]
        // The header with line breaks removed (a file wrapped at a fixed width may break inside the ISA);
        // the 106th byte is taken as it is, since a newline may be the terminator.
        var header: [UInt8] = []
        var index = start
        while index < buffer.count && header.count < 105 {
            let byte = buffer[index]
            if byte != 0x0D && byte != 0x0A { header.append(byte) }
            index += 1
        }
        if index < buffer.count && header.count == 105 { header.append(buffer[index]) }
        if header.count < 106 && !final { return nil }
        if header.count == 106 && Self.isaSeparatorOffsets.allSatisfy({ header[$0] == separator }) {
            return beginX12(
                separator: separator, component: header[104], terminator: header[105],
                isa11: header[82], version: Array(header[84..<89]), shapeProblem: nil)
        }
        // Not fixed-width: split on the separator to find the 16 elements (TV21), if they are there.
        var found: [Int] = [start + 3]
        index = start + 4
        let limit = min(buffer.count, start + 400)
        while index < limit && found.count < 16 {
            let byte = buffer[index]
            if byte == separator { found.append(index) }
            if byte == 0x0A && found.count < 15 { break }
            index += 1
        }
        guard found.count == 16, found[15] + 2 < buffer.count else {
            if !final && buffer.count < start + 400 { return nil }
            return skipUnusableHeader()
        }
        var widths: [Int] = []
        for element in 0..<15 { widths.append(found[element + 1] - found[element] - 1) }
        let wrong = widths.indices.first { widths[$0] != Self.isaWidths[$0] }.map { $0 + 1 }
        let isa11 = found[10] + 1 < found[11] ? buffer[found[10] + 1] : 0x20
        let version = Array(buffer[(found[11] + 1)..<found[12]])
        return beginX12(
            separator: separator, component: buffer[found[15] + 1], terminator: buffer[found[15] + 2],
            isa11: isa11, version: version, shapeProblem: .some(wrong))
    }

    private mutating func beginX12(
        separator: UInt8, component: UInt8, terminator: UInt8, isa11: UInt8, version: [UInt8], shapeProblem: Int??
    ) -> Bool {
        let allowsRepetition = version.count == 5 && String(decoding: version, as: UTF8.self) >= "00402"
        let repetition: UInt8? =
            allowsRepetition && !isAlphanumeric(isa11) && isa11 != 0x20 && isa11 != separator && isa11 != component
                && isa11 != terminator ? isa11 : nil
        let candidate = Delimiters(
            element: separator, component: component, repetition: repetition, segment: terminator)
        guard candidate.isUsable else { return skipUnusableHeader() }
        // A multi-byte UTF-8 terminator (such as U+2026): its continuation bytes are skipped between segments.
        skipsContinuationBytes = terminator >= 0xC2 && terminator <= 0xF4
        if skipsContinuationBytes {
            pending.append(.issue(TokenIssue(kind: .multiByteTerminator, offset: baseOffset + position)))
        }
        if let shapeProblem {
            pending.append(.issue(TokenIssue(kind: .headerShape(element: shapeProblem), offset: baseOffset + position)))
        }
        setSyntax(candidate, encoding: .utf8)
        sawUNA = false
        return true
    }

    /// Reports a header whose delimiters cannot be read and looks for the next interchange.
    private mutating func skipUnusableHeader() -> Bool {
        headerGap = nil
        pending.append(.issue(TokenIssue(kind: .delimiters, offset: baseOffset + position)))
        sawInterchange = true
        inInterchange = false
        strayStart = nil
        position += 3
        return false
    }

    /// Reads a UNA service string advice.
    mutating func detectUNA() {
        let start = position
        let b = Array(buffer[start..<(start + 9)])
        let candidate = Delimiters(
            element: b[4], component: b[3], repetition: b[7] == 0x20 ? nil : b[7], segment: b[8],
            release: b[6] == 0x20 ? nil : b[6], decimalMark: b[5])
        pending.append(.una(b, baseOffset + start))
        position += 9
        guard candidate.isUsable || (candidate.repetition != nil && withoutRepetition(candidate).isUsable) else {
            pending.append(.issue(TokenIssue(kind: .delimiters, offset: baseOffset + start)))
            sawInterchange = true
            inInterchange = false
            return
        }
        setSyntax(candidate.isUsable ? candidate : withoutRepetition(candidate), encoding: .ascii)
        sawUNA = true
    }

    private func withoutRepetition(_ delimiters: Delimiters) -> Delimiters {
        var result = delimiters
        result.repetition = nil
        return result
    }

    /// Starts an EDIFACT interchange at a UNB: the UNA's delimiters when one came just before, else the defaults.
    mutating func detectUNB() {
        if !sawUNA {
            let unob = buffer[position + 3] == 0x1D
            setSyntax(unob ? .edifactUNOB : .edifactDefault(syntaxVersion: 3), encoding: .ascii)
        } else {
            inInterchange = true
            sawInterchange = true
        }
    }

    /// After the UNB: its syntax identifier sets the encoding, its version the repetition separator.
    mutating func applySyntaxIdentifier(start: Int, end: Int) {
        var index = start + 4
        var identifier: [UInt8] = []
        while index < end, buffer[index] != delimiters.component, buffer[index] != delimiters.element {
            identifier.append(buffer[index])
            index += 1
        }
        var version: UInt8 = 0x33
        if index + 1 < end, buffer[index] == delimiters.component { version = buffer[index + 1] }
        let name = String(decoding: identifier, as: UTF8.self)
        var updated = delimiters
        if version >= 0x34 {
            if !sawUNA && updated.repetition == nil && updated.release != nil { updated.repetition = UInt8(ascii: "*") }
        } else {
            updated.repetition = nil
        }
        setSyntax(updated, encoding: TextEncoding(syntaxIdentifier: name) ?? .latin1)
    }

    mutating func setSyntax(_ newDelimiters: Delimiters, encoding newEncoding: TextEncoding) {
        if newDelimiters.release != nil { skipsContinuationBytes = false }
        if newDelimiters != delimiters {
            classes = ByteClasses(delimiters: newDelimiters)
        }
        delimiters = newDelimiters
        encoding = newEncoding
        inInterchange = true
        sawInterchange = true
    }
}
