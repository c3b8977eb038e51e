import CZlib

/// Why gzip input was refused.
public struct GzipError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The input does not start with the gzip magic bytes 1f 8b.
        case notGzip = "gzip.not_gzip"
        /// The input ends inside a member (header, deflate data or trailer).
        case truncated = "gzip.truncated"
        /// The deflate data, a header or a trailer (CRC-32 or length) is wrong.
        case corrupt = "gzip.corrupt"
        /// Bytes other than gzip members (or zero padding) follow the last member.
        case trailingData = "gzip.trailing_data"
        /// The decompressed output would exceed the caller's limit (zip-bomb guard).
        case outputLimitExceeded = "gzip.output_limit_exceeded"
        /// zlib could not allocate memory or failed internally.
        case zlib = "gzip.zlib_error"
    }

    public let code: Code
    public let message: String
    /// Offset in the compressed input where the problem was seen, when known.
    public let offset: Int?

    public init(_ code: Code, _ message: String, offset: Int?) {
        self.code = code
        self.message = message
        self.offset = offset
    }

    public var description: String {
        let at = offset.map { " at byte \($0)" } ?? ""
        return "\(code.rawValue)\(at): \(message)"
    }
}

/// gzip (RFC 1952) through zlib; multi-member input, refuses truncated or corrupt input and bombs.
public enum Gzip {
    /// True when `bytes` start with the gzip magic bytes 1f 8b.
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    private static let chunkSize = 64 * 1024
    /// zlib's `avail_in` is 32 bits; larger inputs are fed in slices.
    private static let maxFeed = Int(UInt32.max)

    /// Decompresses every member of `bytes`; refuses truncated or corrupt input and output beyond `limit` bytes.
    public static func decompress(_ bytes: [UInt8], limit: Int) throws(GzipError) -> [UInt8] {
        guard isGzip(bytes) else {
            if bytes.count < 2, bytes.first ?? 0x1f == 0x1f {
                throw GzipError(.truncated, "input ends before the gzip header", offset: bytes.count)
            }
            throw GzipError(.notGzip, "input does not start with the gzip magic bytes 1f 8b", offset: 0)
        }
        let result: Result<[UInt8], GzipError> = bytes.withUnsafeBufferPointer { input in
            inflateAll(input, limit: limit)
        }
        return try result.get()
    }

    private static func inflateAll(_ input: UnsafeBufferPointer<UInt8>, limit: Int) -> Result<[UInt8], GzipError> {
        guard let base = input.baseAddress else {
            return .failure(GzipError(.truncated, "empty input", offset: 0))
        }
        var stream = z_stream()
        let initStatus = czlib_inflate_init2(&stream, 15 + 16)
        guard initStatus == Z_OK else {
            return .failure(GzipError(.zlib, "inflateInit2 failed (\(initStatus))", offset: nil))
        }
        defer { inflateEnd(&stream) }

        let count = input.count
        var fed = 0
        var memberStart = 0
        var output: [UInt8] = []
        let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        defer { chunk.deallocate() }

        while true {
            if stream.avail_in == 0 && fed < count {
                let n = min(count - fed, maxFeed)
                stream.next_in = UnsafeMutablePointer(mutating: base + fed)
                stream.avail_in = uInt(n)
                fed += n
            }
            stream.next_out = chunk
            stream.avail_out = uInt(chunkSize)
            let status = inflate(&stream, Z_NO_FLUSH)
            let produced = chunkSize - Int(stream.avail_out)
            let offset = fed - Int(stream.avail_in)
            if produced > 0 {
                if produced > limit - output.count {
                    return .failure(
                        GzipError(
                            .outputLimitExceeded, "decompressed output exceeds the limit of \(limit) bytes",
                            offset: offset))
                }
                output.append(contentsOf: UnsafeBufferPointer(start: chunk, count: produced))
            }
            switch status {
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                // No progress possible: with fresh output space that means the input ran out.
                if fed < count { continue }
                return .failure(
                    GzipError(
                        .truncated, "input ends inside the gzip member that starts at byte \(memberStart)",
                        offset: count))
            case Z_STREAM_END:
                if offset == count { return .success(output) }
                let rest = UnsafeBufferPointer(rebasing: input[offset...])
                if rest.allSatisfy({ $0 == 0 }) { return .success(output) }  // zero padding, as gzip(1) allows
                let magic: [UInt8] = [0x1f, 0x8b]
                if !rest.starts(with: magic) && !magic.starts(with: rest) {
                    return .failure(
                        GzipError(.trailingData, "data after the last gzip member is not gzip", offset: offset))
                }
                memberStart = offset
                let resetStatus = inflateReset(&stream)
                guard resetStatus == Z_OK else {
                    return .failure(GzipError(.zlib, "inflateReset failed (\(resetStatus))", offset: offset))
                }
            case Z_DATA_ERROR, Z_NEED_DICT:
                let reason = stream.msg.map { String(cString: $0) } ?? "invalid data"
                return .failure(
                    GzipError(
                        .corrupt, "\(reason) in the gzip member that starts at byte \(memberStart)", offset: offset))
            case Z_MEM_ERROR:
                return .failure(GzipError(.zlib, "zlib ran out of memory", offset: offset))
            default:
                return .failure(GzipError(.zlib, "inflate failed (\(status))", offset: offset))
            }
        }
    }

    /// Compresses `bytes` into one gzip member (default level).
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        let initStatus = czlib_deflate_init2(&stream, Z_DEFAULT_COMPRESSION, 15 + 16, 8, Z_DEFAULT_STRATEGY)
        precondition(initStatus == Z_OK, "deflateInit2 failed (\(initStatus))")
        defer { deflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(Int(deflateBound(&stream, uLong(bytes.count))))
        let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        defer { chunk.deallocate() }

        bytes.withUnsafeBufferPointer { input in
            var fed = 0
            while true {
                if stream.avail_in == 0 && fed < input.count, let base = input.baseAddress {
                    let n = min(input.count - fed, maxFeed)
                    stream.next_in = UnsafeMutablePointer(mutating: base + fed)
                    stream.avail_in = uInt(n)
                    fed += n
                }
                let flush = fed == input.count ? Z_FINISH : Z_NO_FLUSH
                stream.next_out = chunk
                stream.avail_out = uInt(chunkSize)
                let status = deflate(&stream, flush)
                output.append(contentsOf: UnsafeBufferPointer(start: chunk, count: chunkSize - Int(stream.avail_out)))
                if status == Z_STREAM_END { return }
                precondition(status == Z_OK || status == Z_BUF_ERROR, "deflate failed (\(status))")
            }
        }
        return output
    }
}
