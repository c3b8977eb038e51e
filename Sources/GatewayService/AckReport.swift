import EDIFormat
import Foundation
import GatewayStore

/// The acknowledgement audit as a report: one row per set we sent, and a summary per partner (sent,
/// accepted, rejected, overdue, pending, median acknowledgement latency). Text, CSV or JSON.
public struct AckReport: Sendable {
    public var rows: [AckExpectation]

    public init(rows: [AckExpectation]) {
        self.rows = rows
    }

    public struct Summary: Sendable, Hashable, Codable {
        public var partner: String
        public var sent: Int
        public var accepted: Int
        public var rejected: Int
        public var overdue: Int
        public var pending: Int
        /// Median seconds from sending to the acknowledgement, over the acknowledged sets.
        public var medianLatencySeconds: Int?
    }

    public var summaries: [Summary] {
        Dictionary(grouping: rows, by: \.partner).keys.sorted().map { partner in
            let sets = rows.filter { $0.partner == partner }
            let latencies = sets.compactMap { set in set.acknowledgedAt.map { Int($0.timeIntervalSince(set.sentAt)) } }
                .sorted()
            return Summary(
                partner: partner, sent: sets.count,
                accepted: sets.filter { $0.status == .accepted || $0.status == .acceptedWithErrors }.count,
                rejected: sets.filter { $0.status == .rejected }.count,
                overdue: sets.filter { $0.status == .overdue }.count,
                pending: sets.filter { $0.status == .pending }.count,
                medianLatencySeconds: latencies.isEmpty ? nil : latencies[latencies.count / 2])
        }
    }

    static let columns = [
        "partner", "sent_at", "standard", "interchange", "group", "set_type", "set", "document", "expected",
        "deadline", "status", "code", "errors", "ack", "acknowledged_at", "latency_s", "file",
    ]

    func fields(_ row: AckExpectation) -> [String] {
        let time = { (date: Date?) in date.map { Self.format($0) } ?? "" }
        return [
            row.partner, time(row.sentAt), row.standard, row.interchangeControl,
            row.groupIdentifier.isEmpty ? row.groupControl : "\(row.groupIdentifier) \(row.groupControl)",
            row.setType, row.setControl, row.documentNumber, row.expectedKind, time(row.deadline), row.status.rawValue,
            row.verdictCode ?? "", row.errorCodes.joined(separator: " "), row.ackKind ?? "", time(row.acknowledgedAt),
            row.acknowledgedAt.map { String(Int($0.timeIntervalSince(row.sentAt))) } ?? "", row.outboundFile,
        ]
    }

    public func text() -> String {
        var lines = [Self.columns.joined(separator: "  ")]
        lines += rows.map { fields($0).map { $0.isEmpty ? "-" : $0 }.joined(separator: "  ") }
        lines.append("")
        for summary in summaries {
            let median = summary.medianLatencySeconds.map { "\($0) s" } ?? "-"
            lines.append(
                "\(summary.partner): \(summary.sent) sent, \(summary.accepted) accepted, \(summary.rejected) rejected, \(summary.overdue) overdue, \(summary.pending) pending; median ack latency \(median)"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func csv() -> String {
        ([Self.columns] + rows.map(fields)).map { $0.map(Self.quote).joined(separator: ",") }.joined(separator: "\r\n")
            + "\r\n"
    }

    public func json() throws -> String {
        struct Document: Encodable {
            var sets: [[String: String]]
            var summaries: [Summary]
        }
        let sets = rows.map { Dictionary(uniqueKeysWithValues: zip(Self.columns, fields($0))) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Document(sets: sets, summaries: summaries)), as: UTF8.self)
    }

    static func quote(_ field: String) -> String {
        field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"\(field.replacingOccurrences(of: "\"", with: "\"\""))\"" : field
    }

    static func format(_ date: Date) -> String { InboundPipeline.rfc3339(date) }
}

/// The inbound side of the audit: for each interchange we received, the acknowledgement we sent and its verdict.
public struct ReceivedReport: Sendable {
    public var rows: [SentAcknowledgement]

    public init(rows: [SentAcknowledgement]) {
        self.rows = rows
    }

    static let columns = ["partner", "received_at", "file", "interchange", "ack", "verdict", "sent_at", "written_at"]

    /// What the acknowledgement says: AK9 / TA104 (`A`, `E`, `P`, `R`) or UCI 0083 (`7`, `4`).
    public static func verdict(_ acknowledgement: SentAcknowledgement) -> String {
        let parsed = EDIParser.parse([UInt8](acknowledgement.bytes))
        for interchange in parsed.interchanges {
            for ack in ReceivedAcknowledgement.read(interchange) {
                if let code = ack.groups.first?.code { return code }
                if let verdict = ack.interchanges.first?.code { return verdict }
                if let set = ack.groups.first?.sets.first?.code { return set }
            }
        }
        return ""
    }

    func fields(_ row: SentAcknowledgement) -> [String] {
        [
            row.partner, AckReport.format(row.receivedAt), row.file, row.answers, row.kind, Self.verdict(row),
            AckReport.format(row.createdAt), row.writtenAt.map(AckReport.format) ?? "",
        ]
    }

    public func text() -> String {
        ([Self.columns] + rows.map(fields)).map { $0.map { $0.isEmpty ? "-" : $0 }.joined(separator: "  ") }
            .joined(separator: "\n") + "\n"
    }

    public func csv() -> String {
        ([Self.columns] + rows.map(fields)).map { $0.map(AckReport.quote).joined(separator: ",") }.joined(
            separator: "\r\n") + "\r\n"
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let objects = rows.map { Dictionary(uniqueKeysWithValues: zip(Self.columns, fields($0))) }
        return String(decoding: try encoder.encode(objects), as: UTF8.self)
    }
}
