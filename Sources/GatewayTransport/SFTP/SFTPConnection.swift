#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import CLibSSH
import Foundation

/// One authenticated SSH session with its SFTP channel. Not thread-safe (nor are libssh sessions): `SFTPClient`
/// creates, uses and frees it only on its serial queue.
final class SFTPConnection {
    let endpoint: SFTPEndpoint
    let session: ssh_session
    var sftp: sftp_session?
    let watchdog = SFTPWatchdog()
    /// The server's host key fingerprint seen at connect.
    private(set) var serverFingerprint: String?
    /// Set once an operation moved file data; a failure after that is not retried on a new connection.
    var progressed = false
    private var closed = false

    /// Read pipeline: requests in flight and bytes per request (libssh 0.10 `sftp_async_read_begin`).
    static let readRequestsInFlight = 16
    static let readChunk = 64 * 1024
    /// One `sftp_write` must stay ≤ 64 KiB: libssh 0.10 does not split writes and OpenSSH closes the channel on
    /// bigger packets (platform notes §1c).
    static let writeChunk = 64 * 1024

    private init(endpoint: SFTPEndpoint, session: ssh_session) {
        self.endpoint = endpoint
        self.session = session
    }

    deinit { close() }

    // MARK: - Connect

    /// Connects, checks the host key against `pin` (before any authentication), authenticates, starts SFTP.
    static func open(_ endpoint: SFTPEndpoint, pin: SFTPHostKeyPin) throws(SFTPError) -> SFTPConnection {
        guard let session = ssh_new() else {
            throw SFTPError(code: .connectionFailed, message: "\(endpoint.label): cannot create an SSH session")
        }
        let connection = SFTPConnection(endpoint: endpoint, session: session)
        do {
            try connection.connect(pin: pin)
        } catch {
            connection.close()
            throw error
        }
        return connection
    }

    private func connect(pin: SFTPHostKeyPin) throws(SFTPError) {
        let label = endpoint.label
        var port = UInt32(clamping: endpoint.port)
        var noConfig = false
        var verbosity = Int32(SSH_LOG_NOLOG)
        // TCP_NODELAY: without it every synchronous 64 KiB sftp_write waits out a delayed ACK (measured: 2 MB/s
        // upload on loopback instead of tens of MB/s).
        var noDelay: Int32 = 1
        let timeout = SFTPWatchdog.nanoseconds(endpoint.connectTimeout)
        var seconds = Int(timeout / 1_000_000_000)
        var microseconds = Int((timeout % 1_000_000_000) / 1000)
        if seconds == 0 && microseconds == 0 { seconds = 1 }
        var ok =
            ssh_options_set(session, SSH_OPTIONS_HOST, endpoint.host) == SSH_OK
            && ssh_options_set(session, SSH_OPTIONS_PORT, &port) == SSH_OK
            && ssh_options_set(session, SSH_OPTIONS_USER, endpoint.user) == SSH_OK
            && ssh_options_set(session, SSH_OPTIONS_PROCESS_CONFIG, &noConfig) == SSH_OK
            && ssh_options_set(session, SSH_OPTIONS_LOG_VERBOSITY, &verbosity) == SSH_OK
            && ssh_options_set(session, SSH_OPTIONS_NODELAY, &noDelay) == SSH_OK
            // Pinning is ours; libssh must read neither ~/.ssh/known_hosts nor /etc/ssh/ssh_known_hosts.
            && ssh_options_set(session, SSH_OPTIONS_KNOWNHOSTS, "/dev/null") == SSH_OK
            && ssh_options_set(session, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null") == SSH_OK
            // Bounds ssh_connect (TCP connect + key exchange) and the authentication round trips.
            && ssh_options_set(session, SSH_OPTIONS_TIMEOUT, &seconds) == SSH_OK
            && ssh_options_set(session, SSH_OPTIONS_TIMEOUT_USEC, &microseconds) == SSH_OK
        if ok, let algorithms = pin.hostKeyAlgorithms {
            ok = ssh_options_set(session, SSH_OPTIONS_HOSTKEYS, algorithms) == SSH_OK
        }
        guard ok else {
            throw SFTPError(code: .connectionFailed, message: "\(label): invalid SSH options (\(libsshError))")
        }

        if ssh_connect(session) != SSH_OK {
            let detail = libsshError
            let timedOut = detail.localizedCaseInsensitiveContains("timeout")
            throw SFTPError(
                code: timedOut ? .timeout : .connectionFailed,
                message: timedOut
                    ? "\(label): no SSH connection within \(Self.describe(endpoint.connectTimeout)) (\(detail))"
                    : "\(label): cannot connect: \(detail)")
        }
        watchdog.attach(fd: Int32(ssh_get_fd(session)))
        watchdog.arm(endpoint.connectTimeout)
        defer { watchdog.disarm() }

        try verifyHostKey(pin: pin)
        try authenticate()

        guard let sftp = sftp_new(session) else {
            throw transportFailure("start the SFTP subsystem", fallback: .protocolError)
        }
        self.sftp = sftp
        if sftp_init(sftp) != SSH_OK {
            throw transportFailure("start the SFTP subsystem", fallback: .protocolError)
        }
    }

    private func verifyHostKey(pin: SFTPHostKeyPin) throws(SFTPError) {
        let label = endpoint.label
        var key: ssh_key?
        guard ssh_get_server_publickey(session, &key) == SSH_OK, let key else {
            throw SFTPError(code: .protocolError, message: "\(label): the server sent no host key (\(libsshError))")
        }
        defer { ssh_key_free(key) }
        guard let seen = SFTPHostKeyPin.sha256Fingerprint(key) else {
            throw SFTPError(code: .protocolError, message: "\(label): cannot fingerprint the server's host key")
        }
        let type = ssh_key_type_to_char(ssh_key_type(key)).map { String(cString: $0) } ?? "unknown"
        serverFingerprint = seen
        switch pin {
        case .none:
            guard endpoint.trustOnFirstUse else {
                throw SFTPError(
                    code: .hostKeyUnknown,
                    message:
                        "\(label): no host key is pinned for this server and trust on first use is off; the server "
                        + "presented \(type) \(seen); check it out of band and pin it (hostKey); refusing to connect")
            }
        case .fingerprint(let pinned), .key(_, let pinned):
            guard pinned == seen else {
                throw SFTPError(
                    code: .hostKeyMismatch,
                    message:
                        "\(label): the server's host key \(seen) (\(type)) does not match the pinned \(pinned); "
                        + "refusing to connect")
            }
        }
    }

    private func authenticate() throws(SFTPError) {
        let label = endpoint.label
        let user = endpoint.user
        let result: Int32
        let what: String
        switch endpoint.authentication {
        case .privateKey(let path, let passphrase):
            guard access(path, R_OK) == 0 else {
                throw SFTPError(
                    code: .authenticationFailed,
                    message: "\(label): cannot read the private key \(path): \(String(cString: strerror(errno)))")
            }
            var key: ssh_key?
            let imported = ssh_pki_import_privkey_file(path, passphrase, nil, nil, &key)
            guard imported == SSH_OK, let key else {
                throw SFTPError(
                    code: .authenticationFailed,
                    message: passphrase == nil
                        ? "\(label): cannot load the private key \(path): not a supported private key, or it is "
                            + "protected by a passphrase and none was given"
                        : "\(label): cannot load the private key \(path): wrong passphrase or not a supported "
                            + "private key")
            }
            defer { ssh_key_free(key) }
            let fingerprint = SFTPHostKeyPin.sha256Fingerprint(key).map { " (\($0))" } ?? ""
            what = "the public key \(path)\(fingerprint)"
            result = ssh_userauth_publickey(session, nil, key)
        case .password(let password):
            what = "the password"
            result = ssh_userauth_password(session, nil, password)
        }
        if result == SSH_AUTH_SUCCESS.rawValue { return }
        if result == SSH_AUTH_DENIED.rawValue || result == SSH_AUTH_PARTIAL.rawValue {
            let methods = Self.methodNames(ssh_userauth_list(session, nil))
            let partial = result == SSH_AUTH_PARTIAL.rawValue ? " (accepted, but the server requires more methods)" : ""
            throw SFTPError(
                code: .authenticationFailed,
                message:
                    "\(label): the server refused \(what) for user '\(user)'\(partial); it accepts: "
                    + "\(methods.isEmpty ? "nothing" : methods.joined(separator: ", "))")
        }
        throw transportFailure("authenticate user '\(user)'", fallback: .authenticationFailed)
    }

    private static func methodNames(_ mask: Int32) -> [String] {
        let bits = UInt32(bitPattern: mask)
        var names: [String] = []
        if bits & SSH_AUTH_METHOD_PUBLICKEY != 0 { names.append("publickey") }
        if bits & SSH_AUTH_METHOD_PASSWORD != 0 { names.append("password") }
        if bits & SSH_AUTH_METHOD_INTERACTIVE != 0 { names.append("keyboard-interactive") }
        if bits & SSH_AUTH_METHOD_HOSTBASED != 0 { names.append("hostbased") }
        if bits & SSH_AUTH_METHOD_GSSAPI_MIC != 0 { names.append("gssapi-with-mic") }
        return names
    }

    /// Frees everything (SFTP session, SSH session). Safe to call twice.
    func close() {
        if closed { return }
        closed = true
        watchdog.detach()
        if let sftp { sftp_free(sftp) }
        sftp = nil
        ssh_disconnect(session)
        ssh_free(session)
    }

    /// False once the transport is known to be gone: libssh saw it, or the server closed the TCP connection
    /// (a pending end-of-file on the socket; detected without reading, so nothing is taken from libssh).
    var isUsable: Bool {
        guard !closed, let sftp, ssh_is_connected(session) != 0, ssh_channel_is_closed(sftp.pointee.channel) == 0
        else { return false }
        let fd = Int32(ssh_get_fd(session))
        guard fd >= 0 else { return false }
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        if n == 0 { return false }
        if n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR { return false }
        return true
    }

    // MARK: - Operations (each bounded by the watchdog)

    /// Runs `body` with the operation deadline armed; classifies failures.
    func guarded<T>(_ body: (sftp_session) throws(SFTPError) -> T) throws(SFTPError) -> T {
        guard let sftp, !closed else {
            throw SFTPError(code: .disconnected, message: "\(endpoint.label): not connected")
        }
        sftp.pointee.errnum = 0
        watchdog.arm(endpoint.operationTimeout)
        defer { watchdog.disarm() }
        return try body(sftp)
    }

    /// The error for a failed libssh/SFTP call: timeout (watchdog fired), disconnected (transport gone), or the
    /// SFTP status the server sent.
    func failure(_ action: String, path: String?, fallback: SFTPError.Code = .protocolError) -> SFTPError {
        let label = endpoint.label
        if watchdog.hasFired {
            return SFTPError(
                code: .timeout,
                message:
                    "\(label): no answer from the server within \(Self.describe(endpoint.operationTimeout)) while "
                    + "trying to \(action); the connection was dropped", path: path)
        }
        let status = sftp.map { sftp_get_error($0) } ?? 0
        let alive = isUsable
        if !alive || status == 0 && ssh_get_error_code(UnsafeMutableRawPointer(session)) == SSH_FATAL.rawValue {
            return SFTPError(
                code: .disconnected,
                message: "\(label): the connection was lost while trying to \(action) (\(libsshError))", path: path)
        }
        let target = path.map { " \($0)" } ?? ""
        switch status {
        case SSH_FX_NO_SUCH_FILE, SSH_FX_NO_SUCH_PATH:
            return SFTPError(
                code: .noSuchFile, message: "\(label): cannot \(action): no such file\(target)", path: path)
        case SSH_FX_PERMISSION_DENIED:
            return SFTPError(
                code: .permissionDenied, message: "\(label): cannot \(action): permission denied\(target)", path: path)
        case SSH_FX_CONNECTION_LOST, SSH_FX_NO_CONNECTION:
            return SFTPError(
                code: .disconnected, message: "\(label): the connection was lost while trying to \(action)",
                path: path)
        case 0:
            return SFTPError(code: fallback, message: "\(label): cannot \(action) (\(libsshError))", path: path)
        default:
            return SFTPError(
                code: fallback,
                message: "\(label): the server failed to \(action) (SFTP status \(Self.statusName(status)))",
                path: path)
        }
    }

    /// For failures outside an operation (connect phase).
    func transportFailure(_ action: String, fallback: SFTPError.Code) -> SFTPError {
        if watchdog.hasFired {
            return SFTPError(
                code: .timeout,
                message:
                    "\(endpoint.label): no answer from the server within \(Self.describe(endpoint.connectTimeout)) "
                    + "while trying to \(action)")
        }
        if ssh_is_connected(session) == 0 {
            return SFTPError(
                code: .disconnected,
                message: "\(endpoint.label): the connection was lost while trying to \(action) (\(libsshError))")
        }
        return SFTPError(code: fallback, message: "\(endpoint.label): cannot \(action) (\(libsshError))")
    }

    func list(_ directory: String) throws(SFTPError) -> [RemoteEntry] {
        try guarded { (sftp) throws(SFTPError) in
            guard let dir = sftp_opendir(sftp, directory) else {
                throw failure("list the directory", path: directory)
            }
            defer { sftp_closedir(dir) }
            var entries: [RemoteEntry] = []
            while let attributes = sftp_readdir(sftp, dir) {
                defer { sftp_attributes_free(attributes) }
                watchdog.touch()
                guard let cName = attributes.pointee.name else { continue }
                let name = String(cString: cName)
                if name == "." || name == ".." { continue }
                entries.append(Self.entry(attributes, name: name, path: joinPath(directory, name)))
            }
            guard sftp_dir_eof(dir) == 1 else { throw failure("list the directory", path: directory) }
            return entries
        }
    }

    func stat(_ path: String) throws(SFTPError) -> RemoteEntry {
        try guarded { (sftp) throws(SFTPError) in
            guard let attributes = sftp_stat(sftp, path) else { throw failure("stat", path: path) }
            defer { sftp_attributes_free(attributes) }
            return Self.entry(attributes, name: splitPath(path).name, path: path)
        }
    }

    func makeDirectory(_ path: String) throws(SFTPError) {
        try guarded { (sftp) throws(SFTPError) in
            if sftp_mkdir(sftp, path, 0o755) == SSH_OK { return }
            let error = failure("create the directory", path: path)
            // SFTP v3 has no "already exists" status (OpenSSH answers SSH_FX_FAILURE): look.
            if error.code == .protocolError, let existing = sftp_stat(sftp, path) {
                defer { sftp_attributes_free(existing) }
                if existing.pointee.type == UInt8(SSH_FILEXFER_TYPE_DIRECTORY) { return }
            }
            throw error
        }
    }

    func remove(_ path: String) throws(SFTPError) {
        try guarded { (sftp) throws(SFTPError) in
            if sftp_unlink(sftp, path) != SSH_OK { throw failure("remove", path: path) }
        }
    }

    /// Renames `from` over `to`. OpenSSH's `posix-rename@openssh.com` extension replaces an existing target
    /// atomically; libssh 0.10 has no call for it (its `sftp_rename` sends the plain SFTP v3 RENAME, which fails
    /// when the target exists), so `postPosixRename` sends the request itself. Servers without the extension get
    /// remove + rename (a short window without the target).
    func rename(_ from: String, to: String) throws(SFTPError) {
        try guarded { (sftp) throws(SFTPError) in
            if sftp_extension_supported(sftp, "posix-rename@openssh.com", "1") != 0 {
                try posixRename(sftp, from, to)
                return
            }
            if sftp_rename(sftp, from, to) == SSH_OK { return }
            let first = failure("rename \(from) to \(to)", path: from)
            guard first.code == .protocolError, let existing = sftp_stat(sftp, to) else { throw first }
            sftp_attributes_free(existing)
            if sftp_unlink(sftp, to) != SSH_OK { throw failure("remove \(to) before renaming over it", path: to) }
            if sftp_rename(sftp, from, to) != SSH_OK { throw failure("rename \(from) to \(to)", path: from) }
        }
    }

    /// SSH_FXP_EXTENDED "posix-rename@openssh.com" written to the SFTP channel and its SSH_FXP_STATUS read back
    /// directly. Safe because this client never has another SFTP request outstanding at this point (the queue is
    /// serial and every other operation reads all its replies), and libssh reads exactly one packet at a time, so
    /// nothing of this reply sits in a libssh buffer. The request id comes from libssh's own counter.
    private func posixRename(_ sftp: sftp_session, _ from: String, _ to: String) throws(SFTPError) {
        sftp.pointee.id_counter &+= 1
        let id = sftp.pointee.id_counter
        var body: [UInt8] = [200]  // SSH_FXP_EXTENDED
        Self.appendUInt32(&body, id)
        Self.appendString(&body, Array("posix-rename@openssh.com".utf8))
        Self.appendString(&body, Array(from.utf8))
        Self.appendString(&body, Array(to.utf8))
        var packet: [UInt8] = []
        Self.appendUInt32(&packet, UInt32(body.count))
        packet += body
        let channel = sftp.pointee.channel
        let written = packet.withUnsafeBytes { ssh_channel_write(channel, $0.baseAddress, UInt32($0.count)) }
        guard written == packet.count else { throw failure("rename \(from) to \(to)", path: from) }
        guard let header = readChannel(channel, count: 4), let length = Self.readUInt32(header, at: 0),
            length >= 9, length < 1 << 20, let reply = readChannel(channel, count: Int(length))
        else { throw failure("rename \(from) to \(to)", path: from) }
        guard reply[0] == 101, Self.readUInt32(reply, at: 1) == id, let status = Self.readUInt32(reply, at: 5) else {
            throw SFTPError(
                code: .protocolError,
                message: "\(endpoint.label): unexpected reply to posix-rename (type \(reply[0]))", path: from)
        }
        if status == 0 { return }
        sftp.pointee.errnum = Int32(bitPattern: status)
        throw failure("rename \(from) to \(to)", path: from)
    }

    private func readChannel(_ channel: ssh_channel?, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let n = bytes.withUnsafeMutableBytes {
                ssh_channel_read(channel, $0.baseAddress! + offset, UInt32(count - offset), 0)
            }
            if n <= 0 { return nil }
            offset += Int(n)
            watchdog.touch()
        }
        return bytes
    }

    private static func appendUInt32(_ bytes: inout [UInt8], _ value: UInt32) {
        bytes += [UInt8(value >> 24), UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff), UInt8(value & 0xff)]
    }

    private static func appendString(_ bytes: inout [UInt8], _ value: [UInt8]) {
        appendUInt32(&bytes, UInt32(value.count))
        bytes += value
    }

    private static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        return bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    // MARK: - Helpers

    func localFailure(_ error: any Error, path: String) -> SFTPError {
        SFTPError(code: .localFileFailed, message: "\(endpoint.label): local file: \(error)", path: path)
    }

    var libsshError: String {
        String(cString: ssh_get_error(UnsafeMutableRawPointer(session)))
    }

    static func entry(_ attributes: sftp_attributes, name: String, path: String) -> RemoteEntry {
        let a = attributes.pointee
        let seconds = a.mtime64 != 0 ? Double(a.mtime64) : Double(a.mtime)
        return RemoteEntry(
            name: name, path: path, size: Int64(a.size),
            modified: Date(timeIntervalSince1970: seconds + Double(a.mtime_nseconds) / 1_000_000_000),
            isRegularFile: a.type == UInt8(SSH_FILEXFER_TYPE_REGULAR))
    }

    static func statusName(_ status: Int32) -> String {
        switch status {
        case SSH_FX_FAILURE: "4, failure"
        case SSH_FX_BAD_MESSAGE: "5, bad message"
        case SSH_FX_OP_UNSUPPORTED: "8, operation unsupported"
        case SSH_FX_FILE_ALREADY_EXISTS: "11, file already exists"
        case SSH_FX_WRITE_PROTECT: "12, write protected"
        case SSH_FX_NO_MEDIA: "13, no media"
        default: "\(status)"
        }
    }

    static func describe(_ duration: Duration) -> String {
        let milliseconds = SFTPWatchdog.nanoseconds(duration) / 1_000_000
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000) s" }
        return "\(Double(milliseconds) / 1000) s"
    }
}
