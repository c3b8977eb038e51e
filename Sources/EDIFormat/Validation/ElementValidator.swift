/// Checks a segment's elements against its dictionary definition: presence, count, components,
/// repetitions, lengths and types. Pure: it reports through a callback.
///
/// It runs once per segment on the hot path, so it reads the segment's bytes through a pointer and
/// compiled (plain-value) definitions, and makes text only for the problems it reports.
struct ElementValidator {
    struct Problem {
        var code: FindingCode
        var severity: Finding.Severity = .error
        var element: Int
        var component: Int?
        var repetition: Int?
        var reference: String?
        var message: String
        var value: String?
    }

    let standard: Standard
    /// EDIFACT: a decimal comma is also accepted (syntax 4, or no UNA).
    let lenientDecimalMark: Bool
    let declaredMark: UInt8

    func check(_ segment: Segment, against spec: CompiledSegmentSpec, report: (Problem) -> Void) {
        withoutActuallyEscaping(report) { report in
            segment.storage.bytes.withUnsafeBufferPointer { bytes in
                segment.storage.marks.withUnsafeBufferPointer { marks in
                    spec.elements.withUnsafeBufferPointer { elements in
                        spec.components.withUnsafeBufferPointer { components in
                            var pass = Pass(
                                validator: self, segment: segment, spec: spec, bytes: bytes, marks: marks,
                                elements: elements, components: components, report: report)
                            pass.run()
                        }
                    }
                }
            }
        }
    }
}

/// One validation pass over one segment.
private struct Pass {
    let validator: ElementValidator
    let segment: Segment
    let spec: CompiledSegmentSpec
    let bytes: UnsafeBufferPointer<UInt8>
    let marks: UnsafeBufferPointer<Int32>
    let elements: UnsafeBufferPointer<CompiledSegmentSpec.Position>
    let components: UnsafeBufferPointer<CompiledSegmentSpec.Position>
    let report: (ElementValidator.Problem) -> Void
    let component: UInt8
    let repetition: UInt8?
    let release: UInt8?

    init(
        validator: ElementValidator, segment: Segment, spec: CompiledSegmentSpec, bytes: UnsafeBufferPointer<UInt8>,
        marks: UnsafeBufferPointer<Int32>, elements: UnsafeBufferPointer<CompiledSegmentSpec.Position>,
        components: UnsafeBufferPointer<CompiledSegmentSpec.Position>,
        report: @escaping (ElementValidator.Problem) -> Void
    ) {
        self.elements = elements
        self.components = components
        self.validator = validator
        self.segment = segment
        self.spec = spec
        self.bytes = bytes
        self.marks = marks
        self.report = report
        component = segment.delimiters.component
        repetition = segment.delimiters.repetition
        release = segment.flags.contains(.released) ? segment.delimiters.release : nil
    }

    /// Byte range of the element at a 1-based position.
    func range(_ position: Int) -> (Int, Int) {
        let index = Int(segment.markStart) + position - 1
        let start = Int(marks[index]) + 1
        let end = position < Int(segment.markCount) ? Int(marks[index + 1]) : Int(segment.end)
        return (start, end)
    }

    /// True when the range is empty or holds only component and repetition separators.
    func isBlank(_ start: Int, _ end: Int) -> Bool {
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte != component && byte != repetition { return false }
            index += 1
        }
        return true
    }

    /// The next separator `separator` in the range, honouring the release character; `end` when none.
    func next(_ separator: UInt8?, from start: Int, to end: Int) -> Int {
        guard let separator else { return end }
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == release {
                index += 2
                continue
            }
            if byte == separator { return index }
            index += 1
        }
        return end
    }

    func name(_ position: Int, _ component: Int? = nil) -> String {
        component.map { "\(spec.tag)\(twoDigits(position))-\($0)" } ?? "\(spec.tag)\(twoDigits(position))"
    }

    /// The value's text (release characters removed), for a report.
    func text(_ start: Int, _ end: Int) -> String {
        let raw = bytes[start..<end]
        return segment.encoding.decode(Element.unescape(ArraySlice(raw), release: release))
    }

    mutating func run() {
        let count = Int(segment.markCount)
        var last = count
        while last > 0 {
            let (start, end) = range(last)
            if !isBlank(start, end) { break }
            last -= 1
        }
        if count > last {
            report(
                .init(
                    code: .trailingSeparator, severity: .warning, element: last + 1,
                    message: "\(spec.tag) ends with empty elements"))
        }
        let defined = elements.count
        var position = 1
        while position <= last {
            guard position <= defined else {
                report(
                    .init(
                        code: .elementTooMany, element: position,
                        message: "\(spec.tag) has \(last) elements; the segment defines \(defined)"))
                return
            }
            let definition = elements[position - 1]
            let (start, end) = range(position)
            if start == end {
                if definition.mandatory { missing(position, nil, definition) }
            } else {
                checkElement(start, end, definition, position: position)
            }
            position += 1
        }
        while position <= defined {
            let definition = elements[position - 1]
            if definition.mandatory { missing(position, nil, definition) }
            position += 1
        }
    }

    func missing(_ position: Int, _ component: Int?, _ definition: CompiledSegmentSpec.Position) {
        let reference = spec.references[Int(definition.reference)]
        let label = component == nil ? name(position) : "\(name(position, component)) (\(reference))"
        report(
            .init(
                code: .elementMissing, element: position, component: component, reference: reference,
                message:
                    "\(label) is mandatory and \(component == nil && position > Int(segment.markCount) ? "absent" : "empty")"
            ))
    }

    func checkElement(_ start: Int, _ end: Int, _ definition: CompiledSegmentSpec.Position, position: Int) {
        if !definition.isComposite {
            // The common case, in one scan: a simple element without repetitions or components.
            var index = start
            var plain = true
            while index < end {
                let byte = bytes[index]
                if byte == component || byte == repetition || byte == release {
                    plain = false
                    break
                }
                index += 1
            }
            if plain {
                checkValue(start, end, definition, position: position, component: nil, repetition: nil)
                return
            }
        }
        var repetitions = 1
        if let repetition {
            var index = next(repetition, from: start, to: end)
            while index < end {
                repetitions += 1
                index = next(repetition, from: index + 1, to: end)
            }
            if repetitions > Int(definition.maxRepeats) {
                report(
                    .init(
                        code: .elementTooManyRepetitions, element: position,
                        reference: spec.references[Int(definition.reference)],
                        message: "\(name(position)) repeats \(repetitions) times; it allows \(definition.maxRepeats)"))
                return
            }
        }
        var repetitionStart = start
        var number = 1
        while true {
            let repetitionEnd = repetitions > 1 ? next(repetition, from: repetitionStart, to: end) : end
            let label = repetitions > 1 ? number : nil
            if definition.isComposite {
                checkComposite(repetitionStart, repetitionEnd, definition, position: position, repetition: label)
            } else if next(component, from: repetitionStart, to: repetitionEnd) < repetitionEnd {
                report(
                    .init(
                        code: .elementTooManyComponents, element: position, repetition: label,
                        reference: spec.references[Int(definition.reference)],
                        message: "\(name(position)) is a simple element but contains a component separator"))
            } else {
                checkValue(
                    repetitionStart, repetitionEnd, definition, position: position, component: nil, repetition: label)
            }
            if repetitionEnd >= end { break }
            repetitionStart = repetitionEnd + 1
            number += 1
        }
    }

    func checkComposite(
        _ start: Int, _ end: Int, _ definition: CompiledSegmentSpec.Position, position: Int, repetition: Int?
    ) {
        // First pass: how many components, and the last one that is not empty.
        var parts = 0
        var lastNonEmpty = 0
        var partStart = start
        while true {
            let partEnd = next(component, from: partStart, to: end)
            parts += 1
            if partEnd > partStart { lastNonEmpty = parts }
            if partEnd >= end { break }
            partStart = partEnd + 1
        }
        if lastNonEmpty < parts {
            report(
                .init(
                    code: .trailingSeparator, severity: .warning, element: position, component: lastNonEmpty + 1,
                    repetition: repetition, message: "\(name(position)) ends with empty components"))
        }
        let defined = Int(definition.componentCount)
        if lastNonEmpty > defined {
            report(
                .init(
                    code: .elementTooMany, element: position, component: defined + 1, repetition: repetition,
                    reference: spec.references[Int(definition.reference)],
                    message:
                        "\(name(position)) has \(lastNonEmpty) components; \(spec.references[Int(definition.reference)]) defines \(defined)"
                ))
            return
        }
        // Second pass: each component against its definition.
        var dateRange = (0, 0)
        var formatRange = (0, 0)
        partStart = start
        for index in 0..<defined {
            let componentDefinition = components[Int(definition.firstComponent) + index]
            var partEnd = partStart
            if index < lastNonEmpty {
                partEnd = next(component, from: partStart, to: end)
                if index == 1 { dateRange = (partStart, partEnd) }
                if index == 2 { formatRange = (partStart, partEnd) }
            }
            if partStart == partEnd {
                if componentDefinition.mandatory { missing(position, index + 1, componentDefinition) }
            } else {
                checkValue(
                    partStart, partEnd, componentDefinition, position: position, component: index + 1,
                    repetition: repetition)
            }
            partStart = min(partEnd + 1, end)
        }
        // EDIFACT DTM: the date (2380) must match its format code (2379).
        if spec.checksDateFormat && definition.reference == 0 && dateRange.1 > dateRange.0 {
            let date = text(dateRange.0, dateRange.1)
            let format = text(formatRange.0, formatRange.1)
            if !DateTimeRules.isValidEDIFACTDate(date, format: format) {
                report(
                    .init(
                        code: .elementInvalidDate, element: position, component: 2, repetition: repetition,
                        reference: "2380", message: "DTM date is not a valid date in format \(format)", value: date))
            }
        }
    }

    func checkValue(
        _ start: Int, _ end: Int, _ definition: CompiledSegmentSpec.Position, position: Int, component: Int?,
        repetition: Int?
    ) {
        func problem(_ code: FindingCode, _ message: String) {
            report(
                .init(
                    code: code, element: position, component: component, repetition: repetition,
                    reference: spec.references[Int(definition.reference)], message: message, value: text(start, end)))
        }
        var length = end - start
        switch definition.kind {
        case .decimal, .implied:
            guard
                let digits = numberDigits(
                    start, end, allowMark: definition.kind == .decimal, problem: problem, component: component,
                    position: position)
            else { return }
            length = digits
        case .date:
            if !DateTimeRules.isValidDate(bytes: bytes[start..<end]) {
                problem(.elementInvalidDate, "\(name(position, component)) is not a valid date")
                return
            }
        case .time:
            if !DateTimeRules.isValidTime(bytes: bytes[start..<end]) {
                problem(.elementInvalidTime, "\(name(position, component)) is not a valid time")
                return
            }
        case .text, .identifier, .alphabetic, .binary:
            // Count characters, not bytes: release characters and UTF-8 continuation bytes are not ones.
            let utf8 = segment.encoding == .utf8 || segment.encoding == .ascii
            if release != nil || utf8 {
                var index = start
                while index < end {
                    let byte = bytes[index]
                    if byte == release {
                        length -= 1
                        index += 1
                    } else if utf8 && byte & 0xC0 == 0x80 {
                        length -= 1
                    }
                    index += 1
                }
            }
        }
        if length < Int(definition.minLength) {
            problem(
                .elementTooShort,
                "\(name(position, component)) has \(length) characters; the minimum is \(definition.minLength)")
        } else if length > Int(definition.maxLength) {
            problem(
                .elementTooLong,
                "\(name(position, component)) has \(length) characters; the maximum is \(definition.maxLength)")
        }
    }

    /// Validates a number and returns its count of digits (sign and decimal mark not counted).
    func numberDigits(
        _ start: Int, _ end: Int, allowMark: Bool, problem: (FindingCode, String) -> Void, component: Int?,
        position: Int
    ) -> Int? {
        var digits = 0
        var marks = 0
        var markByte: UInt8 = 0
        var digitsBeforeMark = 0
        var index = start
        if index < end && bytes[index] == UInt8(ascii: "-") { index += 1 }
        while index < end {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 {
                digits += 1
                if marks == 0 { digitsBeforeMark += 1 }
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") {
                guard allowMark else {
                    problem(
                        .elementInvalidNumber, "\(name(position, component)) must be digits only (implied decimals)")
                    return nil
                }
                marks += 1
                markByte = byte
                if validator.standard == .x12 && byte != UInt8(ascii: ".") {
                    problem(.elementInvalidNumber, "\(name(position, component)) is not a decimal number")
                    return nil
                }
            } else {
                problem(.elementInvalidNumber, "\(name(position, component)) is not a number")
                return nil
            }
            index += 1
        }
        if digits == 0 || marks > 1 {
            problem(.elementInvalidNumber, "\(name(position, component)) is not a number")
            return nil
        }
        if validator.standard == .edifact && marks == 1 {
            if markByte != validator.declaredMark && !validator.lenientDecimalMark {
                problem(
                    .elementInvalidDecimalMark,
                    "\(name(position, component)) uses a decimal mark the interchange does not declare")
                return nil
            }
            if digitsBeforeMark == 0 {
                problem(
                    .elementMissingLeadingDigit, "\(name(position, component)) needs a digit before the decimal mark")
                return nil
            }
        }
        return digits
    }
}
