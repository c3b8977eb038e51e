/// Checks a segment's elements against its dictionary definition: presence, count, components,
/// repetitions, lengths and types. Pure: it reports through a callback.
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

    func check(_ segment: Segment, against spec: SegmentSpec, report: (Problem) -> Void) {
        let tag = spec.tag
        let last = segment.lastNonEmptyPosition
        if segment.count > last {
            report(
                Problem(
                    code: .trailingSeparator, severity: .warning, element: last + 1,
                    message: "\(tag) ends with empty elements"))
        }
        var position = 1
        while position <= last {
            guard position <= spec.elements.count else {
                report(
                    Problem(
                        code: .elementTooMany, element: position,
                        message: "\(tag) has \(last) elements; the segment defines \(spec.elements.count)"))
                return
            }
            let definition = spec.elements[position - 1]
            let element = segment[position]
            if element.isEmpty {
                if definition.mandatory {
                    report(
                        Problem(
                            code: .elementMissing, element: position, reference: definition.reference,
                            message: "\(tag)\(twoDigits(position)) is mandatory and empty"))
                }
            } else {
                checkElement(element, definition, tag: tag, position: position, report: report)
            }
            position += 1
        }
        while position <= spec.elements.count {
            let definition = spec.elements[position - 1]
            if definition.mandatory {
                report(
                    Problem(
                        code: .elementMissing, element: position, reference: definition.reference,
                        message: "\(tag)\(twoDigits(position)) is mandatory and absent"))
            }
            position += 1
        }
    }

    private func checkElement(
        _ element: Element, _ definition: ElementSpec, tag: String, position: Int, report: (Problem) -> Void
    ) {
        let delimiters = element.segment.delimiters
        var repetitions = [element]
        if let repetition = delimiters.repetition, element.rawBytes.contains(repetition) {
            repetitions = element.repetitions
            if repetitions.count > definition.maxRepeats {
                report(
                    Problem(
                        code: .elementTooManyRepetitions, element: position, reference: definition.reference,
                        message:
                            "\(tag)\(twoDigits(position)) repeats \(repetitions.count) times; it allows \(definition.maxRepeats)"
                    ))
                return
            }
        }
        for (index, value) in repetitions.enumerated() {
            let repetition = repetitions.count > 1 ? index + 1 : nil
            if let components = definition.components {
                checkComposite(
                    value, components, definition, tag: tag, position: position, repetition: repetition, report: report)
            } else if value.rawBytes.contains(delimiters.component) && value.contains(delimiter: delimiters.component) {
                report(
                    Problem(
                        code: .elementTooManyComponents, element: position, repetition: repetition,
                        reference: definition.reference,
                        message: "\(tag)\(twoDigits(position)) is a simple element but contains a component separator"))
            } else {
                checkValue(
                    value, definition, tag: tag, position: position, component: nil, repetition: repetition,
                    report: report)
            }
        }
    }

    private func checkComposite(
        _ value: Element, _ components: [ElementSpec], _ definition: ElementSpec, tag: String, position: Int,
        repetition: Int?,
        report: (Problem) -> Void
    ) {
        let parts = value.components
        var lastNonEmpty = parts.count
        while lastNonEmpty > 0 && parts[lastNonEmpty - 1].isEmpty { lastNonEmpty -= 1 }
        if lastNonEmpty < parts.count {
            report(
                Problem(
                    code: .trailingSeparator, severity: .warning, element: position, component: lastNonEmpty + 1,
                    repetition: repetition,
                    message: "\(tag)\(twoDigits(position)) ends with empty components"))
        }
        if lastNonEmpty > components.count {
            report(
                Problem(
                    code: .elementTooMany, element: position, component: components.count + 1, repetition: repetition,
                    reference: definition.reference,
                    message:
                        "\(tag)\(twoDigits(position)) has \(lastNonEmpty) components; \(definition.reference) defines \(components.count)"
                ))
            return
        }
        for (index, component) in components.enumerated() {
            let part = index < lastNonEmpty ? parts[index] : nil
            guard let part, !part.isEmpty else {
                if component.mandatory {
                    report(
                        Problem(
                            code: .elementMissing, element: position, component: index + 1, repetition: repetition,
                            reference: component.reference,
                            message:
                                "\(tag)\(twoDigits(position))-\(index + 1) (\(component.reference)) is mandatory and empty"
                        ))
                }
                continue
            }
            checkValue(
                part, component, tag: tag, position: position, component: index + 1, repetition: repetition,
                report: report)
        }
        if tag == "DTM", definition.reference == "C507", parts.count >= 3 {
            let date = parts[1].string
            let format = parts[2].string
            if !date.isEmpty && !DateTimeRules.isValidEDIFACTDate(date, format: format) {
                report(
                    Problem(
                        code: .elementInvalidDate, element: position, component: 2, repetition: repetition,
                        reference: "2380",
                        message: "DTM date is not a valid date in format \(format)", value: date))
            }
        }
    }

    private func checkValue(
        _ value: Element, _ definition: ElementSpec, tag: String, position: Int, component: Int?, repetition: Int?,
        report: (Problem) -> Void
    ) {
        let raw = value.rawBytes
        let bytes = value.released ? ArraySlice(value.bytes) : raw
        let name = component.map { "\(tag)\(twoDigits(position))-\($0)" } ?? "\(tag)\(twoDigits(position))"
        func problem(_ code: FindingCode, _ message: String) {
            report(
                Problem(
                    code: code, element: position, component: component, repetition: repetition,
                    reference: definition.reference,
                    message: message, value: value.string))
        }
        var length = bytes.count
        switch definition.type {
        case .decimal:
            guard let digits = numberDigits(bytes, allowMark: true, problem: problem, name: name) else { return }
            length = digits
        case .implied:
            guard let digits = numberDigits(bytes, allowMark: false, problem: problem, name: name) else { return }
            length = digits
        case .date:
            if !DateTimeRules.isValidDate(String(decoding: bytes, as: UTF8.self)) {
                problem(.elementInvalidDate, "\(name) is not a valid date")
                return
            }
        case .time:
            if !DateTimeRules.isValidTime(String(decoding: bytes, as: UTF8.self)) {
                problem(.elementInvalidTime, "\(name) is not a valid time")
                return
            }
        case .alphanumeric, .identifier, .alphabetic, .binary:
            if bytes.contains(where: { $0 >= 0x80 }) { length = value.string.count }
        }
        if length < definition.minLength {
            problem(.elementTooShort, "\(name) has \(length) characters; the minimum is \(definition.minLength)")
        } else if length > definition.maxLength {
            problem(.elementTooLong, "\(name) has \(length) characters; the maximum is \(definition.maxLength)")
        }
    }

    /// Validates a number and returns its count of digits (sign and decimal mark not counted).
    private func numberDigits(
        _ bytes: ArraySlice<UInt8>, allowMark: Bool, problem: (FindingCode, String) -> Void, name: String
    ) -> Int? {
        var digits = 0
        var marks = 0
        var digitsBeforeMark = 0
        var index = bytes.startIndex
        if index < bytes.endIndex && bytes[index] == UInt8(ascii: "-") { index += 1 }
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 {
                digits += 1
                if marks == 0 { digitsBeforeMark += 1 }
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") {
                guard allowMark else {
                    problem(.elementInvalidNumber, "\(name) must be digits only (implied decimals)")
                    return nil
                }
                marks += 1
                if standard == .x12 && byte != UInt8(ascii: ".") {
                    problem(.elementInvalidNumber, "\(name) is not a decimal number")
                    return nil
                }
            } else {
                problem(.elementInvalidNumber, "\(name) is not a number")
                return nil
            }
            index += 1
        }
        if digits == 0 || marks > 1 {
            problem(.elementInvalidNumber, "\(name) is not a number")
            return nil
        }
        if standard == .edifact && marks == 1 {
            let markByte = bytes.first { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }!
            if markByte != declaredMark && !lenientDecimalMark {
                problem(.elementInvalidDecimalMark, "\(name) uses a decimal mark the interchange does not declare")
                return nil
            }
            if digitsBeforeMark == 0 {
                problem(.elementMissingLeadingDigit, "\(name) needs a digit before the decimal mark")
                return nil
            }
        }
        return digits
    }

    let declaredMark: UInt8
}
