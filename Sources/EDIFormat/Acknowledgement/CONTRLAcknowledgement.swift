/// The EDIFACT CONTRL syntax and service report built from one interchange report (primer §3.4).
public enum CONTRLAcknowledgement {
    /// A CONTRL interchange answering `report`: UCI for the interchange, UCF per group, UCM per message
    /// with UCS/UCD detail for rejected ones. Nil for X12 or when the interchange only carries CONTRL/APERAK.
    public static func build(for report: InterchangeReport, settings: AcknowledgementSettings) -> [UInt8]? {
        guard report.standard == .edifact else { return nil }
        let messages = report.groups.flatMap(\.sets)
        if !messages.isEmpty && messages.allSatisfy(\.isAcknowledgement) { return nil }
        let envelope = report.envelope
        let syntaxVersion = Int(envelope.version) ?? 3
        var writer = SegmentWriter(
            delimiters: settings.edifactDelimiters, encoding: .latin1, suffix: settings.segmentSuffix)
        writer.writeRaw(una(settings.edifactDelimiters))
        writer.writeRaw(settings.segmentSuffix)
        let reference = String(settings.interchangeControlNumber)
        let date = syntaxVersion >= 4 ? settings.date : String(settings.date.suffix(6))
        let syntax = envelope.syntaxIdentifier.isEmpty ? "UNOC" : envelope.syntaxIdentifier
        writer.write(
            "UNB",
            [
                [syntax, String(syntaxVersion)],
                [envelope.receiverID, envelope.receiverQualifier, envelope.receiverRouting],
                [envelope.senderID, envelope.senderQualifier, envelope.senderRouting], [date, settings.time],
                [reference],
            ])
        writer.resetCount()
        writer.write("UNH", [["1"], syntaxVersion >= 4 ? ["CONTRL", "4", "1", "UN"] : ["CONTRL", "D", "3", "UN"]])
        let sender = [envelope.senderID, envelope.senderQualifier, envelope.senderRouting]
        let receiver = [envelope.receiverID, envelope.receiverQualifier, envelope.receiverRouting]
        let interchangeError = report.findings.first { $0.isError && $0.code.contrlCode != nil }
        if let interchangeError {
            // 0013/0135 names a service segment; a problem inside a message is reported without one.
            let tag = interchangeError.location.segmentTag.map { $0.hasPrefix("UN") ? $0 : "" } ?? "UNB"
            writer.write(
                "UCI", [[envelope.controlNumber], sender, receiver, ["4"], [interchangeError.code.contrlCode!], [tag]])
        } else {
            writer.write("UCI", [[envelope.controlNumber], sender, receiver, ["7"]])
        }
        if interchangeError == nil {
            for group in report.groups {
                if group.isExplicit {
                    let groupError = group.findings.first { $0.isError && $0.code.contrlCode != nil }
                    var elements = [
                        [group.controlNumber], [group.applicationSender, group.applicationSenderQualifier],
                        [group.applicationReceiver, group.applicationReceiverQualifier],
                    ]
                    if let groupError {
                        elements += [["4"], [groupError.code.contrlCode!], [groupError.location.segmentTag ?? "UNG"]]
                    } else {
                        elements.append(["7"])
                    }
                    writer.write("UCF", elements)
                    if groupError != nil { continue }
                }
                for message in group.sets { writeMessage(&writer, message) }
            }
        }
        writer.write("UNT", String(writer.count + 1), "1")
        writer.write("UNZ", "1", reference)
        return writer.bytes
    }

    /// UCM for one message; for a rejected one, UCS/UCD per segment in error.
    static func writeMessage(_ writer: inout SegmentWriter, _ message: SetReport) {
        let identifier = message.implementationReference.split(separator: ":", omittingEmptySubsequences: false).map(
            String.init)
        let errors = message.findings.filter { $0.isError && $0.code.contrlCode != nil }
        let envelopeError = errors.first { $0.code.level == .set }
        if let envelopeError {
            writer.write(
                "UCM",
                [
                    [message.controlNumber], identifier, ["4"], [envelopeError.code.contrlCode!],
                    [envelopeError.location.segmentTag ?? "UNH"],
                ])
        } else {
            writer.write("UCM", [[message.controlNumber], identifier, [errors.isEmpty ? "7" : "4"]])
        }
        var positions: [Int] = []
        for finding in errors where finding.code.level != .set {
            if let position = finding.location.segmentPosition, !positions.contains(position) {
                positions.append(position)
            }
        }
        for position in positions {
            let here = errors.filter { $0.location.segmentPosition == position && $0.code.level != .set }
            let segmentError = here.first { $0.code.level == .segment }
            writer.write("UCS", String(position), segmentError?.code.contrlCode ?? "")
            for finding in here where finding.code.level == .element {
                let pointer = [
                    String(finding.location.element ?? 0), finding.location.component.map(String.init) ?? "",
                ]
                writer.write("UCD", [[finding.code.contrlCode!], pointer])
            }
        }
    }

    /// The UNA service string advice for our delimiters.
    static func una(_ delimiters: Delimiters) -> [UInt8] {
        [
            UInt8(ascii: "U"), UInt8(ascii: "N"), UInt8(ascii: "A"), delimiters.component, delimiters.element,
            delimiters.decimalMark,
            delimiters.release ?? 0x20, delimiters.repetition ?? 0x20, delimiters.segment,
        ]
    }
}
