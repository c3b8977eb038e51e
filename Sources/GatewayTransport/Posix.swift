#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

// Thin wrappers over the C library, free functions so that members named `write`, `read` or `remove` do not
// shadow them. They retry on EINTR and throw `FileSystemError`.

/// Splits a path into its directory ("." when there is none, "/" for a root entry) and its last component.
func splitPath(_ path: String) -> (directory: String, name: String) {
    var trimmed = Substring(path)
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    guard let slash = trimmed.lastIndex(of: "/") else { return (".", String(trimmed)) }
    let directory = trimmed[..<slash]
    return (directory.isEmpty ? "/" : String(directory), String(trimmed[trimmed.index(after: slash)...]))
}

/// Joins a directory and a name with exactly one "/".
func joinPath(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
}

func posixOpen(_ path: String, _ flags: Int32, _ mode: mode_t = 0, operation: String = "open") throws(FileSystemError)
    -> Int32
{
    while true {
        let fd = open(path, flags | O_CLOEXEC, mode)
        if fd >= 0 { return fd }
        if currentErrno() != EINTR { throw FileSystemError.last(operation, path) }
    }
}

func posixWriteAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(FileSystemError) {
    var offset = 0
    while offset < bytes.count {
        let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
        if n < 0 {
            if currentErrno() == EINTR { continue }
            throw FileSystemError.last("write", path)
        }
        offset += n
    }
}

/// One `read` into `buffer`; returns the byte count (0 at end of file).
func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer, path: String) throws(FileSystemError) -> Int {
    while true {
        let n = read(fd, buffer.baseAddress, buffer.count)
        if n >= 0 { return n }
        if currentErrno() != EINTR { throw FileSystemError.last("read", path) }
    }
}

func posixFsync(_ fd: Int32, path: String) throws(FileSystemError) {
    while fsync(fd) != 0 {
        let code = currentErrno()
        if code == EINTR { continue }
        throw FileSystemError(operation: "fsync", path: path, errno: code)
    }
}

/// Closes `fd`; not retried on EINTR (on Linux the descriptor is gone either way).
func posixClose(_ fd: Int32) {
    _ = close(fd)
}

/// `lstat`; nil when the path does not exist.
func posixLstat(_ path: String) throws(FileSystemError) -> stat? {
    var info = stat()
    if lstat(path, &info) == 0 { return info }
    if currentErrno() == ENOENT { return nil }
    throw FileSystemError.last("lstat", path)
}

func isDirectoryMode(_ mode: mode_t) -> Bool { mode & S_IFMT == S_IFDIR }
func isRegularMode(_ mode: mode_t) -> Bool { mode & S_IFMT == S_IFREG }

/// The modification time of `info` with nanoseconds.
func modificationDate(_ info: stat) -> Date {
    #if canImport(Darwin)
        let time = info.st_mtimespec
    #else
        let time = info.st_mtim
    #endif
    return Date(timeIntervalSince1970: Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000)
}
