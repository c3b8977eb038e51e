/// EDIFACT envelope checks: UNB, UNG and UNH.
extension EnvelopeParser {
    static let syntaxIdentifiers: Set<String> = [
        "UNOA", "UNOB", "UNOC", "UNOD", "UNOE", "UNOF", "UNOG", "UNOH", "UNOI", "UNOJ", "UNOK", "UNOX", "UNOY", "UNOW",
    ]

    mutating func openEDIFACTInterchange(_ header: Segment) {
        var envelope = EnvelopeHeader()
        let s001 = header[1], s002 = header[2], s003 = header[3], s004 = header[4]
        envelope.syntaxIdentifier = s001[component: 1].string
        envelope.version = s001[component: 2].string
        envelope.senderID = s002[component: 1].string
        envelope.senderQualifier = s002[component: 2].string
        envelope.senderRouting = s002[component: 3].string
        envelope.receiverID = s003[component: 1].string
        envelope.receiverQualifier = s003[component: 2].string
        envelope.receiverRouting = s003[component: 3].string
        envelope.date = s004[component: 1].string
        envelope.time = s004[component: 2].string
        envelope.controlNumber = header.string(5)
        envelope.acknowledgementRequested = header.string(9) == "1"
        envelope.usage = header.string(11) == "1" ? "T" : "P"
        let encoding = TextEncoding(syntaxIdentifier: envelope.syntaxIdentifier) ?? .latin1
        var newInterchange = Interchange(
            standard: .edifact, delimiters: header.delimiters, encoding: encoding, header: header,
            report: InterchangeReport(standard: .edifact, envelope: envelope))
        newInterchange.serviceStringAdvice = pendingUNA?.bytes
        begin(newInterchange)
        lenientDecimalMark = newInterchange.serviceStringAdvice == nil || envelope.version == "4"
        charset = CharacterSetCheck(encoding: encoding, standard: .edifact, syntaxIdentifier: envelope.syntaxIdentifier)
        checkUNB(header, envelope)
    }

    mutating func checkUNB(_ header: Segment, _ envelope: EnvelopeHeader) {
        func bad(_ element: Int, _ component: Int?, _ code: FindingCode, _ message: String) {
            var place = location(header, element: element, component: component)
            place.elementReference = nil
            let value = component.map { header[element][component: $0].string } ?? header.string(element)
            reportInterchange(Finding(code, at: place, message, value: value))
        }
        if !Self.syntaxIdentifiers.contains(envelope.syntaxIdentifier) {
            bad(1, 1, .versionUnsupported, "UNB syntax identifier is not one of UNOA to UNOY")
        }
        let version = Int(envelope.version) ?? 3
        if envelope.version.isEmpty {
            bad(1, 2, .interchangeHeaderElement, "UNB syntax version number (0002) is missing")
        } else if !(1...4).contains(version) {
            bad(1, 2, .versionUnsupported, "UNB syntax version must be 1 to 4")
        }
        if envelope.senderID.isEmpty {
            bad(2, 1, .interchangeHeaderElement, "UNB sender identification (0004) is empty")
        }
        if envelope.receiverID.isEmpty {
            bad(3, 1, .interchangeHeaderElement, "UNB recipient identification (0010) is empty")
        }
        checkDateTime(
            header, code: .interchangeDateInvalid, timeCode: .interchangeTimeInvalid, name: "UNB", required: true)
        if envelope.controlNumber.isEmpty || envelope.controlNumber.utf8.count > 14 {
            bad(
                5, nil, .interchangeControlNumberInvalid,
                "UNB interchange control reference (0020) must be 1-14 characters")
        }
        checkCharacters(header)
        checkEnvelopeElements(header, as: .interchangeHeaderElement)
    }

    mutating func checkUNG(_ segment: Segment) {
        groupReport!.functionalIdentifier = segment.string(1)
        groupReport!.applicationSender = segment[2][component: 1].string
        groupReport!.applicationReceiver = segment[3][component: 1].string
        groupReport!.applicationSenderQualifier = segment[2][component: 2].string
        groupReport!.applicationReceiverQualifier = segment[3][component: 2].string
        groupReport!.controlNumber = segment.string(5)
        let s008 = segment[7]
        groupReport!.version = [s008[component: 1].string, s008[component: 2].string].filter { !$0.isEmpty }.joined(
            separator: ":")
        if segment.string(1).isEmpty {
            report(
                Finding(
                    .groupHeaderInvalid, at: location(segment, element: 1),
                    "UNG message group identification (0038) is empty"))
        }
        let control = segment.string(5)
        if control.isEmpty || control.utf8.count > 14 {
            report(
                Finding(
                    .groupControlNumberInvalid, at: location(segment, element: 5),
                    "UNG group reference (0048) must be 1-14 characters", value: control))
        }
        checkDateTime(segment, code: .groupHeaderInvalid, timeCode: .groupHeaderInvalid, name: "UNG", required: false)
        checkCharacters(segment)
        checkEnvelopeElements(segment, as: .groupHeaderInvalid)
    }

    mutating func checkUNH(_ segment: Segment) {
        let s009 = segment[2]
        let parts = s009.components.map(\.string)
        setReport!.type = parts.first ?? ""
        setReport!.controlNumber = segment.string(1)
        // Kept with ':' whatever the interchange's component separator, so it can be read and echoed alike.
        setReport!.implementationReference = parts.joined(separator: ":")
        let control = segment.string(1)
        if control.isEmpty || control.utf8.count > 14 {
            report(
                Finding(
                    .setControlNumberInvalid, at: location(segment, element: 1),
                    "UNH message reference (0062) must be 1-14 characters", value: control))
        }
        if parts.count < 4 || parts[0..<4].contains(where: \.isEmpty) {
            report(
                Finding(
                    .setTypeInvalid, at: location(segment, element: 2),
                    "UNH message identifier (S009) needs type, version, release and agency", value: s009.string))
        } else if parts[0].utf8.count > 6 || !parts[0].utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) {
            report(
                Finding(
                    .setTypeInvalid, at: location(segment, element: 2, component: 1),
                    "UNH message type (0065) is not 1-6 upper-case letters", value: parts[0]))
        }
    }

    /// S004 (element 4) of UNB or UNG: `YYMMDD:HHMM` in syntax 1-3, `CCYYMMDD:HHMM` in syntax 4.
    mutating func checkDateTime(
        _ segment: Segment, code: FindingCode, timeCode: FindingCode, name: String, required: Bool
    ) {
        let date = segment[4][component: 1].string
        let time = segment[4][component: 2].string
        let syntaxVersion = Int(interchange?.report.envelope.version ?? "") ?? 3
        let width = syntaxVersion >= 4 ? 8 : 6
        if (required || !date.isEmpty) && (!DateTimeRules.isValidDate(date) || date.utf8.count != width) {
            report(
                Finding(
                    code, at: location(segment, element: 4, component: 1),
                    "\(name) date is not \(width == 8 ? "CCYYMMDD" : "YYMMDD")", value: date))
        }
        if (required || !time.isEmpty) && (time.utf8.count != 4 || !DateTimeRules.isValidTime(time)) {
            report(
                Finding(
                    timeCode, at: location(segment, element: 4, component: 2), "\(name) time is not HHMM", value: time))
        }
    }
}
