/// TA1, 997 and 999 built from one interchange report (primer §1.5, §2).
public enum X12Acknowledgement {
    /// A TA1-only interchange answering the envelope: `A*000` when it is clean, `R` with the first
    /// error's note code otherwise. Nil for an EDIFACT report or an interchange that itself only carries TA1s.
    /// Nil too when the header does not say who sent it or which interchange it is (ISA05 to ISA10 or ISA13
    /// empty or unreadable): such a file is dropped with an alert, not answered (primer TV21).
    public static func ta1(for report: InterchangeReport, settings: AcknowledgementSettings) -> [UInt8]? {
        guard report.standard == .x12, !(report.groups.isEmpty && report.ta1Count > 0), isAddressable(report) else {
            return nil
        }
        var writer = envelopeWriter(for: report, settings: settings)
        writeISA(&writer, report: report, settings: settings)
        let error = report.findings.first { $0.isError && $0.code.ta1NoteCode(element: $0.location.element) != nil }
        let note = error.map { $0.code.ta1NoteCode(element: $0.location.element)! } ?? "000"
        let envelope = report.envelope
        writer.write("TA1", envelope.controlNumber, envelope.date, envelope.time, error == nil ? "A" : "R", note)
        writer.write("IEA", "0", nineDigits(settings.interchangeControlNumber))
        return writer.bytes
    }

    /// One 997 (or 999) per received functional group, in one GS*FA group. Nil when the interchange is
    /// rejected at the envelope (answer with a TA1), or when it holds nothing to acknowledge (acknowledgements).
    public static func functional(
        _ kind: AcknowledgementKind, for report: InterchangeReport, settings: AcknowledgementSettings
    ) -> [UInt8]? {
        precondition(kind == .fa997 || kind == .fa999, "functional acknowledgements are 997 or 999")
        guard report.standard == .x12, !report.isRejected else { return nil }
        let groups = report.groups.filter { group in
            group.functionalIdentifier != "FA" && (group.sets.isEmpty || !group.sets.allSatisfy(\.isAcknowledgement))
        }
        guard !groups.isEmpty else { return nil }
        let is999 = kind == .fa999
        var writer = envelopeWriter(for: report, settings: settings)
        writeISA(&writer, report: report, settings: settings)
        let first = groups[0]
        let version = is999 ? settings.implementation999 : (first.version.isEmpty ? "004010" : first.version)
        writer.write(
            "GS", "FA", first.applicationReceiver, first.applicationSender, settings.date, settings.time,
            String(settings.groupControlNumber), "X", version)
        var setNumber = settings.firstSetControlNumber
        for group in groups {
            writer.resetCount()
            let control = fourDigits(setNumber)
            setNumber += 1
            writeFunctionalSet(&writer, group: group, is999: is999, control: control, settings: settings)
            writer.write("SE", String(writer.count + 1), control)
        }
        writer.write("GE", String(groups.count), String(settings.groupControlNumber))
        writer.write("IEA", "1", nineDigits(settings.interchangeControlNumber))
        return writer.bytes
    }

    /// True when the envelope names both parties and identifies the interchange with values an
    /// acknowledgement can carry: present, and free of control characters and undecodable bytes.
    public static func isAddressable(_ report: InterchangeReport) -> Bool {
        let envelope = report.envelope
        let values = [
            envelope.senderID, envelope.receiverID, envelope.senderQualifier, envelope.receiverQualifier,
            envelope.controlNumber, envelope.date, envelope.time,
        ]
        return values.allSatisfy { value in
            !value.trimmed.isEmpty
                && !value.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{FFFD}" }
        }
    }

    static func writeFunctionalSet(
        _ writer: inout SegmentWriter, group: GroupReport, is999: Bool, control: String,
        settings: AcknowledgementSettings
    ) {
        let version5010 =
            group.version.hasPrefix("005") || group.version.hasPrefix("006") || group.version.hasPrefix("007")
        let forbidden = Set(settings.x12Delimiters.all)
        writer.resetCount()
        if is999 {
            writer.write("ST", "999", control, settings.implementation999)
            writer.write("AK1", group.functionalIdentifier, group.controlNumber, group.version)
        } else {
            writer.write("ST", "997", control)
            writer.write("AK1", group.functionalIdentifier, group.controlNumber)
        }
        var accepted = 0
        for set in group.sets {
            writer.write("AK2", set.type, set.controlNumber, is999 ? set.implementationReference : "")
            var setCodes: [String] = []
            var segmentErrors = false
            let errors = set.findings.filter(\.isError)
            for finding in errors where finding.code.level == .set {
                if let code = finding.code.setSyntaxCode(version5010: version5010), !setCodes.contains(code) {
                    setCodes.append(code)
                }
            }
            // Segment-level detail: one AK3/IK3 per segment position, then its element errors.
            let located = errors.filter { $0.code.level == .segment || $0.code.level == .element }
            var positions: [Int] = []
            for finding in located {
                if let position = finding.location.segmentPosition, !positions.contains(position) {
                    positions.append(position)
                }
            }
            for position in positions {
                let here = located.filter { $0.location.segmentPosition == position }
                guard let sample = here.first else { continue }
                segmentErrors = true
                let segmentCode = here.compactMap(\.code.segmentSyntaxCode).first ?? "8"
                let tag = String((sample.location.segmentTag ?? "").prefix(3))
                // AK303: only a segment that starts a loop is known to be in it without the set's loop map.
                let loop = startsLoop(tag, in: set.type) ? tag : ""
                writer.write(is999 ? "IK3" : "AK3", tag, String(position), loop, segmentCode)
                for finding in here where finding.code.level == .element {
                    guard let code = finding.code.elementSyntaxCode(version5010: version5010) else { continue }
                    // AK401 / IK401 is a composite: element, component, repetition (999 only).
                    var pointer = [
                        String(finding.location.element ?? 0), finding.location.component.map(String.init) ?? "",
                    ]
                    if is999, let repetition = finding.location.repetition { pointer.append(String(repetition)) }
                    var value = finding.value ?? ""
                    if finding.code == .elementTooManyComponents || value.utf8.contains(where: forbidden.contains)
                        || value.utf8.count > 99
                    {
                        value = ""
                    }
                    writer.write(
                        is999 ? "IK4" : "AK4", [pointer, [finding.location.elementReference ?? ""], [code], [value]])
                }
            }
            if segmentErrors { setCodes.append("5") }
            let rejected = set.isRejected
            if !rejected { accepted += 1 }
            writer.write(is999 ? "IK5" : "AK5", [[rejected ? "R" : "A"]] + setCodes.prefix(5).map { [$0] })
        }
        var groupCodes: [String] = []
        for finding in group.findings where finding.isError {
            if let code = finding.code.groupSyntaxCode(version5010: version5010), !groupCodes.contains(code) {
                groupCodes.append(code)
            }
        }
        let verdict: String
        let received = group.sets.count
        if group.hasErrors {
            verdict = "R"
        } else if accepted == received {
            verdict = "A"
        } else if accepted == 0 {
            verdict = "R"
        } else {
            verdict = "P"
        }
        let declared = group.declaredSetCount ?? String(received)
        writer.write(
            "AK9", [[verdict], [declared], [String(received)], [String(accepted)]] + groupCodes.prefix(5).map { [$0] })
    }

    /// Segments that begin a loop in the supply-chain transaction sets (the loop takes their name).
    static let loopStartingTags: Set<String> = [
        "N1", "N9", "PO1", "PID", "SAC", "HL", "IT1", "LIN", "LX", "ENT", "RMR", "ADX", "NM1", "W01", "W12", "LM",
        "SLN", "AK2", "AK3", "IK3",
    ]

    /// True when `tag` begins a loop in transaction set `type` (CTT is a loop only in the order family).
    static func startsLoop(_ tag: String, in type: String) -> Bool {
        if tag == "CTT" { return ["850", "855", "860", "865"].contains(type) }
        return loopStartingTags.contains(tag)
    }

    // MARK: - Envelope

    static func envelopeWriter(for report: InterchangeReport, settings: AcknowledgementSettings) -> SegmentWriter {
        var delimiters = settings.x12Delimiters
        let isa11 = report.envelope.standardsIdentifier
        delimiters.repetition =
            report.envelope.version >= "00402" && isa11.utf8.count == 1 && !isAlphanumeric(isa11.utf8.first!)
            ? UInt8(ascii: "^") : nil
        if delimiters.repetition == delimiters.component || delimiters.repetition == delimiters.element {
            delimiters.repetition = nil
        }
        return SegmentWriter(
            delimiters: avoiding(echoedBytes(of: report), preferred: delimiters), encoding: .utf8,
            suffix: settings.segmentSuffix)
    }

    /// Every byte of the values an acknowledgement copies from what it answers.
    static func echoedBytes(of report: InterchangeReport) -> Set<UInt8> {
        let envelope = report.envelope
        var values = [
            envelope.senderID, envelope.receiverID, envelope.senderQualifier, envelope.receiverQualifier, envelope.date,
            envelope.time, envelope.controlNumber, envelope.version,
        ]
        for group in report.groups {
            values += [
                group.functionalIdentifier, group.controlNumber, group.version, group.applicationSender,
                group.applicationReceiver,
            ]
            for set in group.sets {
                values += [set.type, set.controlNumber, set.implementationReference]
                for finding in set.findings {
                    values += [finding.location.segmentTag ?? "", finding.location.elementReference ?? ""]
                }
            }
        }
        return Set(values.flatMap(\.utf8))
    }

    /// X12 has no release character: when a copied value holds one of our delimiters, another one is
    /// used in its place, so the acknowledgement still parses.
    static func avoiding(_ used: Set<UInt8>, preferred: Delimiters) -> Delimiters {
        let pool = Array("*|~>^:!+@#$%&;=".utf8) + [0x1C, 0x1D, 0x1E, 0x1F]
        var taken: Set<UInt8> = []
        func pick(_ wanted: UInt8) -> UInt8 {
            let choice =
                used.contains(wanted) || taken.contains(wanted)
                ? pool.first { !used.contains($0) && !taken.contains($0) } ?? wanted : wanted
            taken.insert(choice)
            return choice
        }
        var result = preferred
        result.element = pick(preferred.element)
        result.segment = pick(preferred.segment)
        result.component = pick(preferred.component)
        if let repetition = preferred.repetition { result.repetition = pick(repetition) }
        return result
    }

    /// The ISA of our acknowledgement: parties swapped, version echoed, our number, ISA14 = 0, usage echoed.
    static func writeISA(_ writer: inout SegmentWriter, report: InterchangeReport, settings: AcknowledgementSettings) {
        let envelope = report.envelope
        let version = EnvelopeParser.controlVersions.contains(envelope.version) ? envelope.version : "00401"
        let isa11 = writer.delimiters.repetition.map { String(UnicodeScalar($0)) } ?? "U"
        let shortDate = String(settings.date.suffix(6))
        let usage = ["P", "T", "I"].contains(envelope.usage) ? envelope.usage : "P"
        writer.write(
            "ISA", "00", pad("", 10), "00", pad("", 10), pad(envelope.receiverQualifier, 2),
            pad(envelope.receiverID, 15),
            pad(envelope.senderQualifier, 2), pad(envelope.senderID, 15), shortDate, settings.time, isa11, version,
            nineDigits(settings.interchangeControlNumber), "0", usage,
            String(UnicodeScalar(writer.delimiters.component)))
    }

    /// Pads (or clips) to a width in bytes, as the fixed-width ISA counts it.
    static func pad(_ value: String, _ width: Int) -> String {
        var clipped = ""
        for character in value {
            if clipped.utf8.count + character.utf8.count > width { break }
            clipped.append(character)
        }
        return clipped + String(repeating: " ", count: width - clipped.utf8.count)
    }

    static func nineDigits(_ value: Int) -> String {
        let text = String(value % 1_000_000_000)
        return String(repeating: "0", count: max(0, 9 - text.count)) + text
    }

    static func fourDigits(_ value: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}
