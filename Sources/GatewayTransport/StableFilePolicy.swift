/// When a file dropped into an inbound directory counts as complete (see `StableFileTracker`).
public struct StableFilePolicy: Sendable, Hashable {
    /// How long size, modification time and inode must stay unchanged across listings.
    public var quietMilliseconds: Int
    /// How old the modification time must be.
    public var minimumAgeMilliseconds: Int
    /// When set (e.g. ".done"), a file is ready only once "<name><suffix>" exists beside it; files ending in the
    /// suffix are markers, never candidates.
    public var doneFileSuffix: String?
    /// Globs (see `Glob`) of names never taken, e.g. dot files and partial uploads.
    public var ignore: [String]

    public init(
        quietMilliseconds: Int = 2000, minimumAgeMilliseconds: Int = 5000, doneFileSuffix: String? = nil,
        ignore: [String] = [".*", "*.part", "*.tmp"]
    ) {
        self.quietMilliseconds = quietMilliseconds
        self.minimumAgeMilliseconds = minimumAgeMilliseconds
        self.doneFileSuffix = doneFileSuffix
        self.ignore = ignore
    }

    /// True when `name` matches one of the `ignore` globs.
    public func isIgnored(_ name: String) -> Bool {
        ignore.contains { Glob.matches($0, name) }
    }

    /// True when `name` is a done-file marker (ends in `doneFileSuffix` and is longer than it).
    public func isDoneFile(_ name: String) -> Bool {
        guard let suffix = doneFileSuffix, !suffix.isEmpty else { return false }
        return name.count > suffix.count && name.hasSuffix(suffix)
    }
}
