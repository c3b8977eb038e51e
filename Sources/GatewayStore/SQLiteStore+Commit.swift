import Foundation
import GRDB

/// The commit transaction, the outbox and the acknowledgements waiting to be written.
extension SQLiteStore {
    // MARK: Commit

    @discardableResult
    public func commit(
        fileID: FileID, contentSHA256: String, keys: CommitKeys, events: [OutboxEvent], acks: [OutboundAck],
        reason: String?, audit: AuditUpdate, at: Date
    ) async throws -> CommitResult {
        try await write { db in
            var result = CommitResult()
            guard let current = try Self.currentState(db, fileID) else { throw GatewayStoreError.unknownFile(fileID) }
            guard current == .parsed else {
                throw GatewayStoreError.illegalTransition(fileID, from: current, to: .committed)
            }
            try Self.move(db, fileID, to: .committed, reason: reason, at: at)
            // Prepared once: a large file commits tens of thousands of rows.
            let insertEvent = try db.cachedStatement(
                sql: """
                    INSERT INTO outbox (event_id, topic, payload, file_id, created_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (event_id) DO NOTHING
                    """)
            for event in events {
                try insertEvent.execute(arguments: [
                    event.id, event.topic, String(decoding: event.payload, as: UTF8.self), fileID.rawValue, at,
                ])
                if db.changesCount == 0 { result.repeatedEventIDs.append(event.id) }
            }
            for ack in acks {
                try db.execute(
                    sql: """
                        INSERT INTO outbound_acks (file_id, partner, kind, bytes, created_at, answers)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """, arguments: [fileID.rawValue, ack.partner, ack.kind, ack.bytes, at, ack.answers])
            }
            try Self.apply(db, audit, fileID: fileID, at: at)
            for (table, list) in [("group_keys", keys.groups), ("set_keys", keys.sets)] {
                let insertKey = try db.cachedStatement(
                    sql: "INSERT INTO \(table) (key, file_id, first_seen) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                for key in list {
                    try insertKey.execute(arguments: [key.text, fileID.rawValue, at])
                    if db.changesCount == 0,
                        let owner = try Int64.fetchOne(
                            db, sql: "SELECT file_id FROM \(table) WHERE key = ?", arguments: [key.text]),
                        owner != fileID.rawValue
                    {
                        if table == "group_keys" {
                            result.duplicateGroups[key] = FileID(owner)
                        } else {
                            result.duplicateSets[key] = FileID(owner)
                        }
                    }
                }
            }
            let insertDocument = try db.cachedStatement(
                sql: """
                    INSERT INTO business_documents (partner, type, number, purpose, first_event_id, file_id,
                    first_seen) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """)
            for (document, eventID) in keys.documents {
                try insertDocument.execute(arguments: [
                    document.partner, document.type, document.number, document.purpose, eventID, fileID.rawValue, at,
                ])
                if db.changesCount == 0,
                    let first = try String.fetchOne(
                        db,
                        sql: """
                            SELECT first_event_id FROM business_documents
                            WHERE partner = ? AND type = ? AND number = ? AND purpose = ?
                            """, arguments: [document.partner, document.type, document.number, document.purpose]),
                    first != eventID
                {
                    result.suspectedDuplicates[document] = first
                }
            }
            // Last, so that a lost race (another file took the key) rolls back everything written above.
            for (key, sha256) in keys.interchanges.sorted(by: { $0.key.text < $1.key.text }) {
                switch try Self.interchangeCheck(db, key, sha256: sha256) {
                case .new:
                    try db.execute(
                        sql:
                            "INSERT INTO interchange_keys (key, file_id, content_sha256, first_seen) VALUES (?, ?, ?, ?)",
                        arguments: [key.text, fileID.rawValue, sha256, at])
                case .duplicateSameContent(let original):
                    throw GatewayStoreError.duplicateInterchange(key, originalFileID: original, sameContent: true)
                case .duplicateDifferentContent(let original):
                    throw GatewayStoreError.duplicateInterchange(key, originalFileID: original, sameContent: false)
                }
            }
            return result
        }
    }

    // MARK: Outbox and acks

    public func enqueue(_ events: [OutboxEvent], fileID: FileID?, at: Date) async throws {
        try await write { db in
            for event in events {
                try db.execute(
                    sql: """
                        INSERT INTO outbox (event_id, topic, payload, file_id, created_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (event_id) DO NOTHING
                        """,
                    arguments: [
                        event.id, event.topic, String(decoding: event.payload, as: UTF8.self), fileID?.rawValue, at,
                    ])
            }
        }
    }

    public func pendingOutbox(limit: Int) async throws -> [OutboxEvent] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT event_id, topic, payload FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT ?",
                arguments: [limit]
            ).map { row in
                OutboxEvent(id: row["event_id"], topic: row["topic"], payload: Data((row["payload"] as String).utf8))
            }
        }
    }

    public func markPublished(eventIDs: [String], at: Date) async throws {
        guard !eventIDs.isEmpty else { return }
        try await write { db in
            for id in eventIDs {
                try db.execute(
                    sql: "UPDATE outbox SET published_at = ? WHERE event_id = ? AND published_at IS NULL",
                    arguments: [at, id])
            }
        }
    }

    public func pendingAcks(limit: Int) async throws -> [PendingAck] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM outbound_acks WHERE written_at IS NULL ORDER BY id LIMIT ?",
                arguments: [limit]
            ).map { row in
                PendingAck(
                    id: row["id"], fileID: FileID(row["file_id"]),
                    ack: OutboundAck(
                        partner: row["partner"], kind: row["kind"], bytes: row["bytes"], answers: row["answers"]),
                    createdAt: row["created_at"])
            }
        }
    }

    public func outputs(of fileID: FileID) async throws -> (acks: Int, events: Int) {
        try await pool.read { db in
            let acks = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM outbound_acks WHERE file_id = ?", arguments: [fileID.rawValue])
            let events = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM outbox WHERE file_id = ?", arguments: [fileID.rawValue])
            return (acks ?? 0, events ?? 0)
        }
    }

    public func acknowledgements(of fileID: FileID) async throws -> [(ack: PendingAck, writtenAt: Date?)] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM outbound_acks WHERE file_id = ? ORDER BY id", arguments: [fileID.rawValue]
            ).map { row in
                (
                    PendingAck(
                        id: row["id"], fileID: FileID(row["file_id"]),
                        ack: OutboundAck(
                            partner: row["partner"], kind: row["kind"], bytes: row["bytes"], answers: row["answers"]),
                        createdAt: row["created_at"]),
                    row["written_at"]
                )
            }
        }
    }

    public func markAcksWritten(ids: [Int64], at: Date) async throws {
        guard !ids.isEmpty else { return }
        try await write { db in
            for id in ids {
                try db.execute(
                    sql: "UPDATE outbound_acks SET written_at = ? WHERE id = ? AND written_at IS NULL",
                    arguments: [at, id])
            }
        }
    }
}
