import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One event to publish: its deterministic id, its type (the file it goes to), its partner, and its JSON (one line).
///
/// `json` must be a JSON object on one line whose top-level `"id"` equals `id`.
public struct QueuedEvent: Sendable, Hashable {
    /// The deterministic event id (the CloudEvents `id`); an id appears once in the queue.
    public var id: String
    /// The event type (the CloudEvents `type`); events go to `<type>.jsonl`.
    public var type: String
    /// The trading partner the event concerns.
    public var partner: String
    /// The event's JSON, one line, without a trailing newline.
    public var json: [UInt8]

    /// Creates an event to publish.
    public init(id: String, type: String, partner: String, json: [UInt8]) {
        self.id = id
        self.type = type
        self.partner = partner
        self.json = json
    }
}

/// A failure of the embedded queue: the file concerned, the system error number (0 when none), and what went wrong.
public struct QueueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file or directory concerned.
    public var path: String
    /// The `errno` value of the failing system call, or 0 when the failure is not a system error.
    public var errno: Int32
    /// What went wrong.
    public var message: String

    /// Creates a queue error.
    public init(path: String, errno: Int32, message: String) {
        self.path = path
        self.errno = errno
        self.message = message
    }

    public var description: String {
        guard errno != 0 else { return "\(message): \(path)" }
        return "\(message): \(path): \(String(cString: strerror(errno))) (errno \(errno))"
    }
}

/// One line read back from the queue: its event type, its JSON (without the newline), and its top-level id
/// (empty when the line has none).
public struct QueueLine: Sendable, Hashable {
    /// The event type (the file the line came from, without `.jsonl`).
    public var type: String
    /// The line's JSON, without the trailing newline.
    public var json: [UInt8]
    /// The line's top-level `"id"`, or an empty string when it has none.
    public var id: String

    /// Creates a queue line.
    public init(type: String, json: [UInt8], id: String) {
        self.type = type
        self.json = json
        self.id = id
    }
}

/// The embedded queue: one JSON Lines file per event type (`<directory>/<type>.jsonl`), one event per line,
/// durable (fsync before `publish` returns), ordered per type, and readable with cat, jq or tail -f.
///
/// One writer process at a time: opening takes an exclusive `flock` on `<directory>/.lock`, held until the
/// queue is released; a second opener (in this or another process) gets a ``QueueError``.
public final class EmbeddedQueue: @unchecked Sendable {
    /// The directory holding the `.jsonl` files.
    public let directory: String
    private let lockFD: Int32
    private let lock = NSLock()
    private var ids: Set<String>

    /// Opens (creating if needed) the queue in `directory`: takes the writer lock, truncates any torn
    /// (unterminated) last line left by a killed writer, and loads the ids already present.
    public init(directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw QueueError(
                path: directory, errno: 0,
                message: "cannot create event queue directory (\(error.localizedDescription))")
        }
        let lockPath = Self.path(directory, ".lock")
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw QueueError.system(lockPath, "cannot open event queue lock file") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = currentErrno()
            close(fd)
            if code == EWOULDBLOCK {
                throw QueueError(
                    path: lockPath, errno: code,
                    message: "event queue is already open by another writer (one writer at a time; lock held)")
            }
            throw QueueError(path: lockPath, errno: code, message: "cannot lock event queue")
        }
        var loaded = Set<String>()
        do {
            for type in try Self.types(in: directory) {
                try Self.recover(path: Self.path(directory, type + ".jsonl"), into: &loaded)
            }
        } catch {
            close(fd)
            throw error
        }
        self.directory = directory
        self.lockFD = fd
        self.ids = loaded
    }

    deinit {
        close(lockFD)
    }

    /// Appends the events whose id is not yet in the queue, in the given order, then fsyncs every file it touched
    /// (and the directory when it created a file) before returning. Returns how many were appended.
    ///
    /// An id appears once in the queue, even if the process was killed between the append and the caller recording
    /// that it published: publishing the same batch again after a restart appends nothing twice. Repeated ids within
    /// the batch are appended once (the first). Throws before writing anything when an event to append is invalid
    /// (type not usable as a file name, JSON containing a newline, or top-level `"id"` different from `id`).
    public func publish(_ events: [QueuedEvent]) throws -> Int {
        lock.lock()
        defer { lock.unlock() }

        var batchIDs = Set<String>()
        var typeIndex: [String: Int] = [:]
        var batches: [(type: String, buffer: [UInt8], ids: [String])] = []
        for event in events {
            guard !ids.contains(event.id), !batchIDs.contains(event.id) else { continue }
            try Self.validate(event, directory: directory)
            batchIDs.insert(event.id)
            let index: Int
            if let known = typeIndex[event.type] {
                index = known
            } else {
                index = batches.count
                typeIndex[event.type] = index
                batches.append((event.type, [], []))
            }
            batches[index].buffer.append(contentsOf: event.json)
            batches[index].buffer.append(0x0A)
            batches[index].ids.append(event.id)
        }

        var appended = 0
        for batch in batches {
            try append(batch.buffer, to: Self.path(directory, batch.type + ".jsonl"))
            ids.formUnion(batch.ids)
            appended += batch.ids.count
        }
        return appended
    }

    /// Whether an event with this id is in the queue.
    public func contains(id: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return ids.contains(id)
    }

    /// How many distinct event ids the queue holds.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return ids.count
    }

    /// Event types present (file names without .jsonl), sorted. A missing directory has none.
    public static func types(in directory: String) throws -> [String] {
        guard let dir = opendir(directory) else {
            let code = currentErrno()
            if code == ENOENT { return [] }
            throw QueueError(path: directory, errno: code, message: "cannot list event queue directory")
        }
        defer { closedir(dir) }
        var result: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
            }
            guard name.hasSuffix(".jsonl"), !name.hasPrefix("."), name.utf8.count > 6 else { continue }
            result.append(String(name.dropLast(6)))
        }
        return result.sorted()
    }

    /// Reads the lines of one type (or all types, merged in file order per type, types sorted) starting at a byte
    /// offset per file (keyed by type, 0 when absent); used by `edigate events` and its --follow mode.
    /// Never returns a torn (unterminated) last line. Returns the lines and the offsets to pass next time
    /// (the given offsets updated for every type read). An offset past the end of its file (the file was replaced)
    /// restarts that file from the beginning.
    public static func read(directory: String, type: String?, from offsets: [String: Int] = [:]) throws -> (
        lines: [QueueLine], offsets: [String: Int]
    ) {
        let selected: [String]
        if let type {
            guard isValidType(type) else {
                throw QueueError(path: directory, errno: 0, message: "invalid event type '\(type)'")
            }
            selected = [type]
        } else {
            selected = try types(in: directory)
        }
        var lines: [QueueLine] = []
        var next = offsets
        for type in selected {
            let path = path(directory, type + ".jsonl")
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 {
                if currentErrno() == ENOENT { continue }
                throw QueueError.system(path, "cannot open event file")
            }
            defer { close(fd) }
            let size = try fileSize(fd, path)
            var start = max(0, offsets[type] ?? 0)
            if start > size { start = 0 }
            let end = try scanLines(fd: fd, path: path, from: start, to: size) { line in
                lines.append(
                    QueueLine(type: type, json: Array(line), id: JSONLineScanner.topLevelID(line) ?? ""))
            }
            next[type] = end
        }
        return (lines, next)
    }

    // MARK: - Writing

    private func append(_ buffer: [UInt8], to path: String) throws {
        var created = false
        var fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        if fd < 0 && currentErrno() == ENOENT {
            fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
            created = true
        }
        guard fd >= 0 else { throw QueueError.system(path, "cannot open event file for appending") }
        defer { close(fd) }
        let originalSize = try Self.fileSize(fd, path)

        // On any failure, take the file back to its previous length so no partial line stays behind
        // and nothing of this batch counts as published.
        func rollBack(_ error: QueueError) -> QueueError {
            _ = ftruncate(fd, off_t(originalSize))
            _ = fsync(fd)
            return error
        }

        let written = buffer.withUnsafeBytes { bytes -> Int32 in
            var done = 0
            while done < bytes.count {
                let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 {
                    if currentErrno() == EINTR { continue }
                    return currentErrno()
                }
                if n == 0 { return EIO }
                done += n
            }
            return 0
        }
        if written != 0 {
            throw rollBack(QueueError(path: path, errno: written, message: "cannot append to event file"))
        }
        if fsync(fd) != 0 {
            throw rollBack(QueueError.system(path, "cannot fsync event file"))
        }
        if created {
            let dirFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard dirFD >= 0 else {
                throw rollBack(QueueError.system(directory, "cannot open event queue directory for fsync"))
            }
            defer { close(dirFD) }
            if fsync(dirFD) != 0 {
                throw rollBack(QueueError.system(directory, "cannot fsync event queue directory"))
            }
        }
    }

    private static func validate(_ event: QueuedEvent, directory: String) throws {
        guard isValidType(event.type) else {
            throw QueueError(
                path: directory, errno: 0, message: "event \(event.id): type '\(event.type)' is not a usable file name")
        }
        let file = path(directory, event.type + ".jsonl")
        guard !event.json.contains(0x0A) else {
            throw QueueError(path: file, errno: 0, message: "event \(event.id): JSON contains a newline")
        }
        let found = event.json.withUnsafeBytes { JSONLineScanner.topLevelID($0) }
        guard found == event.id else {
            throw QueueError(
                path: file, errno: 0,
                message: "event \(event.id): JSON top-level \"id\" is \(found.map { "'\($0)'" } ?? "missing")")
        }
    }

    private static func isValidType(_ type: String) -> Bool {
        !type.isEmpty && !type.hasPrefix(".") && !type.contains("/") && !type.contains("\0")
            && type.utf8.count <= 200
    }

    // MARK: - Recovery and scanning

    /// Truncates a torn last line (one not ending in a newline) and collects the ids of the complete lines.
    private static func recover(path: String, into ids: inout Set<String>) throws {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw QueueError.system(path, "cannot open event file") }
        defer { close(fd) }
        let size = try fileSize(fd, path)
        let end = try scanLines(fd: fd, path: path, from: 0, to: size) { line in
            if let id = JSONLineScanner.topLevelID(line) { ids.insert(id) }
        }
        if end < size {
            guard ftruncate(fd, off_t(end)) == 0 else {
                throw QueueError.system(path, "cannot truncate torn last line of event file")
            }
            guard fsync(fd) == 0 else { throw QueueError.system(path, "cannot fsync event file") }
        }
    }

    /// Calls `body` with every complete line (without its newline) between `start` and `end`, reading in chunks;
    /// returns the offset just past the last newline (`start` when there is none).
    private static func scanLines(
        fd: Int32, path: String, from start: Int, to end: Int, _ body: (UnsafeRawBufferPointer) -> Void
    ) throws -> Int {
        let chunkSize = 1 << 20
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var carry: [UInt8] = []
        var position = start
        var lastLineEnd = start
        while position < end {
            let wanted = min(chunkSize, end - position)
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, wanted, off_t(position)) }
            if n < 0 {
                if currentErrno() == EINTR { continue }
                throw QueueError.system(path, "cannot read event file")
            }
            if n == 0 { break }  // the file shrank while reading
            chunk.withUnsafeBytes { bytes in
                var lineStart = 0
                while lineStart < n {
                    guard let found = memchr(bytes.baseAddress! + lineStart, 0x0A, n - lineStart) else { break }
                    let newline = UnsafeRawPointer(found) - bytes.baseAddress!
                    let piece = UnsafeRawBufferPointer(rebasing: bytes[lineStart..<newline])
                    if carry.isEmpty {
                        if !piece.isEmpty { body(piece) }
                    } else {
                        carry.append(contentsOf: piece)
                        carry.withUnsafeBytes { body($0) }
                        carry.removeAll(keepingCapacity: true)
                    }
                    lineStart = newline + 1
                    lastLineEnd = position + lineStart
                }
                if lineStart < n {
                    carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[lineStart..<n]))
                }
            }
            position += n
        }
        return lastLineEnd
    }

    private static func fileSize(_ fd: Int32, _ path: String) throws -> Int {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw QueueError.system(path, "cannot stat event file") }
        return Int(info.st_size)
    }

    private static func path(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

extension QueueError {
    fileprivate static func system(_ path: String, _ message: String) -> QueueError {
        QueueError(path: path, errno: currentErrno(), message: message)
    }
}

private func currentErrno() -> Int32 { errno }

/// Finds the top-level `"id"` string of a one-line JSON object without parsing the whole object:
/// tracks nesting depth and string/escape state, so ids nested in `data` or inside strings are not confused with it.
enum JSONLineScanner {
    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    /// The value of the top-level `"id"` key when it is a string, or nil.
    static func topLevelID(_ bytes: UnsafeRawBufferPointer) -> String? {
        let n = bytes.count
        var i = 0
        while i < n, isSpace(bytes[i]) { i += 1 }
        guard i < n, bytes[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        var depth = 1
        var expectKey = true
        var keyIsID = false
        var valueIsID = false
        while i < n {
            let c = bytes[i]
            switch c {
            case quote:
                let start = i + 1
                var j = start
                var escaped = false
                while j < n {
                    let d = bytes[j]
                    if d == backslash {
                        escaped = true
                        j += 2
                    } else if d == quote {
                        break
                    } else {
                        j += 1
                    }
                }
                guard j < n else { return nil }
                if depth == 1 {
                    if expectKey {
                        keyIsID = decode(bytes, start, j, escaped) == "id"
                        expectKey = false
                    } else if valueIsID {
                        return decode(bytes, start, j, escaped)
                    }
                }
                i = j + 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if depth == 1 { valueIsID = false }
                depth += 1
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth <= 0 { return nil }
                i += 1
            case UInt8(ascii: ":"):
                if depth == 1 {
                    valueIsID = keyIsID
                    keyIsID = false
                }
                i += 1
            case UInt8(ascii: ","):
                if depth == 1 {
                    expectKey = true
                    valueIsID = false
                }
                i += 1
            default:
                if depth == 1, !isSpace(c) { valueIsID = false }
                i += 1
            }
        }
        return nil
    }

    private static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
    }

    /// The string between the quotes at `start - 1` and `end`, unescaping through JSONSerialization when needed.
    private static func decode(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int, _ escaped: Bool) -> String? {
        if !escaped {
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        let literal = Data(UnsafeRawBufferPointer(rebasing: bytes[(start - 1)...end]))
        return (try? JSONSerialization.jsonObject(with: literal, options: .fragmentsAllowed)) as? String
    }
}
