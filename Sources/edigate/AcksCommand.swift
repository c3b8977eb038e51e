import ArgumentParser
import Foundation
import GatewayService
import GatewayStore

/// `edigate acks`: the acknowledgement audit: every set we sent, which acknowledgement we await, and what the
/// partner said (or that it is overdue), with a summary line per partner.
struct AcksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acks", abstract: "The acknowledgement audit: what we sent and what each partner acknowledged.")

    @OptionGroup var gateway: GatewayOptions
    @Option(help: "Only this partner.") var partner: String?
    @Option(help: "Only this status: pending, accepted, accepted_with_errors, rejected, overdue.") var status: String?
    @Option(help: "Only what was sent on or after this date (YYYY-MM-DD or RFC 3339).") var since: String?
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Print CSV.") var csv = false
    @Flag(help: "The inbound side: for each interchange received, the acknowledgement we sent and its verdict.")
    var received = false

    func run() async throws {
        let layout = SpoolLayout(root: gateway.spool)
        guard FileManager.default.fileExists(atPath: "\(layout.state)/\(SQLiteStore.fileName)") else {
            printError("\(layout.state)/\(SQLiteStore.fileName): no store yet (nothing has run on this spool)")
            throw ExitCode(ExitStatus.unreadable)
        }
        var filter = AckFilter(partner: partner)
        if let status {
            guard let parsed = AckStatus(rawValue: status) else {
                printError(
                    "--status \(status): expected one of \(AckStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                throw ExitCode(ExitStatus.unreadable)
            }
            filter.status = parsed
        }
        if let since {
            guard let date = Self.date(since) else {
                printError("--since \(since): expected YYYY-MM-DD or an RFC 3339 time")
                throw ExitCode(ExitStatus.unreadable)
            }
            filter.sentSince = date
        }
        let store = try SQLiteStore(directory: URL(fileURLWithPath: layout.state))
        if received {
            let report = ReceivedReport(
                rows: try await store.sentAcknowledgements(partner: partner, since: filter.sentSince))
            print(json ? try report.json() : csv ? report.csv() : report.text(), terminator: json ? "\n" : "")
            return
        }
        let rows = try await store.expectations(filter)
        let report = AckReport(rows: rows)
        if json {
            print(try report.json())
        } else if csv {
            print(report.csv(), terminator: "")
        } else {
            print(report.text(), terminator: "")
        }
        let unmatched = try await store.unmatchedAcks().filter { partner == nil || $0.partner == partner }
        if !unmatched.isEmpty && !json && !csv {
            print("unmatched acknowledgements (they refer to nothing we sent):")
            for ack in unmatched { print("  \(ack.partner) \(ack.kind) \(ack.reference)") }
        }
    }

    static func date(_ text: String) -> Date? {
        if let date = ISO8601DateFormatter().date(from: text) { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.date(from: text)
    }
}
