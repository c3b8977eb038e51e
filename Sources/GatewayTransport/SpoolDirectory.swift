#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// Listing and creating spool directories.
public enum SpoolDirectory {
    /// The regular files directly in `directory` (via `lstat`), sorted by (modified, name).
    ///
    /// Subdirectories are skipped, and so are symbolic links, whatever they point to: a drop must be a file the
    /// partner wrote into the directory, and following links would let a link read or claim files elsewhere.
    /// A missing directory yields an empty list rather than an error (it may not have been created yet; the
    /// caller creates it with `ensureDirectory`). Files that vanish while listing are left out.
    public static func list(_ directory: String) throws -> [DirectoryEntry] {
        guard let stream = opendir(directory) else {
            let code = currentErrno()
            if code == ENOENT { return [] }
            throw FileSystemError(operation: "opendir", path: directory, errno: code)
        }
        defer { closedir(stream) }
        var entries: [DirectoryEntry] = []
        while true {
            setErrno(0)
            guard let item = readdir(stream) else {
                let code = currentErrno()
                if code != 0 { throw FileSystemError(operation: "readdir", path: directory, errno: code) }
                break
            }
            let name = withUnsafePointer(to: &item.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            let path = joinPath(directory, name)
            guard let info = try posixLstat(path), isRegularMode(info.st_mode) else { continue }
            entries.append(
                DirectoryEntry(
                    name: name, path: path, size: Int64(info.st_size), modified: modificationDate(info),
                    inode: UInt64(info.st_ino)))
        }
        entries.sort { ($0.modified, $0.name) < ($1.modified, $1.name) }
        return entries
    }

    /// Creates `path` and any missing parents (like `mkdir -p`) with mode 0o750 (before the umask). An existing
    /// directory is fine; an existing non-directory is an error (ENOTDIR).
    public static func ensureDirectory(_ path: String) throws {
        if let info = try posixLstat(path) {
            if isDirectoryMode(info.st_mode) { return }
            if info.st_mode & S_IFMT == S_IFLNK {
                var target = stat()
                if stat(path, &target) == 0 && isDirectoryMode(target.st_mode) { return }
            }
            throw FileSystemError(operation: "mkdir", path: path, errno: ENOTDIR)
        }
        let parent = splitPath(path).directory
        if parent != path && parent != "." && parent != "/" { try ensureDirectory(parent) }
        if mkdir(path, 0o750) != 0 {
            let code = currentErrno()
            if code == EEXIST, let info = try posixLstat(path), isDirectoryMode(info.st_mode) { return }
            throw FileSystemError(operation: "mkdir", path: path, errno: code)
        }
    }
}
