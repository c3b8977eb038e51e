/// Checks of the segments inside a transaction set: tag, character set, elements.
extension EnvelopeParser {
    mutating func checkBody(_ segment: Segment) {
        guard isWellFormedTag(segment) else {
            report(
                Finding(
                    .segmentTagInvalid, at: location(segment),
                    "the segment tag is not 2-3 upper-case letters or digits", value: segment.tagString))
            return
        }
        checkCharacters(segment)
        let table = standard == .x12 ? x12Table : edifactTable
        guard let index = table.index(of: segment.tag) else {
            if !table.isEmpty {
                report(
                    Finding(
                        .segmentTagUnknown, at: location(segment),
                        "\(segment.tagString) is not a segment of \(standard == .x12 ? "X12" : "EDIFACT")"))
            }
            return
        }
        guard options.checkElements, setChecksElements else { return }
        checkElements(segment, against: table.specs[index], lenientDecimalMark: lenientDecimalMark, as: nil)
    }

    /// Whether the open set's version is one the dictionary describes (X12 0040xx/0050xx, EDIFACT D96A/D96B).
    var checksElements: Bool {
        guard let setReport else { return false }
        if standard == .x12 {
            let version = groupReport?.version ?? ""
            return version.hasPrefix("0040") || version.hasPrefix("0050")
        }
        let parts = setReport.implementationReference.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count >= 3 && (parts[2] == "96A" || parts[2] == "96B")
    }

    /// Reports bytes outside the declared character set, with the element they are in.
    mutating func checkCharacters(_ segment: Segment) {
        guard charset.checksBytes else { return }
        switch charset.check(segment.rawBytes, delimiters: segment.delimiters) {
        case .ok:
            return
        case .violation(let index):
            var place = location(segment, element: segment.elementPosition(atByte: index))
            place.byteOffset = segment.offset + index
            let byte = segment.rawBytes[segment.rawBytes.startIndex + index]
            // A byte the declared character set cannot hold rejects the interchange (primer TV10).
            reportInterchange(
                Finding(
                    .characterSetViolation, at: place,
                    "byte 0x\(String(byte, radix: 16, uppercase: true)) is not in the declared character set \(interchange?.report.envelope.syntaxIdentifier ?? "")"
                ))
        case .levelExcluded(let index):
            if !options.strictCharacterSet && levelWarned { return }
            levelWarned = true
            var place = location(segment, element: segment.elementPosition(atByte: index))
            place.byteOffset = segment.offset + index
            let finding = Finding(
                .characterSetLevel, options.strictCharacterSet ? .error : .warning, at: place,
                "characters outside syntax level A (such as lower case) under UNOA")
            if options.strictCharacterSet { reportInterchange(finding) } else { report(finding) }
        }
    }
}

extension Segment {
    /// The 1-based element position holding the byte at `index` (0 = the tag).
    func elementPosition(atByte index: Int) -> Int {
        let absolute = Int(start) + index
        var position = 0
        for mark in storage.marks[Int(markStart)..<Int(markStart + markCount)] where Int(mark) < absolute {
            position += 1
        }
        return position
    }
}

extension EnvelopeParser {
    /// Dictionary checks of an envelope segment (UNB, UNG, TA1). Errors are reported under `code`
    /// (the header's own code) when given, so they reach the right acknowledgement level.
    mutating func checkEnvelopeElements(_ segment: Segment, as code: FindingCode?) {
        let table = standard == .x12 ? x12Table : edifactTable
        guard options.checkElements, let index = table.index(of: segment.tag) else { return }
        checkElements(segment, against: table.specs[index], lenientDecimalMark: true, as: code)
    }

    /// Runs the element checks of one segment and reports what they find.
    mutating func checkElements(
        _ segment: Segment, against spec: CompiledSegmentSpec, lenientDecimalMark: Bool, as code: FindingCode?
    ) {
        let validator = ElementValidator(
            standard: standard, lenientDecimalMark: lenientDecimalMark, declaredMark: segment.delimiters.decimalMark)
        validator.check(segment, against: spec) { problem in
            var place = location(segment, element: problem.element, component: problem.component)
            place.repetition = problem.repetition
            place.elementReference = problem.reference
            let reported = problem.severity == .error ? (code ?? problem.code) : problem.code
            report(Finding(reported, problem.severity, at: place, problem.message, value: problem.value))
        }
    }
}
