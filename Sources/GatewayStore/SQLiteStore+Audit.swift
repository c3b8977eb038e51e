import Foundation
import GRDB

/// The acknowledgement audit in SQLite (`ack_expectations`, `unmatched_acks`; migration v3).
extension SQLiteStore {
    public func recordExpectations(_ expectations: [AckExpectation]) async throws {
        try await write { db in try Self.insert(db, expectations) }
    }

    static func insert(_ db: Database, _ expectations: [AckExpectation]) throws {
        for expectation in expectations {
            try db.execute(
                sql: """
                    INSERT INTO ack_expectations (partner, standard, interchange_control, group_identifier,
                    group_control, set_type, set_control, document_number, expected_kind, outbound_file, sent_at,
                    deadline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """,
                arguments: [
                    expectation.partner, expectation.standard, expectation.interchangeControl,
                    expectation.groupIdentifier, expectation.groupControl, expectation.setType,
                    expectation.setControl, expectation.documentNumber, expectation.expectedKind,
                    expectation.outboundFile, expectation.sentAt, expectation.deadline,
                ])
        }
    }

    public func expectations(partner: String, standard: String, interchangeControl: String?, groupControl: String?)
        async throws -> [AckExpectation]
    {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM ack_expectations WHERE partner = ? AND standard = ?
                    AND (? IS NULL OR interchange_control = ?) AND (? IS NULL OR group_control = ?)
                    ORDER BY id
                    """,
                arguments: [partner, standard, interchangeControl, interchangeControl, groupControl, groupControl]
            ).map(Self.expectation)
        }
    }

    public func expectations(_ filter: AckFilter) async throws -> [AckExpectation] {
        try await pool.read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            if let partner = filter.partner {
                clauses.append("partner = ?")
                _ = arguments.append(contentsOf: [partner])
            }
            if let status = filter.status {
                clauses.append("status = ?")
                _ = arguments.append(contentsOf: [status.rawValue])
            }
            if let since = filter.sentSince {
                clauses.append("sent_at >= ?")
                _ = arguments.append(contentsOf: [since])
            }
            let condition = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            return try Row.fetchAll(
                db, sql: "SELECT * FROM ack_expectations \(condition) ORDER BY sent_at, id", arguments: arguments
            ).map(Self.expectation)
        }
    }

    public func markOverdue(now: Date, event: @escaping @Sendable (AckExpectation) -> OutboxEvent) async throws
        -> [AckExpectation]
    {
        try await write { db in
            let due = try Row.fetchAll(
                db, sql: "SELECT * FROM ack_expectations WHERE status = 'pending' AND deadline <= ? ORDER BY id",
                arguments: [now]
            ).map(Self.expectation)
            var marked: [AckExpectation] = []
            for var expectation in due {
                try db.execute(
                    sql: "UPDATE ack_expectations SET status = 'overdue', overdue_at = ? WHERE id = ?",
                    arguments: [now, expectation.id])
                expectation.status = .overdue
                expectation.overdueAt = now
                let outbox = event(expectation)
                try db.execute(
                    sql: """
                        INSERT INTO outbox (event_id, topic, payload, file_id, created_at) VALUES (?, ?, ?, NULL, ?)
                        ON CONFLICT (event_id) DO NOTHING
                        """,
                    arguments: [outbox.id, outbox.topic, String(decoding: outbox.payload, as: UTF8.self), now])
                marked.append(expectation)
            }
            return marked
        }
    }

    public func unmatchedAcks() async throws -> [UnmatchedAck] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM unmatched_acks ORDER BY id").map { row in
                var ack = UnmatchedAck(partner: row["partner"], kind: row["kind"], reference: row["reference"])
                ack.fileID = row["file_id"]
                ack.receivedAt = row["received_at"]
                return ack
            }
        }
    }

    public func sentAcknowledgements(partner: String?, since: Date?) async throws -> [SentAcknowledgement] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT a.partner, a.kind, a.answers, a.file_id, a.bytes, a.created_at, a.written_at,
                    f.source_path, f.discovered_at FROM outbound_acks a JOIN files f ON f.id = a.file_id
                    WHERE a.answers IS NOT NULL AND (? IS NULL OR a.partner = ?) AND (? IS NULL OR a.created_at >= ?)
                    ORDER BY a.id
                    """, arguments: [partner, partner, since, since]
            ).map { row in
                let path: String = row["source_path"]
                return SentAcknowledgement(
                    partner: row["partner"], kind: row["kind"], answers: row["answers"], fileID: row["file_id"],
                    file: path.split(separator: "/").last.map(String.init) ?? path, receivedAt: row["discovered_at"],
                    createdAt: row["created_at"], writtenAt: row["written_at"], bytes: row["bytes"])
            }
        }
    }

    /// Inside a commit: the verdicts and unmatched acks of an inbound acknowledgement file.
    static func apply(_ db: Database, _ audit: AuditUpdate, fileID: FileID, at: Date) throws {
        try insert(db, audit.expectations)
        for verdict in audit.verdicts {
            try db.execute(
                sql: """
                    UPDATE ack_expectations SET status = ?, verdict_code = ?, error_codes = ?, ack_kind = ?,
                    ack_file_id = ?, acknowledged_at = ? WHERE id = ?
                    """,
                arguments: [
                    verdict.status.rawValue, verdict.code, verdict.errorCodes.joined(separator: " "), verdict.ackKind,
                    fileID.rawValue, at, verdict.expectationID,
                ])
        }
        for ack in audit.unmatched {
            try db.execute(
                sql: """
                    INSERT INTO unmatched_acks (file_id, partner, kind, reference, received_at) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [fileID.rawValue, ack.partner, ack.kind, ack.reference, at])
        }
    }

    static func expectation(_ row: Row) throws -> AckExpectation {
        var expectation = AckExpectation(
            partner: row["partner"], standard: row["standard"], interchangeControl: row["interchange_control"],
            groupIdentifier: row["group_identifier"], groupControl: row["group_control"], setType: row["set_type"],
            setControl: row["set_control"], documentNumber: row["document_number"],
            expectedKind: row["expected_kind"], outboundFile: row["outbound_file"], sentAt: row["sent_at"],
            deadline: row["deadline"])
        expectation.id = row["id"]
        guard let status = AckStatus(rawValue: row["status"]) else {
            throw DatabaseError(message: "unknown ack status \(String(describing: row["status"] as String?))")
        }
        expectation.status = status
        expectation.verdictCode = row["verdict_code"]
        let codes: String = row["error_codes"]
        expectation.errorCodes = codes.split(separator: " ").map(String.init)
        expectation.ackKind = row["ack_kind"]
        expectation.ackFileID = row["ack_file_id"]
        expectation.acknowledgedAt = row["acknowledged_at"]
        expectation.overdueAt = row["overdue_at"]
        return expectation
    }
}
