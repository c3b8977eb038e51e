import ArgumentParser
import EDIFormat
import Foundation
import GatewayService

/// `edigate ack FILE --kind 997|999|ta1|contrl`: the acknowledgement on standard output.
struct AckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack", abstract: "Build the acknowledgement of an X12 or EDIFACT file.")

    @Argument(help: "The file to acknowledge.") var file: String
    @Option(help: "997, 999, ta1 or contrl (default: 997 for X12, contrl for EDIFACT).") var kind: AcknowledgementKind?
    @Option(help: "Our interchange control number (ISA13 / UNB 0020) for the first acknowledgement.")
    var interchangeNumber = 1
    @Option(help: "Our group control number (GS06).") var groupNumber = 1
    @Option(help: "ST02 of the first acknowledgement set.") var setNumber = 1
    @Option(help: "Date as CCYYMMDD (default: today, UTC).") var date: String?
    @Option(help: "Time as HHMM (default: now, UTC).") var time: String?
    @Option(
        help:
            "A partners directory: without --kind, answer each interchange as its partner's policy says (docs/partners.md)."
    )
    var partners: String?

    func run() throws {
        let input = try InputFile.load(file)
        guard input.parsed.isEDI else {
            printError("\(file): not an X12 or EDIFACT file; nothing to acknowledge")
            throw ExitCode(ExitStatus.unreadable)
        }
        let now = Self.utcNow()
        var settings = AcknowledgementSettings(
            interchangeControlNumber: interchangeNumber, groupControlNumber: groupNumber,
            firstSetControlNumber: setNumber,
            date: date ?? now.date, time: time ?? now.time)
        let registry = try partners.map { directory -> PartnerRegistry in
            let opened = PartnerRegistry.open(directory: directory)
            for problem in opened.problems { printError(problem.description) }
            guard opened.problems.isEmpty else { throw ExitCode(ExitStatus.unreadable) }
            return opened.registry
        }
        for interchange in input.parsed.interchanges {
            let report = interchange.report
            var policyKind: AcknowledgementKind?
            if kind == nil, let registry {
                guard let partner = registry.partner(for: report.envelope, standard: report.standard) else {
                    printError(
                        "\(file): interchange \(report.envelope.controlNumber): its sender is no partner in \(partners ?? "")"
                    )
                    continue
                }
                guard let first = AcknowledgementPlanner.kinds(for: report, policy: partner.acknowledgements).first
                else {
                    printError("\(file): \(partner.id)'s policy sends no acknowledgement for this interchange")
                    continue
                }
                policyKind = first
            }
            let wanted = kind ?? policyKind ?? (report.standard == .x12 ? .fa997 : .contrl)
            var output: [UInt8]?
            switch (report.standard, wanted) {
            case (.x12, .ta1):
                output = X12Acknowledgement.ta1(for: report, settings: settings)
            case (.x12, .fa997), (.x12, .fa999):
                output = X12Acknowledgement.functional(wanted, for: report, settings: settings)
                if output == nil && report.isRejected {
                    printError(
                        "\(file): interchange \(report.envelope.controlNumber) is rejected at the envelope; answering with a TA1"
                    )
                    output = X12Acknowledgement.ta1(for: report, settings: settings)
                }
            case (.edifact, .contrl):
                output = CONTRLAcknowledgement.build(for: report, settings: settings)
            default:
                printError("\(file): a \(wanted.rawValue) does not answer a \(report.standard.rawValue) interchange")
                throw ExitCode(ExitStatus.unreadable)
            }
            guard let output else {
                if report.standard == .x12 && !X12Acknowledgement.isAddressable(report) {
                    printError(
                        "\(file): interchange header does not identify the sender, receiver or interchange; it cannot be acknowledged"
                    )
                    continue
                }
                printError(
                    "\(file): interchange \(report.envelope.controlNumber) carries acknowledgements only; acknowledgements are never acknowledged"
                )
                continue
            }
            writeOut(output)
            settings.interchangeControlNumber += 1
            settings.groupControlNumber += 1
        }
        throw ExitCode(input.status)
    }

    static func utcNow() -> (date: String, time: String) {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd HHmm"
        let parts = formatter.string(from: Date()).split(separator: " ")
        return (String(parts[0]), String(parts[1]))
    }
}

extension AcknowledgementKind: ExpressibleByArgument {}
