#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failed file-system call: which operation, on which path, and the errno it set.
public struct FileSystemError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The call that failed, e.g. "open", "rename", "fsync".
    public var operation: String
    /// The path (for a rename: "source -> destination").
    public var path: String
    /// The errno value.
    public var errno: Int32

    public init(operation: String, path: String, errno: Int32) {
        self.operation = operation
        self.path = path
        self.errno = errno
    }

    /// Captures the current errno for `operation` on `path`.
    static func last(_ operation: String, _ path: String) -> FileSystemError {
        FileSystemError(operation: operation, path: path, errno: currentErrno())
    }

    /// e.g. "rename /a -> /b: No such file or directory (errno 2)".
    public var description: String {
        "\(operation) \(path): \(String(cString: strerror(errno))) (errno \(errno))"
    }
}

/// The calling thread's errno (a free function: `FileSystemError.errno` shadows the global inside the type).
func currentErrno() -> Int32 { errno }

/// Sets the calling thread's errno (to tell `readdir`'s end of stream from its failure).
func setErrno(_ value: Int32) { errno = value }
