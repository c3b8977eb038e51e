import ArgumentParser
import EDIFormat
import Foundation

/// `edigate parse FILE`: the envelope summary, or the tree as JSON.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Show the envelope structure of an X12 or EDIFACT file.")

    @Argument(help: "The file to parse.") var file: String
    @Flag(help: "Print the tree as JSON.") var json = false
    @Flag(help: "Include segments and their values (payload data).") var showData = false

    func run() throws {
        let input = try InputFile.load(file)
        if json {
            let tree = input.parsed.interchanges.map { InterchangeJSON($0, showData: showData) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            writeOut(Array(try encoder.encode(ParseJSON(file: file, interchanges: tree))) + [0x0A])
        } else {
            for interchange in input.parsed.interchanges {
                print(summary(interchange))
            }
            if !input.parsed.isEDI { printError("\(file): not an X12 or EDIFACT file") }
        }
        if !input.parsed.isEDI { throw ExitCode(ExitStatus.unreadable) }
    }

    func summary(_ interchange: Interchange) -> String {
        let report = interchange.report
        let envelope = report.envelope
        let d = interchange.delimiters
        func show(_ byte: UInt8?) -> String {
            guard let byte else { return "none" }
            switch byte {
            case 0x0A: return "\\n"
            case 0x0D: return "\\r"
            default: return byte < 0x20 || byte > 0x7E ? "0x\(String(byte, radix: 16))" : String(UnicodeScalar(byte))
            }
        }
        var lines = [
            "\(interchange.standard.rawValue) interchange \(envelope.controlNumber) from \(envelope.senderQualifier)/\(envelope.senderID) to \(envelope.receiverQualifier)/\(envelope.receiverID), \(envelope.date) \(envelope.time), version \(envelope.version), usage \(envelope.usage)",
            "  delimiters: element \(show(d.element)) component \(show(d.component)) repetition \(show(d.repetition)) segment \(show(d.segment))"
                + (interchange.standard == .edifact
                    ? " release \(show(d.release)) decimal \(show(d.decimalMark)) charset \(envelope.syntaxIdentifier)"
                    : ""),
        ]
        if report.ta1Count > 0 { lines.append("  TA1 segments: \(report.ta1Count)") }
        for group in report.groups {
            if group.isExplicit {
                lines.append(
                    "  group \(group.functionalIdentifier) \(group.controlNumber) version \(group.version): \(group.sets.count) set(s)"
                )
            } else {
                lines.append("  messages without a group: \(group.sets.count)")
            }
            for set in group.sets {
                let errors = set.findings.filter(\.isError).count
                lines.append(
                    "    \(set.type) \(set.controlNumber): \(set.segmentCount) segments\(errors > 0 ? ", \(errors) error(s)" : "")"
                )
            }
        }
        let errors = report.allFindings.filter(\.isError).count
        lines.append("  findings: \(errors) error(s), \(report.allFindings.count - errors) warning(s)")
        return lines.joined(separator: "\n")
    }
}

struct ParseJSON: Encodable {
    let file: String
    let interchanges: [InterchangeJSON]
}

/// The machine-readable tree: envelope, groups, sets; segments only with `--show-data`.
struct InterchangeJSON: Encodable {
    let standard: String
    let envelope: EnvelopeHeader
    let groups: [GroupJSON]
    let findings: Int
    let errors: Int

    init(_ interchange: Interchange, showData: Bool) {
        standard = interchange.standard.rawValue
        envelope = interchange.report.envelope
        let all = interchange.report.allFindings
        findings = all.count
        errors = all.filter(\.isError).count
        groups = zip(interchange.groups, interchange.report.groups).map {
            GroupJSON(group: $0.0, report: $0.1, showData: showData)
        }
    }
}

struct GroupJSON: Encodable {
    let functionalIdentifier: String
    let controlNumber: String
    let version: String
    let transactionSets: [SetJSON]

    init(group: FunctionalGroup, report: GroupReport, showData: Bool) {
        functionalIdentifier = report.functionalIdentifier
        controlNumber = report.controlNumber
        version = report.version
        transactionSets = zip(group.transactionSets, report.sets).map {
            SetJSON(set: $0.0, report: $0.1, showData: showData)
        }
    }
}

struct SetJSON: Encodable {
    let type: String
    let controlNumber: String
    let implementationReference: String
    let segmentCount: Int
    let byteOffset: Int
    let segments: [[[String]]]?

    init(set: TransactionSet, report: SetReport, showData: Bool) {
        type = report.type
        controlNumber = report.controlNumber
        implementationReference = report.implementationReference
        segmentCount = report.segmentCount
        byteOffset = report.byteOffset
        if showData {
            let all = [set.header] + set.segments + (set.trailer.map { [$0] } ?? [])
            segments = all.map { segment in [[segment.tagString]] + segment.elements.map { $0.components.map(\.string) }
            }
        } else {
            segments = nil
        }
    }
}
