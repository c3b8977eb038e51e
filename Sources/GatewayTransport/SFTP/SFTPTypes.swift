import Foundation

/// Where and how to connect: already-resolved values (the caller resolves `env:`/`file:` secrets first).
public struct SFTPEndpoint: Sendable, Hashable {
    /// How the client proves who it is.
    public enum Authentication: Sendable, Hashable {
        /// A private key file (OpenSSH or PEM format) and its passphrase, if it has one.
        case privateKey(path: String, passphrase: String?)
        /// A password login.
        case password(String)
    }

    public var host: String
    public var port: Int
    public var user: String
    public var authentication: Authentication
    /// A known_hosts-style public key line ("ssh-ed25519 AAAA..." optionally preceded by a host field) or
    /// "SHA256:<base64>" fingerprint. Empty: no pin (refused unless `trustOnFirstUse`).
    public var hostKey: String
    /// Trust on first use: accept an unknown key (only when explicitly configured). Default false. The key
    /// accepted first is pinned for the lifetime of the `SFTPClient`.
    public var trustOnFirstUse: Bool
    /// Bounds the TCP connect, key exchange, host key check, authentication and SFTP start-up.
    public var connectTimeout: Duration
    /// Bounds how long one operation may go without any answer from the server (see docs/sftp.md).
    public var operationTimeout: Duration

    public init(
        host: String, port: Int = 22, user: String, authentication: Authentication, hostKey: String,
        trustOnFirstUse: Bool = false, connectTimeout: Duration = .seconds(15),
        operationTimeout: Duration = .seconds(60)
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.authentication = authentication
        self.hostKey = hostKey
        self.trustOnFirstUse = trustOnFirstUse
        self.connectTimeout = connectTimeout
        self.operationTimeout = operationTimeout
    }

    /// "host:port" (IPv6 literals in brackets), the prefix of every error message.
    var label: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

/// One entry of a remote directory listing (or a `stat`).
public struct RemoteEntry: Sendable, Hashable {
    /// The last path component.
    public var name: String
    /// The full remote path (directory + "/" + name).
    public var path: String
    /// Size in bytes.
    public var size: Int64
    /// Last modification time (whole seconds: SFTP version 3 carries no fractions).
    public var modified: Date
    /// False for directories, symbolic links and other special files.
    public var isRegularFile: Bool

    public init(name: String, path: String, size: Int64, modified: Date, isRegularFile: Bool) {
        self.name = name
        self.path = path
        self.size = size
        self.modified = modified
        self.isRegularFile = isRegularFile
    }
}

/// Every failure of `SFTPClient`: a stable code and a sentence that says what is wrong.
public struct SFTPError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case connectionFailed = "sftp.connection_failed"
        case hostKeyMismatch = "sftp.host_key_mismatch"
        case hostKeyUnknown = "sftp.host_key_unknown"
        case authenticationFailed = "sftp.authentication_failed"
        case timeout = "sftp.timeout"
        case noSuchFile = "sftp.no_such_file"
        case permissionDenied = "sftp.permission_denied"
        case sizeMismatch = "sftp.size_mismatch"
        case protocolError = "sftp.protocol_error"
        case disconnected = "sftp.disconnected"
        /// A local file (the download target or its `.part`) could not be written.
        case localFileFailed = "sftp.local_file_failed"
    }

    public var code: Code
    /// e.g. "127.0.0.1:2222: the server's host key SHA256:abc… does not match the pinned SHA256:def…; refusing
    /// to connect".
    public var message: String
    /// The remote (or, for `localFileFailed`, local) path involved, when there is one.
    public var path: String?

    public init(code: Code, message: String, path: String? = nil) {
        self.code = code
        self.message = message
        self.path = path
    }

    /// "<message> [sftp.code]".
    public var description: String { "\(message) [\(code.rawValue)]" }
}
