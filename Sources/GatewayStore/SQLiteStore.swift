import Foundation
import GRDB

/// The embedded store: one SQLite database (WAL) under `Spool/state/`, through GRDB.
///
/// Writes run in IMMEDIATE transactions, so two processes sharing the file serialize on the write lock
/// (with a busy timeout) instead of failing mid-transaction.
public final class SQLiteStore: GatewayStore {
    /// The database file's name inside the state directory.
    public static let fileName = "edigate.sqlite"

    let pool: DatabasePool

    /// Opens (creating if needed) `<directory>/edigate.sqlite` and applies the migrations not yet applied.
    public convenience init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try self.init(path: directory.appendingPathComponent(Self.fileName).path)
    }

    /// Opens (creating if needed) the database at `path` and applies the migrations not yet applied.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        configuration.label = "edigate.store"
        configuration.prepareDatabase { db in
            // Every committed transaction reaches the disk before the call returns (WAL + FULL).
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
    }

    /// The migrations. A shipped migration never changes: add `v2`, `v3` ... after it.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in try db.execute(sql: schemaV1) }
        migrator.registerMigration("v2") { db in try db.execute(sql: schemaV2) }
        migrator.registerMigration("v3") { db in try db.execute(sql: schemaV3) }
        return migrator
    }

    /// The names of the migrations applied to this database, in order.
    public func appliedMigrations() async throws -> [String] {
        try await pool.read { db in try Self.migrator.appliedMigrations(db) }
    }

    /// v3: the acknowledgement audit: what we sent and what the partner said; acks matching nothing; which
    /// received interchange each of our acks answers. NEVER EDIT.
    static let schemaV3 = """
        CREATE TABLE ack_expectations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            partner TEXT NOT NULL,
            standard TEXT NOT NULL,
            interchange_control TEXT NOT NULL,
            group_identifier TEXT NOT NULL,
            group_control TEXT NOT NULL,
            set_type TEXT NOT NULL,
            set_control TEXT NOT NULL,
            document_number TEXT NOT NULL,
            expected_kind TEXT NOT NULL,
            outbound_file TEXT NOT NULL,
            sent_at TEXT NOT NULL,
            deadline TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending',
            verdict_code TEXT,
            error_codes TEXT NOT NULL DEFAULT '',
            ack_kind TEXT,
            ack_file_id INTEGER REFERENCES files(id),
            acknowledged_at TEXT,
            overdue_at TEXT,
            UNIQUE (partner, standard, interchange_control, group_control, set_control)
        );
        CREATE INDEX ack_expectations_pending ON ack_expectations(deadline) WHERE status = 'pending';
        CREATE INDEX ack_expectations_sent ON ack_expectations(partner, sent_at);
        CREATE TABLE unmatched_acks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            file_id INTEGER REFERENCES files(id),
            partner TEXT NOT NULL,
            kind TEXT NOT NULL,
            reference TEXT NOT NULL,
            received_at TEXT NOT NULL
        );
        ALTER TABLE outbound_acks ADD COLUMN answers TEXT;
        """

    /// v2: the partner a file's envelope routed to (the drop directory's partner stays in `partner`). NEVER EDIT.
    static let schemaV2 = """
        ALTER TABLE files ADD COLUMN routed_partner TEXT;
        """

    /// v1 as shipped. Plain SQL (not GRDB's builder) so that no library upgrade can alter it. NEVER EDIT.
    static let schemaV1 = """
        CREATE TABLE files (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            partner TEXT NOT NULL,
            source_path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            state TEXT NOT NULL,
            reason_code TEXT,
            discovered_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX files_state ON files(state, discovered_at);
        CREATE UNIQUE INDEX files_in_flight ON files(partner, source_path, sha256)
            WHERE state NOT IN ('archived', 'quarantined');
        CREATE TABLE state_transitions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            file_id INTEGER NOT NULL REFERENCES files(id),
            from_state TEXT,
            to_state TEXT NOT NULL,
            reason_code TEXT,
            at TEXT NOT NULL
        );
        CREATE INDEX state_transitions_file ON state_transitions(file_id, id);
        CREATE TABLE interchange_keys (
            key TEXT PRIMARY KEY,
            file_id INTEGER NOT NULL REFERENCES files(id),
            content_sha256 TEXT NOT NULL,
            first_seen TEXT NOT NULL
        );
        CREATE TABLE group_keys (
            key TEXT PRIMARY KEY,
            file_id INTEGER NOT NULL REFERENCES files(id),
            first_seen TEXT NOT NULL
        );
        CREATE TABLE set_keys (
            key TEXT PRIMARY KEY,
            file_id INTEGER NOT NULL REFERENCES files(id),
            first_seen TEXT NOT NULL
        );
        CREATE TABLE business_documents (
            partner TEXT NOT NULL,
            type TEXT NOT NULL,
            number TEXT NOT NULL,
            purpose TEXT NOT NULL,
            first_event_id TEXT NOT NULL,
            file_id INTEGER NOT NULL REFERENCES files(id),
            first_seen TEXT NOT NULL,
            PRIMARY KEY (partner, type, number, purpose)
        );
        CREATE TABLE counters (
            partner TEXT NOT NULL,
            kind TEXT NOT NULL,
            scope TEXT NOT NULL DEFAULT '',
            value INTEGER NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (partner, kind, scope)
        );
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id TEXT NOT NULL UNIQUE,
            topic TEXT NOT NULL,
            payload TEXT NOT NULL,
            file_id INTEGER REFERENCES files(id),
            created_at TEXT NOT NULL,
            published_at TEXT
        );
        CREATE INDEX outbox_pending ON outbox(seq) WHERE published_at IS NULL;
        CREATE TABLE outbound_acks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            file_id INTEGER NOT NULL REFERENCES files(id),
            partner TEXT NOT NULL,
            kind TEXT NOT NULL,
            bytes BLOB NOT NULL,
            created_at TEXT NOT NULL,
            written_at TEXT
        );
        CREATE INDEX outbound_acks_pending ON outbound_acks(id) WHERE written_at IS NULL;
        """

    // MARK: Ledger

    public func recordDiscovered(partner: String, sourcePath: String, sha256: String, size: Int64, at: Date)
        async throws -> FileRecord
    {
        try await write { db in
            if let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT * FROM files WHERE partner = ? AND source_path = ? AND sha256 = ?
                    AND state NOT IN ('archived', 'quarantined')
                    """, arguments: [partner, sourcePath, sha256])
            {
                return try Self.record(row)
            }
            try db.execute(
                sql: """
                    INSERT INTO files (partner, source_path, sha256, size, state, discovered_at, updated_at)
                    VALUES (?, ?, ?, ?, 'discovered', ?, ?)
                    """, arguments: [partner, sourcePath, sha256, size, at, at])
            let id = FileID(db.lastInsertedRowID)
            try Self.audit(db, id, from: nil, to: .discovered, reason: nil, at: at)
            return try Self.fetchFile(db, id)
        }
    }

    @discardableResult
    public func advance(_ fileID: FileID, to state: FileState, reason: String?, at: Date) async throws
        -> FileRecord
    {
        try await write { db in
            try Self.move(db, fileID, to: state, reason: reason, at: at)
            return try Self.fetchFile(db, fileID)
        }
    }

    public func advance(_ fileID: FileID, through states: [FileState], routedPartner: String?, at: Date)
        async throws -> FileRecord
    {
        try await write { db in
            if let routedPartner {
                try db.execute(
                    sql: "UPDATE files SET routed_partner = ? WHERE id = ?",
                    arguments: [routedPartner, fileID.rawValue])
            }
            for state in states {
                try Self.move(db, fileID, to: state, reason: nil, at: at)
            }
            return try Self.fetchFile(db, fileID)
        }
    }

    public func recordClaimed(partner: String, sourcePath: String, sha256: String, size: Int64, at: Date)
        async throws -> (record: FileRecord, isNew: Bool)
    {
        try await write { db in
            if let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT * FROM files WHERE partner = ? AND source_path = ? AND sha256 = ?
                    AND state NOT IN ('archived', 'quarantined')
                    """, arguments: [partner, sourcePath, sha256])
            {
                return (try Self.record(row), false)
            }
            try db.execute(
                sql: """
                    INSERT INTO files (partner, source_path, sha256, size, state, discovered_at, updated_at)
                    VALUES (?, ?, ?, ?, 'discovered', ?, ?)
                    """, arguments: [partner, sourcePath, sha256, size, at, at])
            let id = FileID(db.lastInsertedRowID)
            try Self.audit(db, id, from: nil, to: .discovered, reason: nil, at: at)
            try Self.move(db, id, to: .claimed, reason: nil, at: at)
            return (try Self.fetchFile(db, id), true)
        }
    }

    public func file(_ fileID: FileID) async throws -> FileRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM files WHERE id = ?", arguments: [fileID.rawValue]).map(
                Self.record)
        }
    }

    public func assignPartner(_ fileID: FileID, partner: String) async throws {
        try await write { db in
            try db.execute(
                sql: "UPDATE files SET routed_partner = ? WHERE id = ?", arguments: [partner, fileID.rawValue])
            guard db.changesCount == 1 else { throw GatewayStoreError.unknownFile(fileID) }
        }
    }

    public func transitions(of fileID: FileID) async throws -> [StateTransition] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM state_transitions WHERE file_id = ? ORDER BY id",
                arguments: [fileID.rawValue]
            ).map { row in
                StateTransition(
                    fileID: FileID(row["file_id"]), from: (row["from_state"] as String?).flatMap(FileState.init),
                    to: try Self.state(row["to_state"]), reasonCode: row["reason_code"], at: row["at"])
            }
        }
    }

    public func unfinishedFiles(limit: Int) async throws -> [FileRecord] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM files WHERE state NOT IN ('archived', 'quarantined')
                    ORDER BY discovered_at, id LIMIT ?
                    """, arguments: [limit]
            ).map(Self.record)
        }
    }

    // MARK: Duplicates

    public func checkInterchange(_ key: EnvelopeKey, sha256: String) async throws -> InterchangeCheck {
        try await pool.read { db in try Self.interchangeCheck(db, key, sha256: sha256) }
    }

    public func recordKey(_ key: EnvelopeKey, sha256: String, fileID: FileID, at: Date) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO interchange_keys (key, file_id, content_sha256, first_seen) VALUES (?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """, arguments: [key.text, fileID.rawValue, sha256, at])
        }
    }

    public func checkBusinessDocument(_ key: BusinessDocumentKey) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT first_event_id FROM business_documents
                    WHERE partner = ? AND type = ? AND number = ? AND purpose = ?
                    """, arguments: [key.partner, key.type, key.number, key.purpose])
        }
    }

    public func checkBusinessDocuments(_ keys: [BusinessDocumentKey]) async throws -> [BusinessDocumentKey: String] {
        try await pool.read { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT first_event_id FROM business_documents
                    WHERE partner = ? AND type = ? AND number = ? AND purpose = ?
                    """)
            var found: [BusinessDocumentKey: String] = [:]
            for key in Set(keys) {
                if let first = try String.fetchOne(
                    statement, arguments: [key.partner, key.type, key.number, key.purpose])
                {
                    found[key] = first
                }
            }
            return found
        }
    }

    // MARK: Counters

    public func nextControlNumbers(partner: String, kind: CounterKind, scope: String = "", count: Int)
        async throws -> [ControlNumber]
    {
        guard count > 0, count <= kind.maximum else { throw GatewayStoreError.invalidCount(count) }
        return try await write { db in
            var value =
                try Int64.fetchOne(
                    db, sql: "SELECT value FROM counters WHERE partner = ? AND kind = ? AND scope = ?",
                    arguments: [partner, kind.name, scope]) ?? 0
            var numbers: [ControlNumber] = []
            numbers.reserveCapacity(count)
            for _ in 0..<count {
                if value >= kind.maximum {
                    guard kind.wraps else {
                        throw GatewayStoreError.counterExhausted(partner: partner, kind: kind.name, scope: scope)
                    }
                    value = 1
                } else {
                    value += 1
                }
                numbers.append(ControlNumber(value: value, text: Self.pad(value, kind.width)))
            }
            try db.execute(
                sql: """
                    INSERT INTO counters (partner, kind, scope, value, updated_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (partner, kind, scope) DO UPDATE SET value = excluded.value,
                    updated_at = excluded.updated_at
                    """, arguments: [partner, kind.name, scope, value, Date()])
            return numbers
        }
    }

    public func setCounter(partner: String, kind: CounterKind, scope: String = "", lastUsed: Int64) async throws {
        guard lastUsed >= 0, lastUsed <= kind.maximum else { throw GatewayStoreError.invalidCount(Int(lastUsed)) }
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO counters (partner, kind, scope, value, updated_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (partner, kind, scope) DO UPDATE SET value = excluded.value,
                    updated_at = excluded.updated_at
                    """, arguments: [partner, kind.name, scope, lastUsed, Date()])
        }
    }

    // MARK: Monitoring

    public func counts() async throws -> [FileState: Int] {
        try await pool.read { db in
            var result: [FileState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM files GROUP BY state") {
                result[try Self.state(row["state"])] = row["n"]
            }
            return result
        }
    }

    public func oldestPending() async throws -> FileRecord? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT * FROM files WHERE state NOT IN ('archived', 'quarantined')
                    ORDER BY discovered_at, id LIMIT 1
                    """
            ).map(Self.record)
        }
    }

    // MARK: Helpers

    /// A write in an IMMEDIATE transaction: rolled back entirely if `body` throws.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.writeWithoutTransaction { db in
            var value: T?
            try db.inTransaction(.immediate) {
                value = try body(db)
                return .commit
            }
            return value!
        }
    }

    static func move(_ db: Database, _ fileID: FileID, to state: FileState, reason: String?, at: Date) throws {
        guard let current = try currentState(db, fileID) else { throw GatewayStoreError.unknownFile(fileID) }
        guard current.canAdvance(to: state) else {
            throw GatewayStoreError.illegalTransition(fileID, from: current, to: state)
        }
        if state == .quarantined, (reason ?? "").isEmpty { throw GatewayStoreError.reasonRequired(fileID) }
        try db.execute(
            sql: """
                UPDATE files SET state = ?, reason_code = COALESCE(?, reason_code), updated_at = ?,
                attempts = attempts + ? WHERE id = ?
                """, arguments: [state.rawValue, reason, at, state == .claimed ? 1 : 0, fileID.rawValue])
        try audit(db, fileID, from: current, to: state, reason: reason, at: at)
    }

    static func audit(_ db: Database, _ fileID: FileID, from: FileState?, to: FileState, reason: String?, at: Date)
        throws
    {
        try db.execute(
            sql:
                "INSERT INTO state_transitions (file_id, from_state, to_state, reason_code, at) VALUES (?, ?, ?, ?, ?)",
            arguments: [fileID.rawValue, from?.rawValue, to.rawValue, reason, at])
    }

    static func currentState(_ db: Database, _ fileID: FileID) throws -> FileState? {
        try String.fetchOne(db, sql: "SELECT state FROM files WHERE id = ?", arguments: [fileID.rawValue]).map(
            state)
    }

    static func interchangeCheck(_ db: Database, _ key: EnvelopeKey, sha256: String) throws -> InterchangeCheck {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT file_id, content_sha256 FROM interchange_keys WHERE key = ?", arguments: [key.text])
        else { return .new }
        let original = FileID(row["file_id"])
        return (row["content_sha256"] as String) == sha256
            ? .duplicateSameContent(originalFileID: original) : .duplicateDifferentContent(originalFileID: original)
    }

    static func fetchFile(_ db: Database, _ fileID: FileID) throws -> FileRecord {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM files WHERE id = ?", arguments: [fileID.rawValue])
        else { throw GatewayStoreError.unknownFile(fileID) }
        return try record(row)
    }

    static func record(_ row: Row) throws -> FileRecord {
        FileRecord(
            id: FileID(row["id"]), partner: row["partner"], sourcePath: row["source_path"], sha256: row["sha256"],
            size: row["size"], state: try state(row["state"]), reasonCode: row["reason_code"],
            discoveredAt: row["discovered_at"], updatedAt: row["updated_at"], attempts: row["attempts"],
            routedPartner: row["routed_partner"])
    }

    static func state(_ text: String) throws -> FileState {
        guard let state = FileState(rawValue: text) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unknown file state \(text)")
        }
        return state
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
