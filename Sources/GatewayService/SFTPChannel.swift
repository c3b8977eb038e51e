import CanonicalModel
import Foundation
import GatewayStore
import GatewayTelemetry
import GatewayTransport
import Logging

/// A partner's SFTP server as a channel (docs/sftp.md): inbound files are picked up only once stable (size and
/// mtime unchanged across listings, old enough), downloaded into the spool, carried through the pipeline, and
/// deleted (or moved to the remote archive directory) on the server only after their commit; outbound files
/// waiting in `outbound/<partner>/` are uploaded under a temporary name and renamed, with retries and backoff.
/// Each partner's channel runs on its own: one server being down never blocks the others.
public final class SFTPChannel: Sendable {
    public let partner: PartnerConfiguration
    let pipeline: InboundPipeline
    let layout: SpoolLayout
    let logger: Logger
    let metrics = GatewayMetrics()
    let client: SFTPClient?
    let configurationError: String?
    let inbound: PartnerConfiguration.SFTPChannel?
    let outbound: PartnerConfiguration.SFTPChannel?

    public init(partner: PartnerConfiguration, pipeline: InboundPipeline, layout: SpoolLayout, logger: Logger) {
        self.partner = partner
        self.pipeline = pipeline
        self.layout = layout
        self.logger = logger
        if case .sftp(let channel)? = partner.channels.inbound { inbound = channel } else { inbound = nil }
        if case .sftp(let channel)? = partner.channels.outbound { outbound = channel } else { outbound = nil }
        // One session per partner (inbound and outbound normally name the same server).
        if let channel = inbound ?? outbound {
            do {
                client = SFTPClient(endpoint: try Self.endpoint(channel, partner: partner.id))
                configurationError = nil
            } catch {
                client = nil
                configurationError = "\(error)"
            }
        } else {
            client = nil
            configurationError = nil
        }
    }

    /// True when the partner has an SFTP channel at all.
    public var isConfigured: Bool { inbound != nil || outbound != nil }

    /// Where downloads land before the pipeline takes them: not a scanned directory, so only this channel
    /// ingests them.
    var downloadDirectory: String { "\(layout.inbound)/.sftp/\(partner.id)" }

    // MARK: - Secrets

    public struct SecretError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The endpoint with its secrets resolved: `env:NAME` reads the variable, `file:/path` the file (a key
    /// given by `file:` is used in place; one given by `env:` is written to a 0600 file under `state/`).
    static func endpoint(_ channel: PartnerConfiguration.SFTPChannel, partner: String) throws -> SFTPEndpoint {
        let authentication: SFTPEndpoint.Authentication
        if let key = channel.key {
            let passphrase = try channel.passphrase.map { try resolve($0, what: "the key's passphrase") }
            switch key {
            case .file(let path):
                authentication = .privateKey(path: path, passphrase: passphrase)
            case .environment:
                let text = try resolve(key, what: "the private key")
                let path = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "edigate-\(partner)-\(getpid()).key"
                ).path
                guard
                    FileManager.default.createFile(
                        atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
                else { throw SecretError(description: "\(partner): cannot write the private key to \(path)") }
                authentication = .privateKey(path: path, passphrase: passphrase)
            }
        } else if let password = channel.password {
            authentication = .password(try resolve(password, what: "the password"))
        } else {
            throw SecretError(description: "\(partner): no key and no password")
        }
        return SFTPEndpoint(
            host: channel.host, port: channel.port, user: channel.user, authentication: authentication,
            hostKey: channel.hostKey, trustOnFirstUse: channel.trustOnFirstUse,
            connectTimeout: .seconds(channel.timeoutSeconds), operationTimeout: .seconds(channel.timeoutSeconds))
    }

    static func resolve(_ reference: SecretReference, what: String) throws -> String {
        switch reference {
        case .environment(let name):
            guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
                throw SecretError(description: "\(what): the environment variable \(name) is not set")
            }
            return value
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw SecretError(description: "\(what): cannot read \(path)")
            }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        }
    }

    // MARK: - Inbound

    /// One listing of the remote inbound directory: picks up the files the tracker finds stable and returns
    /// what became of them, and how long until a waiting file should be looked at again.
    public func poll(_ tracker: inout StableFileTracker) async throws -> (
        outcomes: [FileOutcome], retryAfterMilliseconds: Int?
    ) {
        guard let inbound, let client else {
            if let configurationError { throw SFTPError(code: .connectionFailed, message: configurationError) }
            return ([], nil)
        }
        let entries: [RemoteEntry]
        do {
            entries = try await client.list(inbound.directory)
        } catch {
            if error.code == .hostKeyMismatch { metrics.hostKeyMismatch(partner: partner.id) }
            throw error
        }
        let policy = tracker.policy
        let candidates = entries.filter {
            $0.isRegularFile && Glob.matches(inbound.pattern, $0.name) && !policy.isIgnored($0.name)
        }
        // Remote files have no inode; size and mtime are the identity the tracker compares.
        let listing = candidates.map {
            DirectoryEntry(name: $0.name, path: $0.path, size: $0.size, modified: $0.modified, inode: 0)
        }
        var outcomes: [FileOutcome] = []
        var retry: Int?
        for decision in tracker.observe(listing, now: Date()) {
            switch decision {
            case .waiting(_, _, let after):
                retry = min(retry ?? after, after)
            case .ready(let entry):
                if let outcome = try await pickUp(entry, client: client, channel: inbound) {
                    outcomes.append(outcome)
                }
                tracker.forget(path: entry.path)
            }
        }
        return (outcomes, retry)
    }

    /// Download → commit through the pipeline → only then delete (or move) on the server. A file already
    /// committed from this very remote path, size and mtime (a crash came before the remote delete) is not
    /// processed again.
    func pickUp(_ entry: DirectoryEntry, client: SFTPClient, channel: PartnerConfiguration.SFTPChannel) async throws
        -> FileOutcome?
    {
        let local = "\(downloadDirectory)/\(entry.name)"
        try SpoolDirectory.ensureDirectory(downloadDirectory)
        try await client.download(entry.path, to: local)
        let bytes = try AtomicFile.read(local)
        let sha = SHA256.hex(bytes)
        let key = EnvelopeKey(
            "SFTP", partner.id, entry.path, String(entry.size), String(entry.modified.timeIntervalSince1970))
        var outcome: FileOutcome?
        if case .duplicateSameContent(let original) = try await pipeline.store.checkInterchange(key, sha256: sha) {
            logger.notice(
                "\(entry.path) was already taken (file \(original)); removing it from the server",
                metadata: [LogKeys.partner: "\(partner.id)"])
            try AtomicFile.remove(local)
        } else {
            let result = try await pipeline.ingest(sourcePath: local, dropPartner: partner.id)
            try await pipeline.store.recordKey(key, sha256: sha, fileID: FileID(result.fileID), at: Date())
            outcome = result
        }
        if let archive = channel.archiveDirectory {
            try await client.rename(entry.path, to: "\(archive)/\(entry.name)")
        } else {
            try await client.remove(entry.path)
        }
        if let suffix = partner.stableFile.doneFileSuffix {
            try? await client.remove(entry.path + suffix)
        }
        return outcome
    }

    // MARK: - Diagnosis

    /// `edigate sftp test`: connects, checks the host key, lists the directories and says what would be picked
    /// up, in plain lines; `ok` is false when anything is wrong.
    public func diagnose() async -> (lines: [String], ok: Bool) {
        var lines: [String] = []
        guard isConfigured else { return (["\(partner.id): no SFTP channel in partner.yaml"], false) }
        if let configurationError { return (["configuration: \(configurationError)"], false) }
        guard let client, let channel = inbound ?? outbound else { return ([], false) }
        lines.append("server: \(channel.user)@\(channel.host):\(channel.port)")
        do {
            try await client.connect()
            lines.append(
                "connect: ok; host key \(client.serverFingerprint ?? "?") \(channel.trustOnFirstUse ? "(trusted on first use)" : "matches the pin")"
            )
        } catch {
            if error.code == .hostKeyMismatch { metrics.hostKeyMismatch(partner: partner.id) }
            return (lines + ["connect: FAILED: \(error)"], false)
        }
        var ok = true
        if let inbound {
            do {
                let entries = try await client.list(inbound.directory)
                let policy = InboundScanner.policy(partner.stableFile)
                let files = entries.filter(\.isRegularFile)
                let taken = files.filter { Glob.matches(inbound.pattern, $0.name) && !policy.isIgnored($0.name) }
                lines.append(
                    "inbound \(inbound.directory): \(files.count) file(s), \(taken.count) would be picked up once stable (pattern \(inbound.pattern))"
                )
                for file in taken { lines.append("  \(file.name) (\(file.size) bytes)") }
                for file in files where !taken.contains(file) { lines.append("  skipped: \(file.name)") }
            } catch {
                ok = false
                lines.append("inbound \(inbound.directory): FAILED: \(error)")
            }
        }
        if let outbound {
            do {
                _ = try await client.stat(outbound.directory)
                lines.append("outbound \(outbound.directory): ok")
            } catch {
                ok = false
                lines.append("outbound \(outbound.directory): FAILED: \(error)")
            }
        }
        await client.disconnect()
        return (lines, ok)
    }

    // MARK: - Outbound

    /// Uploads every file waiting in `outbound/<partner>/`; a delivered file moves to `outbound/<partner>/.sent/`.
    /// Each attempt is logged and appended to `state/deliveries.jsonl`. Returns how many were delivered.
    public func deliver() async throws -> Int {
        guard let outbound, let client else {
            if let configurationError { throw SFTPError(code: .connectionFailed, message: configurationError) }
            return 0
        }
        let directory = layout.outbound(partner.id)
        var delivered = 0
        for entry in try SpoolDirectory.list(directory) where !entry.name.hasPrefix(".") {
            let remote = "\(outbound.directory)/\(entry.name)"
            let temporary = outbound.temporaryName.replacingOccurrences(of: "{name}", with: entry.name)
            do {
                try await client.upload(try AtomicFile.read(entry.path), to: remote, temporaryName: temporary)
                try AtomicFile.move(entry.path, to: "\(directory)/.sent/\(entry.name)")
                record(entry.name, remote: remote, outcome: "delivered", error: nil)
                delivered += 1
            } catch {
                record(entry.name, remote: remote, outcome: "failed", error: "\(error)")
                throw error
            }
        }
        return delivered
    }

    func record(_ name: String, remote: String, outcome: String, error: String?) {
        var line: [String: String] = [
            "time": InboundPipeline.rfc3339(Date()), "partner": partner.id, "file": name, "remote": remote,
            "outcome": outcome,
        ]
        if let error { line["error"] = error }
        if outcome == "delivered" {
            logger.info("delivered \(name) to \(remote)", metadata: [LogKeys.partner: "\(partner.id)"])
        } else {
            logger.warning(
                "delivery of \(name) to \(remote) failed: \(error ?? "")", metadata: [LogKeys.partner: "\(partner.id)"])
        }
        guard let data = try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]) else { return }
        let path = "\(layout.state)/deliveries.jsonl"
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(data + Data([0x0A]))
            try? handle.synchronize()
            try? handle.close()
        }
    }

    /// `run --once`: polls until no remote file is still becoming stable (or `deadline`), then delivers.
    /// Failures are logged, not thrown: one partner's server never stops the run.
    public func runOnce(policy: StableFilePolicy, deadline: ContinuousClock.Instant) async -> [FileOutcome] {
        guard isConfigured else { return [] }
        if let configurationError {
            logger.warning(
                "\(partner.id): SFTP channel not usable (\(configurationError)); skipped",
                metadata: [LogKeys.partner: "\(partner.id)"])
            return []
        }
        var tracker = StableFileTracker(policy: policy)
        var outcomes: [FileOutcome] = []
        do {
            if inbound != nil {
                while true {
                    let result = try await poll(&tracker)
                    outcomes += result.outcomes
                    guard let retry = result.retryAfterMilliseconds else { break }
                    if ContinuousClock.now + .milliseconds(retry) > deadline { break }
                    try await Task.sleep(for: .milliseconds(max(100, retry)))
                }
            }
            if outbound != nil { _ = try await deliver() }
        } catch {
            logger.error("\(partner.id): SFTP: \(error)", metadata: [LogKeys.partner: "\(partner.id)"])
        }
        return outcomes
    }

    /// The partner's channel task for `edigate run`: poll and deliver every `pollSeconds` (sooner while a
    /// remote file is becoming stable), backing off (up to 5 minutes) while the server fails.
    public func run(policy: StableFilePolicy) async {
        guard isConfigured else { return }
        if let configurationError {
            logger.error(
                "\(partner.id): SFTP channel not usable (\(configurationError)); fix partner.yaml or its secrets",
                metadata: [LogKeys.partner: "\(partner.id)"])
            return
        }
        var tracker = StableFileTracker(policy: policy)
        let interval = (inbound ?? outbound)?.pollSeconds ?? 60
        var failures = 0
        while !Task.isCancelled {
            var wait = Duration.seconds(interval)
            do {
                if inbound != nil {
                    let result = try await poll(&tracker)
                    if let retry = result.retryAfterMilliseconds {
                        wait = min(wait, .milliseconds(max(retry, 100)))
                    }
                }
                if outbound != nil { _ = try await deliver() }
                failures = 0
            } catch {
                failures += 1
                let backoff = min(300, interval * (1 << min(failures - 1, 8)))
                wait = .seconds(backoff)
                logger.error(
                    "\(partner.id): SFTP: \(error); retrying in \(backoff) s",
                    metadata: [LogKeys.partner: "\(partner.id)"])
            }
            try? await Task.sleep(for: wait)
        }
        await client?.disconnect()
    }
}
