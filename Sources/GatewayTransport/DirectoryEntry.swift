import Foundation

/// One regular file in a directory listing, as `lstat` saw it.
public struct DirectoryEntry: Sendable, Hashable {
    /// The file name (last path component).
    public var name: String
    /// The full path (directory + "/" + name).
    public var path: String
    /// Size in bytes.
    public var size: Int64
    /// Last modification time (`st_mtim`, with nanoseconds).
    public var modified: Date
    /// Inode number; a new inode at the same path means the file was replaced.
    public var inode: UInt64

    public init(name: String, path: String, size: Int64, modified: Date, inode: UInt64) {
        self.name = name
        self.path = path
        self.size = size
        self.modified = modified
        self.inode = inode
    }
}
