import ArgumentParser
import EDIFormat
import Foundation

/// `edigate validate FILE`: every finding with its location; exit 0 clean, 1 errors, 2 unreadable or not EDI.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Validate an X12 or EDIFACT file and list every finding.")

    @Argument(help: "The file to validate.") var file: String
    @Flag(help: "Print the findings as JSON.") var json = false
    @Flag(help: "Include payload values in messages.") var showData = false
    @Flag(help: "Treat characters outside EDIFACT syntax level A as errors.") var strictCharset = false

    func run() throws {
        let input = try InputFile.load(file, strictCharacterSet: strictCharset)
        let findings = input.parsed.allFindings
        if json {
            let report = ValidationJSON(
                file: file, status: input.status == 0 ? "clean" : input.status == 1 ? "errors" : "not-edi",
                interchanges: input.parsed.interchanges.count,
                findings: findings.map { FindingFormatter.redacted($0, showData: showData) })
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            writeOut(Array(try encoder.encode(report)) + [0x0A])
        } else {
            for finding in findings {
                print(FindingFormatter.line(finding, file: file, showData: showData))
            }
            let errors = findings.filter(\.isError).count
            printError(
                "\(file): \(input.parsed.interchanges.count) interchange(s), \(errors) error(s), \(findings.count - errors) warning(s)"
            )
        }
        throw ExitCode(input.status)
    }
}

struct ValidationJSON: Encodable {
    let file: String
    let status: String
    let interchanges: Int
    let findings: [Finding]
}
