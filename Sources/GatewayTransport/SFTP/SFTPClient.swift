import Dispatch
import Foundation

/// An SFTP client over libssh 0.10 (see docs/sftp.md).
///
/// Threading: libssh sessions are not thread-safe and every libssh call used here blocks, so each client owns one
/// serial `DispatchQueue` and runs every libssh call on it (never on Swift's cooperative pool, which has one thread
/// per core); the async methods suspend on a continuation until the queue has done the work. Calls from several
/// tasks are executed one after the other. Different clients run in parallel.
///
/// Session reuse: the first call connects; later calls reuse the session. When a reused session turns out to be
/// gone (server restarted, connection dropped) before the call moved any file data, the client reconnects once and
/// repeats the call; a failure in the middle of a transfer is reported (the next call reconnects).
public final class SFTPClient: Sendable {
    private let core: Core

    public init(endpoint: SFTPEndpoint) {
        core = Core(endpoint: endpoint)
    }

    /// Connects (if not connected), verifies the host key against the pin BEFORE authenticating, authenticates.
    public func connect() async throws(SFTPError) {
        try await core.run { (core) throws(SFTPError) in _ = try core.connection() }
    }

    /// The entries of `directory`, excluding "." and "..".
    public func list(_ directory: String) async throws(SFTPError) -> [RemoteEntry] {
        try await core.perform { (c) throws(SFTPError) in try c.list(directory) }
    }

    public func stat(_ path: String) async throws(SFTPError) -> RemoteEntry {
        try await core.perform { (c) throws(SFTPError) in try c.stat(path) }
    }

    /// Downloads into `localPath` through `<localPath>.part`: pipelined reads (16 requests of 64 KiB in flight),
    /// fsync, size checked against the remote file's size, rename (`AtomicFile.move`). A failure leaves no file
    /// at `localPath` (an existing one is untouched) and removes the `.part`. Returns the byte count.
    @discardableResult
    public func download(_ remotePath: String, to localPath: String) async throws(SFTPError) -> Int64 {
        try await core.perform { (c) throws(SFTPError) in try c.download(remotePath, to: localPath) }
    }

    /// Uploads `bytes` to `remotePath` through a temporary name in the same directory (default ".<name>.part",
    /// or `temporaryName`), checks its size with a stat, then renames it over `remotePath`. Readers never see a
    /// partial `remotePath`. After a failure the temporary file is removed when the connection still works.
    public func upload(_ bytes: [UInt8], to remotePath: String, temporaryName: String? = nil) async throws(SFTPError) {
        let (directory, name) = splitPath(remotePath)
        let temporaryPath = joinPath(directory, temporaryName ?? ".\(name).part")
        try await core.perform { (c) throws(SFTPError) in
            do throws(SFTPError) {
                try c.upload(bytes, to: remotePath, temporaryPath: temporaryPath)
            } catch {
                c.discard(temporaryPath)
                throw error
            }
        }
    }

    /// Renames `from` to `to`, replacing `to` if it exists (atomically with OpenSSH's posix-rename extension).
    public func rename(_ from: String, to: String) async throws(SFTPError) {
        try await core.perform { (c) throws(SFTPError) in try c.rename(from, to: to) }
    }

    public func remove(_ path: String) async throws(SFTPError) {
        try await core.perform { (c) throws(SFTPError) in try c.remove(path) }
    }

    /// Creates `path`; an existing directory is fine.
    public func makeDirectory(_ path: String) async throws(SFTPError) {
        try await core.perform { (c) throws(SFTPError) in try c.makeDirectory(path) }
    }

    /// Closes the session (the next call connects again).
    public func disconnect() async {
        try? await core.run { (core) throws(SFTPError) in core.dropConnection() }
    }

    /// The server's key fingerprint "SHA256:..." seen at the last connect (for `edigate sftp test`).
    public var serverFingerprint: String? { core.fingerprint }
}

extension SFTPClient {
    /// Owns the connection; `connection`, `pin` are touched only on `queue`, `lastFingerprint` under `lock`.
    final class Core: @unchecked Sendable {
        let endpoint: SFTPEndpoint
        private let queue: DispatchQueue
        private let lock = NSLock()
        private var current: SFTPConnection?
        private var pin: SFTPHostKeyPin?
        private var lastFingerprint: String?

        init(endpoint: SFTPEndpoint) {
            self.endpoint = endpoint
            queue = DispatchQueue(label: "edigate.sftp.\(endpoint.label)")
        }

        deinit {
            // No work item can be pending (each retains `self`), so no other thread uses the connection.
            current?.close()
        }

        var fingerprint: String? { lock.withLock { lastFingerprint } }

        /// Runs `body` on the queue and resumes the caller with its result.
        func run<T: Sendable>(_ body: @escaping @Sendable (Core) throws(SFTPError) -> T) async throws(SFTPError) -> T {
            let result: Result<T, SFTPError> = await withCheckedContinuation { continuation in
                queue.async {
                    continuation.resume(returning: Result { () throws(SFTPError) in try body(self) })
                }
            }
            return try result.get()
        }

        /// Runs `body` with a connection; reconnects once when a reused session was found dead before any data moved.
        func perform<T: Sendable>(_ body: @escaping @Sendable (SFTPConnection) throws(SFTPError) -> T)
            async throws(SFTPError) -> T
        {
            try await run { (core) throws(SFTPError) in
                let reused = core.current?.isUsable ?? false
                let connection = try core.connection()
                connection.progressed = false
                do throws(SFTPError) {
                    return try body(connection)
                } catch {
                    guard Self.isConnectionLoss(error) else { throw error }
                    core.dropConnection()
                    guard reused, !connection.progressed, error.code == .disconnected else { throw error }
                    let fresh = try core.connection()
                    do throws(SFTPError) {
                        return try body(fresh)
                    } catch {
                        if Self.isConnectionLoss(error) { core.dropConnection() }
                        throw error
                    }
                }
            }
        }

        private static func isConnectionLoss(_ error: SFTPError) -> Bool {
            error.code == .disconnected || error.code == .timeout
        }

        /// The usable connection, connecting when there is none (on the queue only).
        func connection() throws(SFTPError) -> SFTPConnection {
            if let current, current.isUsable { return current }
            dropConnection()
            let pinned: SFTPHostKeyPin
            if let pin {
                pinned = pin
            } else {
                guard let parsed = SFTPHostKeyPin.parse(endpoint.hostKey) else {
                    throw SFTPError(
                        code: .hostKeyMismatch,
                        message:
                            "\(endpoint.label): the pinned host key '\(endpoint.hostKey)' is neither a public key line "
                            + "(\"ssh-ed25519 AAAA...\") nor a SHA256: fingerprint; refusing to connect")
                }
                pinned = parsed
                pin = parsed
            }
            let connection: SFTPConnection
            do throws(SFTPError) {
                connection = try SFTPConnection.open(endpoint, pin: pinned)
            } catch {
                if error.code == .hostKeyMismatch || error.code == .hostKeyUnknown {
                    // Still record what the server showed (for `edigate sftp test`).
                    lock.withLock { lastFingerprint = Self.fingerprint(in: error.message) ?? lastFingerprint }
                }
                throw error
            }
            let seen = connection.serverFingerprint
            lock.withLock { lastFingerprint = seen }
            if case .none = pinned, let seen {
                // Trust on first use: later connections must present the same key.
                pin = .fingerprint(seen)
            }
            current = connection
            return connection
        }

        func dropConnection() {
            current?.close()
            current = nil
        }

        /// The first "SHA256:…" in `message` (the server's key, which error messages name first).
        private static func fingerprint(in message: String) -> String? {
            guard let start = message.range(of: "SHA256:") else { return nil }
            let rest = message[start.lowerBound...]
            let end = rest.firstIndex(where: { $0 == " " || $0 == ";" || $0 == ")" }) ?? rest.endIndex
            return String(rest[..<end])
        }
    }
}
