#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import CLibSSH
import Foundation

/// Transfers: the pipelined download and the upload through a temporary name (see `SFTPClient`).
extension SFTPConnection {
    /// Pipelined download into `localPath` through `<localPath>.part`; see `SFTPClient.download`.
    func download(_ remotePath: String, to localPath: String) throws(SFTPError) -> Int64 {
        let partPath = localPath + ".part"
        do {
            return try guarded { (sftp) throws(SFTPError) in
                try downloadFile(sftp, remotePath, localPath: localPath, partPath: partPath)
            }
        } catch {
            _ = unlink(partPath)
            throw error
        }
    }

    private func downloadFile(_ sftp: sftp_session, _ remotePath: String, localPath: String, partPath: String)
        throws(SFTPError) -> Int64
    {
        guard let file = sftp_open(sftp, remotePath, O_RDONLY, 0) else {
            throw failure("open for reading", path: remotePath)
        }
        defer { sftp_close(file) }
        guard let attributes = sftp_fstat(file) else { throw failure("stat", path: remotePath) }
        let expected = Int64(attributes.pointee.size)
        let isRegular = attributes.pointee.type == UInt8(SSH_FILEXFER_TYPE_REGULAR)
        sftp_attributes_free(attributes)
        guard isRegular else {
            throw SFTPError(
                code: .protocolError, message: "\(endpoint.label): \(remotePath) is not a regular file",
                path: remotePath)
        }

        let fd: Int32
        do {
            try SpoolDirectory.ensureDirectory(splitPath(localPath).directory)
            fd = try posixOpen(partPath, O_WRONLY | O_CREAT | O_TRUNC, 0o640)
        } catch {
            throw localFailure(error, path: partPath)
        }
        var fdOpen = true
        defer { if fdOpen { posixClose(fd) } }

        let total = try pipelinedRead(file, remotePath: remotePath, expected: expected, into: fd, partPath: partPath)

        guard total == expected else {
            throw SFTPError(
                code: .sizeMismatch,
                message:
                    "\(endpoint.label): \(remotePath) changed while downloading: read \(total) bytes, the server "
                    + "reported \(expected)", path: remotePath)
        }
        if let after = sftp_fstat(file) {
            let size = Int64(after.pointee.size)
            sftp_attributes_free(after)
            guard size == total else {
                throw SFTPError(
                    code: .sizeMismatch,
                    message:
                        "\(endpoint.label): \(remotePath) changed while downloading: read \(total) bytes, it now "
                        + "has \(size)", path: remotePath)
            }
        } else {
            throw failure("stat", path: remotePath)
        }
        do {
            try posixFsync(fd, path: partPath)
            fdOpen = false
            posixClose(fd)
            try AtomicFile.move(partPath, to: localPath)
        } catch {
            throw localFailure(error, path: localPath)
        }
        return total
    }

    /// Keeps up to `readRequestsInFlight` read requests of `readChunk` bytes outstanding, writes each answer at its
    /// offset (`pwrite`), stops at end of file. Returns the byte count. Each request's offset is set explicitly
    /// (`sftp_seek64` before `sftp_async_read_begin`), because 0.10's `sftp_async_read` moves the shared file offset
    /// back on a short read; a short read in the middle is re-requested for the missing part.
    private func pipelinedRead(
        _ file: sftp_file, remotePath: String, expected: Int64, into fd: Int32, partPath: String
    ) throws(SFTPError) -> Int64 {
        struct Request {
            var id: UInt32
            var offset: UInt64
            var length: UInt32
        }
        let chunk = Self.readChunk
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var inFlight: [Request] = []
        inFlight.reserveCapacity(Self.readRequestsInFlight)
        var head = 0  // index of the oldest request in `inFlight`
        var gaps: [(offset: UInt64, length: UInt32)] = []
        var nextOffset: UInt64 = 0
        // Requests go past the size seen at open by one chunk at most: its empty answer confirms the end.
        let limit = UInt64(max(expected, 0))
        var endOfFile: UInt64?
        var total: Int64 = 0

        func issue(_ offset: UInt64, _ length: UInt32) throws(SFTPError) {
            _ = sftp_seek64(file, offset)
            let id = sftp_async_read_begin(file, length)
            guard id >= 0 else { throw failure("read", path: remotePath) }
            inFlight.append(Request(id: UInt32(id), offset: offset, length: length))
        }

        while true {
            // Fill the pipeline.
            while inFlight.count - head < Self.readRequestsInFlight {
                if let gap = gaps.popLast() {
                    try issue(gap.offset, gap.length)
                } else if endOfFile == nil && nextOffset <= limit {
                    try issue(nextOffset, UInt32(chunk))
                    nextOffset += UInt64(chunk)
                } else {
                    break
                }
            }
            if head == inFlight.count { break }
            let request = inFlight[head]
            head += 1
            if head > 64 {
                inFlight.removeFirst(head)
                head = 0
            }
            // 0.10 answers 0 without reading when an earlier reply set the file's eof flag; every reply must be
            // consumed, so clear it.
            file.pointee.eof = 0
            let n = sftp_async_read(file, buffer.baseAddress, request.length, request.id)
            if n < 0 { throw failure("read", path: remotePath) }
            watchdog.touch()
            if n == 0 {
                endOfFile = min(endOfFile ?? request.offset, request.offset)
                continue
            }
            progressed = true
            var written = 0
            while written < Int(n) {
                let w = pwrite(
                    fd, buffer.baseAddress! + written, Int(n) - written, off_t(request.offset) + off_t(written))
                if w < 0 {
                    if errno == EINTR { continue }
                    throw localFailure(FileSystemError.last("write", partPath), path: partPath)
                }
                written += w
            }
            total += Int64(n)
            if UInt32(n) < request.length {
                let end = request.offset + UInt64(n)
                if end == limit {
                    // A short read ending exactly at the size seen at open is the end of the file (one round trip
                    // saved per small file); had the file grown, the size check after the loop reports it.
                    endOfFile = min(endOfFile ?? end, end)
                } else {
                    gaps.append((end, request.length - UInt32(n)))
                }
            }
        }
        return total
    }

    /// Uploads through `temporaryPath`, checks the size, renames over `remotePath`.
    func upload(_ bytes: [UInt8], to remotePath: String, temporaryPath: String) throws(SFTPError) {
        try guarded { (sftp) throws(SFTPError) in
            guard let file = sftp_open(sftp, temporaryPath, O_WRONLY | O_CREAT | O_TRUNC, 0o640) else {
                throw failure("open for writing", path: temporaryPath)
            }
            var fileOpen = true
            defer { if fileOpen { sftp_close(file) } }
            var offset = 0
            while offset < bytes.count {
                let length = min(Self.writeChunk, bytes.count - offset)
                let n = bytes.withUnsafeBytes { sftp_write(file, $0.baseAddress! + offset, length) }
                guard n == length else { throw failure("write", path: temporaryPath) }
                offset += length
                progressed = true
                watchdog.touch()
            }
            fileOpen = false
            guard sftp_close(file) == SSH_OK else { throw failure("close", path: temporaryPath) }
            guard let attributes = sftp_stat(sftp, temporaryPath) else { throw failure("stat", path: temporaryPath) }
            let size = Int64(attributes.pointee.size)
            sftp_attributes_free(attributes)
            guard size == Int64(bytes.count) else {
                _ = sftp_unlink(sftp, temporaryPath)
                throw SFTPError(
                    code: .sizeMismatch,
                    message:
                        "\(endpoint.label): \(temporaryPath) has \(size) bytes after writing \(bytes.count); not "
                        + "renaming it to \(remotePath)", path: temporaryPath)
            }
        }
        try rename(temporaryPath, to: remotePath)
    }

    /// Best-effort removal of a temporary upload after a failure (only when the session still works).
    func discard(_ path: String) {
        guard isUsable, let sftp else { return }
        watchdog.arm(endpoint.operationTimeout)
        defer { watchdog.disarm() }
        _ = sftp_unlink(sftp, path)
    }
}
