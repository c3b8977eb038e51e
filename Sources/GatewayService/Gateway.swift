import Foundation
import GatewaySinks
import GatewayStore
import GatewayTransport
import Logging
import ServiceLifecycle

/// What `run --once` did.
public struct RunSummary: Sendable {
    /// Files finished in this run (including those a restart resumed), in the order they finished.
    public var outcomes: [FileOutcome] = []
    /// Files still not complete when the run gave up waiting for them.
    public var waiting: [InboundScanner.Waiting] = []
    public var eventsPublished = 0

    public var archived: Int { outcomes.filter { $0.state == .archived }.count }
    public var quarantined: Int { outcomes.filter { $0.state == .quarantined }.count }
}

/// The gateway on one machine: partners, spool, store, queue and the inbound pipeline, composed.
public final class Gateway: Sendable {
    public let registry: PartnerRegistry
    public let layout: SpoolLayout
    public let pipeline: InboundPipeline
    /// The partners' SFTP channels.
    public let channels: [SFTPChannel]
    let logger: Logger
    let clock: @Sendable () -> Date

    public struct ConfigurationError: Error, CustomStringConvertible {
        public var problems: [ConfigurationProblem]
        public var description: String {
            ([
                "the partner configuration has \(problems.count) problem(s); fix them (edigate partners check) and start again:"
            ]
                + problems.map { "  \($0)" }).joined(separator: "\n")
        }
    }

    /// Opens the spool (creating its folders) and the store; refuses to start on any configuration problem,
    /// since a partner left out would see its files quarantined as unknown.
    public init(
        partnersDirectory: String, spoolDirectory: String, logger: Logger = Logger(label: "edigate"),
        clock: @escaping @Sendable () -> Date = { Date() }, inflateLimit: Int = InboundAnalysis.defaultInflateLimit
    ) throws {
        let opened = PartnerRegistry.open(directory: partnersDirectory)
        guard opened.problems.isEmpty else { throw ConfigurationError(problems: opened.problems) }
        registry = opened.registry
        layout = SpoolLayout(root: spoolDirectory)
        for directory in [layout.inbound, layout.work, layout.archive, layout.quarantine, layout.state, layout.events] {
            try SpoolDirectory.ensureDirectory(directory)
        }
        for partner in registry.partners {
            try SpoolDirectory.ensureDirectory(layout.inbound(partner.id))
            try SpoolDirectory.ensureDirectory("\(layout.outgoing)/\(partner.id)")
        }
        let store = try SQLiteStore(directory: URL(fileURLWithPath: layout.state))
        let queue = try EmbeddedQueue(directory: layout.events)
        self.logger = logger
        self.clock = clock
        let schemas = Self.schemasDirectory(partners: partnersDirectory)
        if schemas == nil {
            logger.warning(
                "no schemas/ directory found (EDIGATE_SCHEMAS, beside the partners directory, or ./schemas); outgoing documents are checked by decoding only"
            )
        }
        let pipeline = InboundPipeline(
            registry: registry, layout: layout, store: store, queue: queue, logger: logger, clock: clock,
            schemasDirectory: schemas, inflateLimit: inflateLimit)
        self.pipeline = pipeline
        let layout = self.layout
        channels = registry.partners.map {
            SFTPChannel(partner: $0, pipeline: pipeline, layout: layout, logger: logger)
        }.filter(\.isConfigured)
    }

    /// The event JSON Schemas: `$EDIGATE_SCHEMAS`, else `schemas/` beside the partners directory, else `./schemas`.
    static func schemasDirectory(partners: String) -> String? {
        let parent = (partners as NSString).deletingLastPathComponent
        let candidates = [
            ProcessInfo.processInfo.environment["EDIGATE_SCHEMAS"], "\(parent.isEmpty ? "." : parent)/schemas",
            "schemas",
        ].compactMap { $0 }
        return candidates.first { FileManager.default.fileExists(atPath: "\($0)/edigate.invoice.v1.json") }
    }

    /// After a start (or a crash): finish every file in flight, clear `work/`, deliver what is pending.
    public func recover() async throws -> [FileOutcome] {
        let outcomes = try await pipeline.resume()
        try await pipeline.cleanWork()
        try pipeline.cleanOutbound()
        try await pipeline.writeAcknowledgements()
        try await pipeline.publish()
        try await pipeline.sweepOverdue()
        return outcomes
    }

    /// `run --once`: processes everything present, waiting (up to `maxWait`) for files still being written
    /// to become stable, then returns.
    public func runOnce(maxWait: Duration = .seconds(60)) async throws -> RunSummary {
        var summary = RunSummary()
        summary.outcomes = try await recover()
        var scanner = InboundScanner(registry: registry, layout: layout)
        let deadline = ContinuousClock.now + maxWait
        while true {
            let scan = try scanner.scan(now: Date())  // file ages are real time, whatever the stamping clock
            for file in scan.ready {
                summary.outcomes.append(try await pipeline.ingest(sourcePath: file.path, dropPartner: file.partner))
                scanner.taken(file.path)
            }
            summary.waiting = scan.waiting
            if scan.ready.isEmpty && scan.waiting.isEmpty { break }
            if !scan.ready.isEmpty { continue }
            let retry = scan.waiting.map(\.retryAfterMilliseconds).min() ?? 100
            if ContinuousClock.now + .milliseconds(retry) > deadline { break }
            try await Task.sleep(for: .milliseconds(max(50, min(retry, 1000))))
        }
        // The partners' SFTP servers, side by side.
        let channels = self.channels
        let fetched = await withTaskGroup(of: [FileOutcome].self) { group in
            for channel in channels {
                group.addTask {
                    await channel.runOnce(
                        policy: InboundScanner.policy(channel.partner.stableFile), deadline: deadline)
                }
            }
            var all: [FileOutcome] = []
            for await outcomes in group { all += outcomes }
            return all
        }
        summary.outcomes += fetched
        try await pipeline.sweepOverdue()
        summary.eventsPublished = try await pipeline.publish()
        return summary
    }

    /// `run`: recovers, then takes files as they become stable until a graceful shutdown (SIGTERM), which
    /// lets the file in hand finish. inotify wakes it when a drop lands; `pollInterval` bounds the wait.
    public func runUntilShutdown(pollInterval: Duration = .seconds(1)) async throws {
        _ = try await recover()
        // Each partner's SFTP channel in its own task: one server down never blocks the others.
        let channelTasks = channels.map { channel in
            Task { await channel.run(policy: InboundScanner.policy(channel.partner.stableFile)) }
        }
        defer { channelTasks.forEach { $0.cancel() } }
        var scanner = InboundScanner(registry: registry, layout: layout)
        let watcher = DirectoryWatcher(directories: scanner.directories)
        logger.info(
            "watching \(scanner.directories.count) inbound directories (\(watcher.usesInotify ? "inotify" : "polling"))"
        )
        var lastSweep = ContinuousClock.now
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let scan = try scanner.scan(now: Date())  // file ages are real time, whatever the stamping clock
            for file in scan.ready {
                if Task.isShuttingDownGracefully { break }
                do {
                    try await pipeline.ingest(sourcePath: file.path, dropPartner: file.partner)
                } catch {
                    logger.error("\(file.path): \(error); retrying on the next scan")
                }
                scanner.taken(file.path)
            }
            if !scan.ready.isEmpty { continue }
            if ContinuousClock.now - lastSweep >= .seconds(1) {
                lastSweep = ContinuousClock.now
                try? await pipeline.updatePendingGauge()
                do {
                    try await pipeline.sweepOverdue()
                } catch {
                    logger.error("acknowledgement sweep: \(error); retrying")
                }
            }
            let retry = scan.waiting.map { Duration.milliseconds($0.retryAfterMilliseconds) }.min() ?? pollInterval
            // Short slices, so that a shutdown request is seen promptly.
            _ = await watcher.wait(timeout: min(max(retry, .milliseconds(20)), pollInterval, .milliseconds(250)))
        }
        logger.info("stopped")
    }
}

extension Gateway {
    public struct ReplayError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Copies an archived or quarantined file back into its inbound directory under a new name
    /// (`replay-<id>-<name>`) and carries it through the pipeline as a new ledger entry.
    public func replay(_ fileID: FileID) async throws -> FileOutcome {
        guard let record = try await pipeline.store.file(fileID) else {
            throw ReplayError(description: "file \(fileID) is not in the ledger")
        }
        guard record.state.isTerminal else {
            throw ReplayError(
                description:
                    "file \(fileID) is \(record.state.rawValue), not archived or quarantined; let it finish first")
        }
        let stored = pipeline.storedPath(record)
        guard let bytes = try? AtomicFile.read(stored) else {
            throw ReplayError(description: "file \(fileID): its copy \(stored) is gone")
        }
        let directory = record.partner.isEmpty ? layout.inbound : layout.inbound(record.partner)
        let source = "\(directory)/replay-\(fileID)-\(InboundPipeline.baseName(record.sourcePath))"
        try AtomicFile.write(bytes, to: source)
        logger.info("replaying file \(fileID) from \(stored)")
        return try await pipeline.ingest(sourcePath: source, dropPartner: record.partner.isEmpty ? nil : record.partner)
    }
}

extension Gateway {
    /// `edigate send`: copies a canonical JSON document into `outgoing/<partner>/` and carries it through
    /// render, envelope, commit and delivery at once.
    public func send(_ bytes: [UInt8], name: String, partner: String) async throws -> FileOutcome {
        guard registry.partner(id: partner) != nil else {
            throw ReplayError(description: "\(partner): no such partner in Partners/")
        }
        let source = "\(layout.outgoing)/\(partner)/\(name)"
        try AtomicFile.write(bytes, to: source)
        return try await pipeline.ingest(sourcePath: source, dropPartner: partner)
    }
}

/// `edigate run` as a swift-service-lifecycle service.
public struct GatewayDaemon: Service {
    let gateway: Gateway
    let pollInterval: Duration

    public init(gateway: Gateway, pollInterval: Duration) {
        self.gateway = gateway
        self.pollInterval = pollInterval
    }

    public func run() async throws {
        try await gateway.runUntilShutdown(pollInterval: pollInterval)
    }
}
