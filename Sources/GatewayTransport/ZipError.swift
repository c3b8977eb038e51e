/// One file extracted from a zip archive.
public struct ZipMember: Sendable, Hashable {
    /// The member's path inside the archive (checked safe: relative, no "..", no backslash, no NUL).
    public var name: String
    /// The member's content.
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}

/// Why a zip archive was refused.
public struct ZipError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The input is not a zip archive.
        case notZip = "zip.not_zip"
        /// The archive is truncated or inconsistent (bad record, CRC-32 or size mismatch, broken deflate data).
        case corrupt = "zip.corrupt"
        /// A feature this reader does not handle (zip64, multi-disk, compression other than stored or deflate).
        case unsupported = "zip.unsupported"
        /// A member name is absolute, contains "..", a backslash or a NUL.
        case unsafeName = "zip.unsafe_name"
        /// The inflated content or the member count exceeds the caller's limit (zip-bomb guard).
        case tooLarge = "zip.too_large"
        /// A member is encrypted.
        case encrypted = "zip.encrypted"
    }

    public let code: Code
    public let message: String
    /// The member concerned, when there is one.
    public let member: String?

    public init(_ code: Code, _ message: String, member: String? = nil) {
        self.code = code
        self.message = message
        self.member = member
    }

    public var description: String {
        let at = member.map { " (member \($0))" } ?? ""
        return "\(code.rawValue): \(message)\(at)"
    }
}
