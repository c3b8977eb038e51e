#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Crash-safe file operations: a reader sees the old file or the complete new one, and a finished call survives
/// a power cut (file and directory entries are fsynced).
public enum AtomicFile {
    /// Writes `bytes` to `path` through `<dir>/.<name>.<random>.tmp`: write all, fsync the file, rename over
    /// `path`, fsync the directory. Creates missing directories. New files get mode 0o640 (before the umask).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let (directory, name) = splitPath(path)
        try SpoolDirectory.ensureDirectory(directory)
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let temporary = joinPath(directory, ".\(name).\(suffix).tmp")
        let fd = try posixOpen(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o640)
        do throws(FileSystemError) {
            defer { posixClose(fd) }
            let written = bytes.withUnsafeBytes { buffer in
                Result { () throws(FileSystemError) in try posixWriteAll(fd, buffer, path: temporary) }
            }
            try written.get()
            try posixFsync(fd, path: temporary)
        } catch {
            _ = unlink(temporary)
            throw error
        }
        if rename(temporary, path) != 0 {
            let error = FileSystemError.last("rename", "\(temporary) -> \(path)")
            _ = unlink(temporary)
            throw error
        }
        try fsyncDirectory(directory)
    }

    /// Renames `source` to `destination` (creating the destination directory), fsyncs both directories; across
    /// file systems (EXDEV) copies with `write` then unlinks the source (the whole file is read into memory).
    public static func move(_ source: String, to destination: String) throws {
        let sourceDirectory = splitPath(source).directory
        let destinationDirectory = splitPath(destination).directory
        try SpoolDirectory.ensureDirectory(destinationDirectory)
        if rename(source, destination) == 0 {
            try fsyncDirectory(destinationDirectory)
            if sourceDirectory != destinationDirectory { try fsyncDirectory(sourceDirectory) }
            return
        }
        let code = currentErrno()
        guard code == EXDEV else {
            throw FileSystemError(operation: "rename", path: "\(source) -> \(destination)", errno: code)
        }
        try write(read(source), to: destination)
        try remove(source)
    }

    /// Unlinks `path` and fsyncs its directory; a missing file is not an error. Returns whether it existed.
    @discardableResult
    public static func remove(_ path: String) throws -> Bool {
        if unlink(path) != 0 {
            if currentErrno() == ENOENT { return false }
            throw FileSystemError.last("unlink", path)
        }
        try fsyncDirectory(splitPath(path).directory)
        return true
    }

    /// Fsyncs the directory `path` so that creations, renames and unlinks in it are durable. File systems that
    /// cannot fsync a directory (EINVAL) are tolerated.
    public static func fsyncDirectory(_ path: String) throws {
        let fd = try posixOpen(path, O_RDONLY | O_DIRECTORY)
        defer { posixClose(fd) }
        do {
            try posixFsync(fd, path: path)
        } catch  where error.errno == EINVAL {
            return
        }
    }

    /// Reads the whole file at `path`.
    public static func read(_ path: String) throws -> [UInt8] {
        let fd = try posixOpen(path, O_RDONLY)
        defer { posixClose(fd) }
        var info = stat()
        let expected = fstat(fd, &info) == 0 ? max(Int(info.st_size), 0) : 0
        var bytes: [UInt8] = []
        bytes.reserveCapacity(expected)
        let chunkSize = 64 * 1024
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let n = try posixRead(fd, chunk, path: path)
            if n == 0 { return bytes }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<n]))
        }
    }
}
