/// X12 envelope checks: ISA, GS and ST.
extension EnvelopeParser {
    /// GS01 of each transaction set (primer §2.6).
    static let functionalIdentifiers: [String: String] = [
        "850": "PO", "860": "PC", "855": "PR", "865": "CA", "856": "SH", "810": "IN", "846": "IB", "820": "RA",
        "940": "OW", "945": "SW", "943": "AR", "944": "RE", "997": "FA", "999": "FA", "824": "AG", "830": "PS",
        "852": "PD", "864": "TX", "947": "AW", "862": "SS", "214": "QM", "204": "SM", "990": "GF", "210": "IM",
        "832": "SC", "816": "OR", "180": "AN", "870": "RS", "875": "OG", "880": "GP", "753": "OG", "754": "OG",
    ]

    /// ISA12 interchange control versions.
    static let controlVersions: Set<String> = {
        var versions: Set<String> = ["00200", "00201", "00204"]
        for major in 3...8 {
            for minor in 0...7 { versions.insert("00\(major)0\(minor)") }
        }
        return versions
    }()

    mutating func openX12Interchange(_ header: Segment) {
        var envelope = EnvelopeHeader()
        envelope.senderQualifier = header.string(5).trimmed
        envelope.senderID = header.string(6).trimmed
        envelope.receiverQualifier = header.string(7).trimmed
        envelope.receiverID = header.string(8).trimmed
        envelope.date = header.string(9)
        envelope.time = header.string(10)
        envelope.standardsIdentifier = header.string(11)
        envelope.version = header.string(12)
        envelope.controlNumber = header.string(13).trimmed
        envelope.acknowledgementRequested = header.string(14) == "1"
        envelope.usage = header.string(15)
        let shape = pendingHeaderShape
        let terminatorIssue = pendingTerminatorIssue
        pendingTerminatorIssue = nil
        begin(
            Interchange(
                standard: .x12, delimiters: header.delimiters, encoding: header.encoding, header: header,
                report: InterchangeReport(standard: .x12, envelope: envelope)))
        if let shape {
            var location = location(header, element: shape.element)
            location.byteOffset = shape.offset
            let which =
                shape.element.map { "ISA\(twoDigits($0)) is not its fixed width" } ?? "the ISA is not fixed-width"
            reportInterchange(
                Finding(.interchangeHeaderShape, at: location, "\(which): the ISA must be 106 characters"))
        }
        if terminatorIssue != nil {
            reportInterchange(
                Finding(
                    .delimiterInvalid, at: location(header, element: 16),
                    "the segment terminator after ISA16 is a multi-byte character; it must be one byte"))
        }
        checkISA(header)
    }

    /// ISA field values: codes, widths, date, time, version, control number.
    mutating func checkISA(_ header: Segment) {
        if header.count != 16 {
            reportInterchange(
                Finding(.interchangeHeaderShape, at: location(header), "the ISA has \(header.count) elements, not 16"))
        }
        func bad(_ element: Int, _ message: String, code: FindingCode = .interchangeHeaderElement) {
            reportInterchange(
                Finding(code, at: location(header, element: element), message, value: header.string(element)))
        }
        let value = { (element: Int) in header.string(element) }
        if !["00", "01", "02", "03", "04", "05", "06"].contains(value(1)) {
            bad(1, "ISA01 is not an authorization qualifier")
        }
        if !["00", "01"].contains(value(3)) { bad(3, "ISA03 is not a security qualifier") }
        for element in [5, 7] where value(element).trimmed.isEmpty || !value(element).utf8.allSatisfy(isAlphanumeric) {
            bad(element, "ISA\(twoDigits(element)) is not an interchange ID qualifier")
        }
        for element in [6, 8] where value(element).trimmed.isEmpty {
            bad(element, "ISA\(twoDigits(element)) is empty")
        }
        if !DateTimeRules.isValidDate(value(9)) || value(9).utf8.count != 6 {
            bad(9, "ISA09 is not a YYMMDD date", code: .interchangeDateInvalid)
        }
        if value(10).utf8.count != 4 || !DateTimeRules.isValidTime(value(10)) {
            bad(10, "ISA10 is not an HHMM time", code: .interchangeTimeInvalid)
        }
        let version = value(12)
        if !Self.controlVersions.contains(version) {
            bad(12, "ISA12 is not a known interchange control version", code: .versionUnsupported)
        } else {
            let isa11 = value(11)
            if version >= "00402" {
                if let byte = isa11.utf8.first, isAlphanumeric(byte) {
                    reportInterchange(
                        Finding(
                            .repetitionSeparatorIgnored, .warning, at: location(header, element: 11),
                            "ISA11 is a letter or digit in version \(version): no repetition separator is used"))
                }
            } else if isa11 != "U" {
                bad(11, "ISA11 must be U up to version 00401")
            }
        }
        let control = value(13)
        if control.utf8.count != 9 || !control.utf8.allSatisfy(DateTimeRules.isDigit) {
            bad(13, "ISA13 is not a 9-digit control number", code: .interchangeControlNumberInvalid)
        }
        if !["0", "1"].contains(value(14)) { bad(14, "ISA14 must be 0 or 1") }
        if !["P", "T", "I"].contains(value(15)) { bad(15, "ISA15 must be P, T or I") }
    }

    mutating func checkGS(_ segment: Segment) {
        groupReport!.functionalIdentifier = segment.string(1)
        groupReport!.applicationSender = segment.string(2).trimmed
        groupReport!.applicationReceiver = segment.string(3).trimmed
        groupReport!.controlNumber = segment.string(6).trimmed
        groupReport!.version = segment.string(8).trimmed
        func bad(_ element: Int, _ message: String, code: FindingCode = .groupHeaderInvalid) {
            report(Finding(code, at: location(segment, element: element), message, value: segment.string(element)))
        }
        if segment.count < 8 {
            report(Finding(.groupHeaderInvalid, at: location(segment), "GS has \(segment.count) elements, not 8"))
        }
        if segment.count > 8 { bad(9, "GS has more than 8 elements") }
        let functional = segment.string(1)
        if functional.utf8.count != 2 || !functional.utf8.allSatisfy(isAlphanumeric) {
            bad(1, "GS01 is not a functional identifier code")
        }
        for element in [2, 3] {
            let count = segment.string(element).utf8.count
            if count < 2 || count > 15 { bad(element, "GS0\(element) must be 2-15 characters") }
        }
        let gsDate = segment.string(4)
        let eightDigitDates = segment.string(8) >= "004010"
        if !DateTimeRules.isValidDate(gsDate) || (eightDigitDates && gsDate.utf8.count != 8) {
            bad(4, eightDigitDates ? "GS04 is not a CCYYMMDD date" : "GS04 is not a date")
        }
        if !DateTimeRules.isValidTime(segment.string(5)) { bad(5, "GS05 is not an HHMM[SS[D[D]]] time") }
        let control = segment.string(6)
        if control.isEmpty || control.utf8.count > 9 || !control.utf8.allSatisfy(DateTimeRules.isDigit) {
            bad(6, "GS06 is not a 1-9 digit control number", code: .groupControlNumberInvalid)
        }
        if !["X", "T"].contains(segment.string(7)) { bad(7, "GS07 must be X") }
        let version = segment.string(8)
        if version.isEmpty || version.utf8.count > 12 {
            bad(8, "GS08 is not a version/release code", code: .groupVersionUnsupported)
        }
        checkCharacters(segment)
    }

    mutating func checkST(_ segment: Segment) {
        let type = segment.string(1)
        setReport!.type = type
        setReport!.controlNumber = segment.string(2).trimmed
        setReport!.implementationReference = segment.string(3)
        if type.utf8.count != 3 || !type.utf8.allSatisfy(DateTimeRules.isDigit) {
            report(
                Finding(
                    .setTypeInvalid, at: location(segment, element: 1), "ST01 is not a transaction set identifier",
                    value: type))
        } else if let expected = Self.functionalIdentifiers[type], let groupReport, groupReport.isExplicit,
            !groupReport.functionalIdentifier.isEmpty, groupReport.functionalIdentifier != expected
        {
            report(
                Finding(
                    .setTypeInvalid, at: location(segment, element: 1),
                    "a \(type) does not belong in a group with GS01 \(groupReport.functionalIdentifier) (expected \(expected))"
                ))
        }
        let control = segment.string(2)
        if control.utf8.count < 4 || control.utf8.count > 9 {
            report(
                Finding(
                    .setControlNumberInvalid, at: location(segment, element: 2), "ST02 must be 4-9 characters",
                    value: control))
        }
    }
}

func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
