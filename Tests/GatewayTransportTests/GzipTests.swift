import Foundation
import GatewayTransport
import Testing

/// gzip through zlib: round trips, gzip(1) interop, multi-member input, and refusal of bad or oversized input.
@Suite struct GzipTests {
    static let text = Array(
        String(repeating: "ISA*00*          *00*          *ZZ*BUYERCO        *ZZ*SELLERCO       ~\n", count: 500).utf8)

    /// Runs `gzip` with `arguments`, feeding `input` on stdin, and returns its stdout.
    static func gzip(_ arguments: [String], input: [UInt8]) throws -> [UInt8] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gzip-test-\(UUID().uuidString)")
        try Data(input).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip"] + arguments + [file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return [UInt8](data)
    }

    @Test func roundTrip() throws {
        for input in [
            [], Array("hello world".utf8), Self.text, (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) },
        ] {
            let compressed = Gzip.compress(input)
            #expect(Gzip.isGzip(compressed))
            #expect(try Gzip.decompress(compressed, limit: input.count) == input)
        }
        #expect(!Gzip.isGzip(Self.text))
        #expect(!Gzip.isGzip([0x1f]))
    }

    @Test func interoperatesWithSystemGzip() throws {
        let fromTool = try Self.gzip(["-c"], input: Self.text)
        #expect(try Gzip.decompress(fromTool, limit: 1 << 20) == Self.text)
        let toTool = try Self.gzip(["-dc"], input: Gzip.compress(Self.text))
        #expect(toTool == Self.text)
    }

    @Test func multiMember() throws {
        let joined = Gzip.compress(Array("hello ".utf8)) + Gzip.compress([]) + Gzip.compress(Array("world".utf8))
        #expect(try Gzip.decompress(joined, limit: 100) == Array("hello world".utf8))
        // Zero padding after the last member is tolerated, as by gzip(1); other trailing bytes are not.
        #expect(try Gzip.decompress(joined + [0, 0, 0], limit: 100) == Array("hello world".utf8))
        #expect(throws: GzipError.self) { try Gzip.decompress(joined + Array("junk".utf8), limit: 100) }
        do {
            _ = try Gzip.decompress(joined + Array("junk".utf8), limit: 100)
        } catch {
            #expect(error.code == .trailingData)
            #expect(error.offset == joined.count)
        }
    }

    @Test func truncatedInputIsRefused() throws {
        let compressed = Gzip.compress(Self.text)
        for cut in [1, 5, 10, compressed.count / 2, compressed.count - 4, compressed.count - 1] {
            do {
                _ = try Gzip.decompress(Array(compressed[..<cut]), limit: 1 << 20)
                Issue.record("truncation at \(cut) of \(compressed.count) was accepted")
            } catch {
                #expect(error.code == .truncated, "cut at \(cut): \(error)")
            }
        }
        // A second member cut short is refused too.
        let two = compressed + compressed
        do {
            _ = try Gzip.decompress(Array(two.dropLast(3)), limit: 1 << 20)
            Issue.record("truncated second member was accepted")
        } catch {
            #expect(error.code == .truncated)
            #expect(error.message.contains("starts at byte \(compressed.count)"))
        }
    }

    @Test func corruptCRCIsRefused() throws {
        var compressed = Gzip.compress(Self.text)
        compressed[compressed.count - 8] ^= 0xff  // first byte of the CRC-32 trailer
        do {
            _ = try Gzip.decompress(compressed, limit: 1 << 20)
            Issue.record("a bad CRC was accepted")
        } catch {
            #expect(error.code == .corrupt)
            #expect(error.message.contains("incorrect data check"))
            #expect(error.offset != nil)
        }
        do {
            _ = try Gzip.decompress(Self.text, limit: 1 << 20)
            Issue.record("plain text was accepted")
        } catch {
            #expect(error.code == .notGzip)
            #expect(error.offset == 0)
        }
    }

    @Test func bombIsRefused() throws {
        let zeros = [UInt8](repeating: 0, count: 50_000_000)
        let compressed = Gzip.compress(zeros)
        #expect(compressed.count < 100_000)
        do {
            _ = try Gzip.decompress(compressed, limit: 1_000_000)
            Issue.record("50 MB of output was accepted under a 1 MB limit")
        } catch {
            #expect(error.code == .outputLimitExceeded)
            #expect(error.description.contains("1000000"))
        }
        // Exactly at the limit is fine.
        let small = Gzip.compress([UInt8](repeating: 0, count: 1_000_000))
        #expect(try Gzip.decompress(small, limit: 1_000_000).count == 1_000_000)
    }
}
