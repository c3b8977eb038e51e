import CZlib

/// Reads PKZIP archives through the central directory: stored and deflated members, no zip64, no encryption.
public enum Zip {
    /// True when `bytes` start like a zip archive: a local file header "PK\u{3}\u{4}", or "PK\u{5}\u{6}" (empty).
    public static func isZip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4b
            && ((bytes[2] == 3 && bytes[3] == 4) || (bytes[2] == 5 && bytes[3] == 6))
    }

    /// Every file member (directories skipped). Refuses a member name that is absolute, has a ".." path component,
    /// a backslash or a NUL (unsafeName); caps the total inflated size at `limit` bytes (tooLarge — checked while
    /// inflating, never trusting the header sizes) and the member count at `maxMembers`; verifies each member's
    /// CRC-32 and size against the central directory (corrupt).
    public static func extract(_ bytes: [UInt8], limit: Int, maxMembers: Int = 10_000) throws(ZipError) -> [ZipMember] {
        guard isZip(bytes) else { throw ZipError(.notZip, "input does not start with a zip signature (PK)") }
        let end = try endOfCentralDirectory(bytes)
        var members: [ZipMember] = []
        var total = 0
        var offset = end.directoryOffset
        for index in 0..<end.entryCount {
            let entry = try centralEntry(bytes, at: &offset, index: index)
            try checkName(entry.name, raw: entry.rawName)
            if entry.name.hasSuffix("/") { continue }
            guard members.count < maxMembers else {
                throw ZipError(.tooLarge, "the archive has more than \(maxMembers) members")
            }
            if entry.flags & 1 != 0 || entry.method == 99 {
                throw ZipError(.encrypted, "encrypted members are not supported", member: entry.name)
            }
            let data = try memberData(bytes, entry, directoryOffset: end.directoryOffset)
            let content: [UInt8]
            switch entry.method {
            case 0:
                guard data.count <= limit - total else { throw tooLarge(limit, entry.name) }
                content = Array(data)
            case 8:
                content = try inflateRaw(data, limit: limit - total, overall: limit, member: entry.name)
            default:
                throw ZipError(
                    .unsupported, "compression method \(entry.method) is not supported (only stored and deflate)",
                    member: entry.name)
            }
            total += content.count
            guard content.count == entry.size else {
                throw ZipError(
                    .corrupt, "size is \(content.count) bytes, the central directory says \(entry.size)",
                    member: entry.name)
            }
            let crc = content.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
            guard crc == entry.crc else {
                throw ZipError(.corrupt, "CRC-32 mismatch", member: entry.name)
            }
            members.append(ZipMember(name: entry.name, bytes: content))
        }
        if offset > end.directoryEnd {
            throw ZipError(.corrupt, "the central directory overruns its declared size")
        }
        return members
    }

    private struct EndRecord {
        var entryCount: Int
        var directoryOffset: Int
        var directoryEnd: Int
    }

    private struct CentralEntry {
        var flags: UInt16
        var method: UInt16
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var localHeaderOffset: Int
        var name: String
        var rawName: ArraySlice<UInt8>
    }

    private static func u16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ i: Int) -> Int { u16(b, i) | u16(b, i + 2) << 16 }

    private static func tooLarge(_ limit: Int, _ member: String) -> ZipError {
        ZipError(.tooLarge, "the extracted content exceeds the limit of \(limit) bytes", member: member)
    }

    /// Finds the end-of-central-directory record, searching backwards over a comment of up to 65 535 bytes.
    private static func endOfCentralDirectory(_ b: [UInt8]) throws(ZipError) -> EndRecord {
        let fixed = 22
        guard b.count >= fixed else { throw ZipError(.corrupt, "the archive is truncated (no end record)") }
        var position = b.count - fixed
        let lowest = max(0, b.count - fixed - 0xFFFF)
        while position >= lowest {
            if u32(b, position) == 0x0605_4b50 && position + fixed + u16(b, position + 20) <= b.count { break }
            position -= 1
        }
        guard position >= lowest else {
            throw ZipError(.corrupt, "no end-of-central-directory record (the archive is truncated?)")
        }
        let count = u16(b, position + 10)
        let size = u32(b, position + 12)
        let start = u32(b, position + 16)
        let zip64Locator = position >= 20 && u32(b, position - 20) == 0x0706_4b50
        if zip64Locator || count == 0xFFFF || size == 0xFFFF_FFFF || start == 0xFFFF_FFFF {
            throw ZipError(.unsupported, "zip64 archives are not supported")
        }
        if u16(b, position + 4) != 0 || u16(b, position + 6) != 0 || u16(b, position + 8) != count {
            throw ZipError(.unsupported, "multi-disk archives are not supported")
        }
        guard start + size <= position else {
            throw ZipError(.corrupt, "the central directory lies outside the archive (truncated?)")
        }
        return EndRecord(entryCount: count, directoryOffset: start, directoryEnd: start + size)
    }

    private static func centralEntry(_ b: [UInt8], at offset: inout Int, index: Int) throws(ZipError) -> CentralEntry {
        let fixed = 46
        guard offset + fixed <= b.count, u32(b, offset) == 0x0201_4b50 else {
            throw ZipError(.corrupt, "central directory entry \(index + 1) is missing or damaged")
        }
        let nameLength = u16(b, offset + 28)
        let variable = nameLength + u16(b, offset + 30) + u16(b, offset + 32)
        guard offset + fixed + variable <= b.count else {
            throw ZipError(.corrupt, "central directory entry \(index + 1) is truncated")
        }
        let rawName = b[(offset + fixed)..<(offset + fixed + nameLength)]
        let entry = CentralEntry(
            flags: UInt16(u16(b, offset + 8)), method: UInt16(u16(b, offset + 10)), crc: UInt32(u32(b, offset + 16)),
            compressedSize: u32(b, offset + 20), size: u32(b, offset + 24), localHeaderOffset: u32(b, offset + 42),
            name: decodeName(rawName), rawName: rawName)
        offset += fixed + variable
        return entry
    }

    /// UTF-8 when valid (flag bit 11 or plain ASCII), otherwise each byte as the Latin-1 character.
    private static func decodeName(_ raw: ArraySlice<UInt8>) -> String {
        if let text = String(validating: raw, as: UTF8.self) { return text }
        return String(String.UnicodeScalarView(raw.map { Unicode.Scalar($0) }))
    }

    private static func checkName(_ name: String, raw: ArraySlice<UInt8>) throws(ZipError) {
        func refuse(_ why: String) -> ZipError { ZipError(.unsafeName, "unsafe member name: \(why)", member: name) }
        if raw.isEmpty { throw refuse("empty") }
        if raw.contains(0) { throw refuse("contains a NUL byte") }
        if raw.contains(UInt8(ascii: "\\")) { throw refuse("contains a backslash") }
        if raw.first == UInt8(ascii: "/") { throw refuse("absolute path") }
        let scalars = Array(name.unicodeScalars.prefix(2))
        if scalars.count == 2 && scalars[1] == ":" && scalars[0].properties.isAlphabetic {
            throw refuse("drive letter")
        }
        if name.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
            throw refuse("contains a \"..\" component")
        }
    }

    /// The compressed bytes of `entry`, located through its local file header.
    private static func memberData(
        _ b: [UInt8], _ entry: CentralEntry, directoryOffset: Int
    ) throws(ZipError) -> ArraySlice<UInt8> {
        let header = entry.localHeaderOffset
        guard header + 30 <= directoryOffset, u32(b, header) == 0x0403_4b50 else {
            throw ZipError(.corrupt, "the local file header is missing or damaged", member: entry.name)
        }
        let start = header + 30 + u16(b, header + 26) + u16(b, header + 28)
        guard start + entry.compressedSize <= directoryOffset else {
            throw ZipError(.corrupt, "the member data runs past the central directory", member: entry.name)
        }
        return b[start..<(start + entry.compressedSize)]
    }

    /// Inflates raw deflate `data`, refusing output beyond `limit` bytes as soon as it is produced.
    private static func inflateRaw(
        _ data: ArraySlice<UInt8>, limit: Int, overall: Int, member: String
    ) throws(ZipError) -> [UInt8] {
        var stream = z_stream()
        let initStatus = czlib_inflate_init2(&stream, -15)
        guard initStatus == Z_OK else {
            throw ZipError(.corrupt, "inflateInit2 failed (\(initStatus))", member: member)
        }
        defer { inflateEnd(&stream) }
        let chunkSize = 64 * 1024
        let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        defer { chunk.deallocate() }
        var output: [UInt8] = []
        let result: Result<[UInt8], ZipError> = data.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                stream.next_out = chunk
                stream.avail_out = uInt(chunkSize)
                let status = inflate(&stream, Z_NO_FLUSH)
                let produced = chunkSize - Int(stream.avail_out)
                if produced > limit - output.count { return .failure(tooLarge(overall, member)) }
                output.append(contentsOf: UnsafeBufferPointer(start: chunk, count: produced))
                switch status {
                case Z_STREAM_END:
                    return .success(output)
                case Z_OK:
                    continue
                case Z_BUF_ERROR:
                    return .failure(ZipError(.corrupt, "the deflate data is truncated", member: member))
                default:
                    let reason = stream.msg.map { String(cString: $0) } ?? "inflate failed (\(status))"
                    return .failure(ZipError(.corrupt, "bad deflate data: \(reason)", member: member))
                }
            }
        }
        return try result.get()
    }
}
