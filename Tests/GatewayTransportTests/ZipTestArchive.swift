import Foundation
import GatewayTransport

/// A minimal zip writer for tests: stored or deflated members (raw deflate and CRC-32 taken from `Gzip.compress`),
/// with knobs to write wrong headers.
struct ZipTestArchive {
    struct Member {
        var name: String
        var bytes: [UInt8]
        var deflate = false
        var flags: UInt16 = 0
        /// Written to the central directory instead of the real CRC-32 / size when set.
        var crcOverride: UInt32? = nil
        var sizeOverride: Int? = nil
    }

    static func build(_ members: [Member], comment: [UInt8] = []) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for member in members {
            let gzip = Gzip.compress(member.bytes)
            let crc =
                UInt32(gzip[gzip.count - 8]) | UInt32(gzip[gzip.count - 7]) << 8
                | UInt32(gzip[gzip.count - 6]) << 16 | UInt32(gzip[gzip.count - 5]) << 24
            let data = member.deflate ? Array(gzip[10..<(gzip.count - 8)]) : member.bytes
            let name = Array(member.name.utf8)
            let method: UInt16 = member.deflate ? 8 : 0
            let offset = out.count
            let writtenCRC = member.crcOverride ?? crc
            let writtenSize = member.sizeOverride ?? member.bytes.count

            out += le32(0x0403_4b50) + le16(20) + le16(member.flags) + le16(method) + le16(0) + le16(0x21)
            out += le32(writtenCRC) + le32(data.count) + le32(writtenSize) + le16(name.count) + le16(0)
            out += name + data

            central += le32(0x0201_4b50) + le16(0x031e) + le16(20) + le16(member.flags) + le16(method)
            central += le16(0) + le16(0x21) + le32(writtenCRC) + le32(data.count) + le32(writtenSize)
            central += le16(name.count) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + name
        }
        let centralOffset = out.count
        out += central
        out += le32(0x0605_4b50) + le16(0) + le16(0) + le16(members.count) + le16(members.count)
        out += le32(central.count) + le32(centralOffset) + le16(comment.count) + comment
        return out
    }

    static func le16<T: BinaryInteger>(_ value: T) -> [UInt8] {
        let v = UInt16(truncatingIfNeeded: value)
        return [UInt8(v & 0xff), UInt8(v >> 8)]
    }

    static func le32<T: BinaryInteger>(_ value: T) -> [UInt8] {
        let v = UInt32(truncatingIfNeeded: value)
        return [UInt8(v & 0xff), UInt8((v >> 8) & 0xff), UInt8((v >> 16) & 0xff), UInt8(v >> 24)]
    }
}
