import CanonicalModel
import EDIFormat
import EDIXML
import Foundation
import GatewayMapping
import GatewaySinks
import GatewayStore
import GatewayTelemetry
import GatewayTransport
import Logging

/// What became of one file.
public struct FileOutcome: Sendable, Hashable {
    public var fileID: Int64
    public var name: String
    public var partner: String
    /// `archived` or `quarantined`.
    public var state: FileState
    public var reason: String?
    /// Where the file now lies.
    public var path: String
    /// Events its commit put in the outbox (each reaches the queue once).
    public var events: Int = 0
    /// The acknowledgements written for it (for an outgoing document: the rendered interchange delivered).
    public var acknowledgements: [String] = []
    /// True for a canonical document we sent (from `outgoing/`).
    public var isOutgoing = false
}

/// The inbound pipeline of architecture §1, one file at a time: claim → decode → parse → route → map →
/// commit (ledger, keys, events, acks in one transaction) → acks written → outbox published → archive or
/// quarantine. Every step is recorded before the next begins, and every step can run again after a crash
/// (`resume`), so a file ends archived or quarantined exactly once and its events reach the queue once.
public final class InboundPipeline: Sendable {
    public let registry: PartnerRegistry
    public let layout: SpoolLayout
    public let store: any GatewayStore
    public let queue: EmbeddedQueue
    let metrics: GatewayMetrics
    let logger: Logger
    let clock: @Sendable () -> Date
    let xmlMaps: [String: [XMLMap]]
    /// The JSON Schemas outgoing documents are checked against, by event type (`schemas/<type>.json`).
    let schemas: [String: JSONSchemaValidator]
    /// The most a gzip or zip drop may inflate to; more is quarantined as a bomb.
    let inflateLimit: Int
    /// Partners' XSDs (`mapping.xsd`), compiled once.
    let xsds: [String: XMLSchema]

    public init(
        registry: PartnerRegistry, layout: SpoolLayout, store: any GatewayStore, queue: EmbeddedQueue,
        logger: Logger = Logger(label: "edigate.pipeline"), clock: @escaping @Sendable () -> Date = { Date() },
        schemasDirectory: String? = nil, inflateLimit: Int = InboundAnalysis.defaultInflateLimit
    ) {
        self.inflateLimit = inflateLimit
        self.registry = registry
        self.layout = layout
        self.store = store
        self.queue = queue
        self.metrics = GatewayMetrics()
        self.logger = logger
        self.clock = clock
        var maps: [String: [XMLMap]] = [:]
        for partner in registry.partners {
            maps[partner.id] = partner.mapping.xmlMaps.compactMap { path in
                let file = path.hasPrefix("/") ? path : "\(partner.directory)/\(path)"
                guard let data = FileManager.default.contents(atPath: file) else { return nil }
                return try? XMLMap(yaml: String(decoding: data, as: UTF8.self), source: file)
            }
        }
        self.xmlMaps = maps
        var xsds: [String: XMLSchema] = [:]
        for partner in registry.partners {
            if let path = partner.mapping.xsd, let schema = try? XMLSchema(contentsOf: path) {
                xsds[partner.id] = schema
            }
        }
        self.xsds = xsds
        var schemas: [String: JSONSchemaValidator] = [:]
        if let schemasDirectory {
            for type in CanonicalDocument.eventTypes {
                if let validator = try? JSONSchemaValidator(schemaFile: "\(schemasDirectory)/\(type).json") {
                    schemas[type] = validator
                }
            }
        }
        self.schemas = schemas
    }

    // MARK: - Intake

    /// Takes one stable source file: copies it into `work/` (fsync, rename), records it, and carries it
    /// to archived or quarantined. A file already in flight (found again after a restart) is continued.
    @discardableResult
    public func ingest(sourcePath: String, dropPartner: String?) async throws -> FileOutcome {
        let bytes = try AtomicFile.read(sourcePath)
        let sha = SHA256.hex(bytes)
        let name = Self.baseName(sourcePath)
        try AtomicFile.write(bytes, to: layout.workCopy(sourcePath: sourcePath, sha256: sha, name: name))
        let (record, isNew) = try await store.recordClaimed(
            partner: dropPartner ?? "", sourcePath: sourcePath, sha256: sha, size: Int64(bytes.count), at: clock())
        if isNew {
            metrics.fileReceived(partner: dropPartner ?? SpoolLayout.unroutedPartner)
            logger.info("claimed \(name)", metadata: metadata(record))
        }
        return try await carry(record)
    }

    /// Carries every file not yet archived or quarantined to the end of its ladder (after a crash).
    public func resume() async throws -> [FileOutcome] {
        var outcomes: [FileOutcome] = []
        while true {
            let unfinished = try await store.unfinishedFiles(limit: 100)
                .filter { record in !outcomes.contains { $0.fileID == record.id.rawValue } }
            if unfinished.isEmpty { break }
            for record in unfinished {
                logger.notice(
                    "resuming \(Self.baseName(record.sourcePath)) from \(record.state.rawValue)",
                    metadata: metadata(record))
                outcomes.append(try await carry(record))
            }
        }
        return outcomes
    }

    /// Removes what a crash may leave in `work/`: torn temporary files, and copies no unfinished file owns
    /// (their source is still in the inbound directory, so they are taken again).
    public func cleanWork() async throws {
        let unfinished = try await store.unfinishedFiles(limit: Int.max)
        var owned = Set<String>()
        for record in unfinished {
            let copy = layout.workCopy(
                sourcePath: record.sourcePath, sha256: record.sha256, name: Self.baseName(record.sourcePath))
            owned.insert(copy)
            owned.insert(copy + Self.errorSuffix)
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: layout.work)) ?? []
        for name in names where !owned.contains("\(layout.work)/\(name)") {
            try AtomicFile.remove("\(layout.work)/\(name)")
        }
    }

    /// Removes the temporary files of writes a crash cut short (`.<name>.<random>.tmp`, see `AtomicFile`) from
    /// the partners' outbound directories, where a partner or a deliverer would otherwise find them.
    public func cleanOutbound() throws {
        for partner in registry.partners {
            let directory = outboundDirectory(partner.id)
            for entry in try SpoolDirectory.list(directory)
            where entry.name.hasPrefix(".") && entry.name.hasSuffix(".tmp") {
                try AtomicFile.remove(entry.path)
            }
        }
    }

    // MARK: - The ladder

    /// Moves `record` from wherever it is to archived or quarantined.
    func carry(_ record: FileRecord) async throws -> FileOutcome {
        var record = record
        let name = Self.baseName(record.sourcePath)
        let work = layout.workCopy(sourcePath: record.sourcePath, sha256: record.sha256, name: name)
        let started = ContinuousClock.now
        defer {
            let elapsed = (ContinuousClock.now - started).components
            metrics.fileProcessed(seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
        }
        switch record.state {
        case .archived, .quarantined:
            return try await outcome(record)
        case .discovered:
            if !FileManager.default.fileExists(atPath: work) {
                guard let bytes = try? AtomicFile.read(record.sourcePath), SHA256.hex(bytes) == record.sha256 else {
                    // Crashed between discovery and the copy, and the source changed or went: the new content
                    // is (or was) a file of its own; this record has nothing left to process.
                    return try await finishQuarantine(
                        record,
                        QuarantineReason(
                            code: "source_changed",
                            message:
                                "\(name) changed or disappeared before it was claimed; its new content is taken as a new file"
                        ), work: nil)
                }
                try AtomicFile.write(bytes, to: work)
            }
            record = try await store.advance(record.id, to: .claimed, reason: nil, at: clock())
            return try await carry(record)
        case .claimed, .parsed:
            guard FileManager.default.fileExists(atPath: work) else {
                // Crashed while quarantining: the copy is already in quarantine/.
                return try await completeQuarantine(record)
            }
            if isOutgoing(record) {
                return try await processOutgoing(record, bytes: try AtomicFile.read(work), work: work)
            }
            return try await process(record, bytes: try AtomicFile.read(work), work: work)
        case .committed, .acknowledged, .published:
            return try await finishCommitted(record, work: work)
        }
    }

    /// Decode, parse, route, map, check duplicates, build acks, commit.
    func process(_ record: FileRecord, bytes: [UInt8], work: String) async throws -> FileOutcome {
        var record = record
        let now = clock()
        let name = Self.baseName(record.sourcePath)
        let analysis = InboundAnalysis.analyze(
            bytes, name: name, dropPartner: record.partner.isEmpty ? nil : record.partner, registry: registry,
            time: Self.rfc3339(now), xmlMaps: { [xmlMaps] in xmlMaps[$0.id] ?? [] }, inflateLimit: inflateLimit,
            xsd: { [xsds] in xsds[$0.id] })
        if let reason = analysis.quarantine {
            if let partner = analysis.partner, record.routedPartner != partner.id {
                try await store.assignPartner(record.id, partner: partner.id)
                record.routedPartner = partner.id
            }
            logger.warning("\(reason.message); quarantined (\(reason.code))", metadata: metadata(record))
            return try await finishQuarantine(record, reason, work: work)
        }
        guard let partner = analysis.partner else { throw PipelineError.unroutable(name) }
        logger.debug(
            "parsed and mapped \(name): \(analysis.interchanges.count) interchange(s), \(analysis.interchanges.map(\.events.count).reduce(0, +) + analysis.xmlEvents.count) event(s)",
            metadata: metadata(record))
        // Routed and parsed: one transaction.
        record = try await store.advance(
            record.id, through: record.state == .claimed ? [.parsed] : [], routedPartner: partner.id, at: now)
        var plan = CommitPlan()
        for unit in analysis.interchanges {
            try await plan.add(unit, partner: partner, pipeline: self, record: record, now: now)
        }
        try await plan.addXML(analysis, partner: partner, pipeline: self)
        try await plan.holdBusinessDuplicates(partner: partner, pipeline: self, record: record)
        if let reason = plan.reason {
            let report = QuarantineReport(
                file: name, fileID: record.id.rawValue, partner: partner.id, sha256: record.sha256, size: record.size,
                reason: reason, time: Self.rfc3339(now))
            try AtomicFile.write(try report.json(), to: work + Self.errorSuffix)
        }
        logger.debug("planned \(name): keys, duplicates and acknowledgements", metadata: metadata(record))
        let payloads = try ParallelEncoder.encode(plan.events)
        let outbox =
            zip(plan.events, payloads).map { OutboxEvent(id: $0.id, topic: $0.type, payload: $1) } + plan.auditEvents
        logger.debug("encoded \(name): \(outbox.count) event(s) for the outbox", metadata: metadata(record))
        try await store.commit(
            fileID: record.id, contentSHA256: record.sha256, keys: plan.keys, events: outbox, acks: plan.acks,
            reason: plan.reason?.code, audit: plan.audit, at: now)
        record.state = .committed
        record.reasonCode = plan.reason?.code
        var details = metadata(record)
        if let first = analysis.interchanges.first {
            details[LogKeys.standard] = "\(first.report.standard.rawValue)"
            details[LogKeys.interchangeControlNumber] =
                "\(analysis.interchanges.map(\.report.envelope.controlNumber).joined(separator: ","))"
        }
        logger.info(
            "committed \(name): \(outbox.count) event(s), \(plan.acks.count) acknowledgement(s)", metadata: details)
        return try await finishCommitted(record, work: work)
    }

    /// After the commit: release the source, write the acks, publish the events, archive or quarantine.
    func finishCommitted(_ record: FileRecord, work: String) async throws -> FileOutcome {
        var record = record
        try releaseSource(record)
        let outputs = try await store.outputs(of: record.id)
        // Every step below is done before any is recorded, and each is idempotent (acks rewritten under the same
        // name, the queue drops ids it has, the archive move is skipped once done): a crash in between redoes
        // them; the ledger then records them in one transaction.
        var steps: [FileState] = []
        if record.state == .committed {
            try await writeAcknowledgements()
            if outputs.acks > 0 { steps.append(.acknowledged) }
        }
        if record.state == .committed || record.state == .acknowledged {
            try await publish()
            if outputs.events > 0 { steps.append(.published) }
        }
        if let code = record.reasonCode {
            if !steps.isEmpty {
                record = try await store.advance(record.id, through: steps, routedPartner: nil, at: clock())
            }
            return try await finishQuarantine(record, QuarantineReason(code: code, message: ""), work: work)
        }
        let destination = archivePath(record)
        if FileManager.default.fileExists(atPath: work) {
            try AtomicFile.move(work, to: destination)
        }
        record = try await store.advance(record.id, through: steps + [.archived], routedPartner: nil, at: clock())
        metrics.fileArchived(partner: partnerDirectory(record))
        logger.info("archived \(Self.baseName(record.sourcePath))", metadata: metadata(record))
        return try await outcome(record)
    }

    // MARK: - Quarantine

    /// Writes `<file>.error.json` (unless the commit already did), moves the copy into `quarantine/<partner>/`,
    /// releases the source, and records the final state.
    func finishQuarantine(_ record: FileRecord, _ reason: QuarantineReason, work: String?) async throws -> FileOutcome {
        let destination = quarantinePath(record)
        let sidecar = (work ?? destination) + Self.errorSuffix
        if let work, !FileManager.default.fileExists(atPath: sidecar) {
            let report = QuarantineReport(
                file: Self.baseName(record.sourcePath), fileID: record.id.rawValue, partner: partnerDirectory(record),
                sha256: record.sha256, size: record.size, reason: reason, time: Self.rfc3339(clock()))
            try AtomicFile.write(try report.json(), to: work + Self.errorSuffix)
        }
        if let work {
            if FileManager.default.fileExists(atPath: work + Self.errorSuffix) {
                try AtomicFile.move(work + Self.errorSuffix, to: destination + Self.errorSuffix)
            }
            if FileManager.default.fileExists(atPath: work) {
                try AtomicFile.move(work, to: destination)
            }
        } else if !FileManager.default.fileExists(atPath: destination + Self.errorSuffix) {
            let report = QuarantineReport(
                file: Self.baseName(record.sourcePath), fileID: record.id.rawValue, partner: partnerDirectory(record),
                sha256: record.sha256, size: record.size, reason: reason, time: Self.rfc3339(clock()))
            try AtomicFile.write(try report.json(), to: destination + Self.errorSuffix)
        }
        return try await completeQuarantine(record, reason: reason.code)
    }

    /// The copy is in quarantine: release the source and record the final state.
    func completeQuarantine(_ record: FileRecord, reason: String? = nil) async throws -> FileOutcome {
        let destination = quarantinePath(record)
        var code = reason ?? record.reasonCode
        if code == nil, let bytes = try? AtomicFile.read(destination + Self.errorSuffix) {
            code = try? QuarantineReport.read(bytes).reason
        }
        try releaseSource(record)
        // Downstream hears of it: `edigate.file.quarantined.v1` (codes and locations, no payload values).
        if let bytes = try? AtomicFile.read(destination + Self.errorSuffix),
            let report = try? QuarantineReport.read(bytes)
        {
            let event = AuditEvent(
                type: "edigate.file.quarantined.v1", partner: partnerDirectory(record), subject: report.file,
                time: Self.rfc3339(clock()), key: [String(record.id.rawValue), record.sha256], data: report)
            // Not counted among the file's own events (outputs(of:)): it is about the file, not from it.
            try await store.enqueue([try event.outbox()], fileID: nil, at: clock())
        }
        let final = try await store.advance(record.id, to: .quarantined, reason: code ?? "unknown", at: clock())
        try await publish()
        metrics.fileQuarantined(partner: partnerDirectory(final), reason: code ?? "unknown")
        logger.warning(
            "quarantined \(Self.baseName(record.sourcePath)) (\(code ?? "unknown")): \(destination)",
            metadata: metadata(final))
        return try await outcome(final)
    }

    // MARK: - Acknowledgements and events

    /// Writes every pending acknowledgement into `outbound/<partner>/` under a temporary name, then renames it.
    public func writeAcknowledgements() async throws {
        while true {
            let pending = try await store.pendingAcks(limit: 500)
            if pending.isEmpty { return }
            for ack in pending {
                try AtomicFile.write([UInt8](ack.ack.bytes), to: ackPath(ack))
                metrics.ackSent(kind: ack.ack.kind)
            }
            try await store.markAcksWritten(ids: pending.map(\.id), at: clock())
        }
    }

    /// Publishes the outbox into the embedded queue (ids already there are not appended again).
    @discardableResult
    public func publish() async throws -> Int {
        var total = 0
        while true {
            let pending = try await store.pendingOutbox(limit: 1000)
            if pending.isEmpty { return total }
            let appended = try queue.publish(
                pending.map { QueuedEvent(id: $0.id, type: $0.topic, partner: "", json: [UInt8]($0.payload)) })
            try await store.markPublished(eventIDs: pending.map(\.id), at: clock())
            metrics.eventsPublished(sink: "embedded", count: appended)
            total += appended
        }
    }

    /// Marks the expectations past their deadline overdue (with an `edigate.ack.overdue.v1` event each, in the
    /// same transaction), publishes, and sets the `edigate_acks_overdue` gauge.
    @discardableResult
    public func sweepOverdue() async throws -> [AckExpectation] {
        let now = clock()
        let time = Self.rfc3339(now)
        let marked = try await store.markOverdue(now: now) { expectation in
            (try? AckOverdue.event(expectation, time: time).outbox())
                ?? OutboxEvent(
                    id: "overdue-\(expectation.id)", topic: "edigate.ack.overdue.v1", payload: Data("{}".utf8))
        }
        for expectation in marked {
            logger.warning(
                "\(expectation.partner): no \(expectation.expectedKind) for our \(expectation.setType) \(expectation.setControl) (interchange \(expectation.interchangeControl)) by its deadline; overdue",
                metadata: [LogKeys.partner: "\(expectation.partner)"])
        }
        if !marked.isEmpty { try await publish() }
        metrics.acksOverdue(try await store.expectations(AckFilter(status: .overdue)).count)
        return marked
    }

    /// Sets the `edigate_oldest_pending_file_age_seconds` gauge from the ledger.
    public func updatePendingGauge() async throws {
        let oldest = try await store.oldestPending()
        metrics.oldestPendingFileAge(seconds: oldest.map { Date().timeIntervalSince($0.discoveredAt) } ?? 0)
    }

    // MARK: - Paths

    func releaseSource(_ record: FileRecord) throws {
        // Only the very content that was claimed: a partner may have dropped a new file under the same name.
        if let bytes = try? AtomicFile.read(record.sourcePath), SHA256.hex(bytes) == record.sha256 {
            try AtomicFile.remove(record.sourcePath)
        }
        if let partner = registry.partner(id: record.partner), let suffix = partner.stableFile.doneFileSuffix,
            !FileManager.default.fileExists(atPath: record.sourcePath)
        {
            try AtomicFile.remove(record.sourcePath + suffix)
        }
    }

    func partnerDirectory(_ record: FileRecord) -> String {
        record.routedPartner ?? (record.partner.isEmpty ? SpoolLayout.unroutedPartner : record.partner)
    }

    func archivePath(_ record: FileRecord) -> String {
        "\(layout.archive(partnerDirectory(record), on: record.discoveredAt))/"
            + SpoolLayout.storedName(fileID: record.id.rawValue, name: Self.baseName(record.sourcePath))
    }

    func quarantinePath(_ record: FileRecord) -> String {
        "\(layout.quarantine(partnerDirectory(record)))/"
            + SpoolLayout.storedName(fileID: record.id.rawValue, name: Self.baseName(record.sourcePath))
    }

    /// The partner's outbound spool channel, or `outbound/<partner>/`.
    func outboundDirectory(_ partnerID: String) -> String {
        if case .spool(let path)? = registry.partner(id: partnerID)?.channels.outbound {
            return layout.resolve(path)
        }
        return layout.outbound(partnerID)
    }

    func outcome(_ record: FileRecord) async throws -> FileOutcome {
        var outcome = FileOutcome(
            fileID: record.id.rawValue, name: Self.baseName(record.sourcePath), partner: partnerDirectory(record),
            state: record.state, reason: record.reasonCode, path: storedPath(record))
        outcome.events = try await store.outputs(of: record.id).events
        outcome.isOutgoing = isOutgoing(record)
        outcome.acknowledgements = try await store.acknowledgements(of: record.id).map {
            ackPath($0.ack)
        }
        return outcome
    }

    /// Where a finished file's copy lies: the archive or the quarantine.
    func storedPath(_ record: FileRecord) -> String {
        record.state == .archived ? archivePath(record) : quarantinePath(record)
    }

    func ackPath(_ ack: PendingAck) -> String {
        "\(outboundDirectory(ack.ack.partner))/\(ack.ack.kind)-\(ack.id).edi"
    }

    func metadata(_ record: FileRecord) -> Logger.Metadata {
        [
            LogKeys.fileID: "\(record.id)", LogKeys.partner: "\(partnerDirectory(record))",
            LogKeys.fileSHA256: "\(record.sha256.prefix(16))", LogKeys.state: "\(record.state.rawValue)",
        ]
    }

    static let errorSuffix = ".error.json"

    static func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

public enum PipelineError: Error, Sendable, Hashable, CustomStringConvertible {
    case unroutable(String)

    public var description: String {
        switch self {
        case .unroutable(let name): return "\(name): no partner and no quarantine reason (a bug)"
        }
    }
}
