import Foundation
import GatewayTransport
import Testing

@Suite struct ZipTests {
    typealias Member = ZipTestArchive.Member
    static let text = Array(String(repeating: "UNH+1+ORDERS:D:96A:UN'\nBGM+220+PO1+9'\n", count: 300).utf8)

    static func code(_ body: () throws(ZipError) -> [ZipMember]) -> ZipError.Code? {
        do {
            _ = try body()
            return nil
        } catch {
            return error.code
        }
    }

    @Test func storedAndDeflatedMembers() throws {
        let archive = ZipTestArchive.build(
            [
                Member(name: "a.edi", bytes: Array("hello".utf8)),
                Member(name: "dir/", bytes: []),
                Member(name: "dir/b.edi", bytes: Self.text, deflate: true),
                Member(name: "empty.edi", bytes: [], deflate: true),
            ], comment: Array("a comment with PK in it".utf8))
        #expect(Zip.isZip(archive))
        let members = try Zip.extract(archive, limit: 1 << 20)
        #expect(members.map(\.name) == ["a.edi", "dir/b.edi", "empty.edi"])
        #expect(members[0].bytes == Array("hello".utf8))
        #expect(members[1].bytes == Self.text)
        #expect(members[2].bytes.isEmpty)
    }

    @Test func emptyArchive() throws {
        let archive = ZipTestArchive.build([])
        #expect(Zip.isZip(archive))
        #expect(try Zip.extract(archive, limit: 10).isEmpty)
    }

    @Test func readsArchivesWrittenByPython() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w") as z:
                z.writestr("stored.edi", "UNA:+.? '", compress_type=zipfile.ZIP_STORED)
                z.writestr("deflated.edi", "ISA*00~" * 1000, compress_type=zipfile.ZIP_DEFLATED)
                z.writestr(zipfile.ZipInfo("folder/"), "")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, dir.file("p.zip")]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let members = try Zip.extract(try AtomicFile.read(dir.file("p.zip")), limit: 1 << 20)
        #expect(members.map(\.name) == ["stored.edi", "deflated.edi"])
        #expect(members[0].bytes == Array("UNA:+.? '".utf8))
        #expect(members[1].bytes == Array(String(repeating: "ISA*00~", count: 1000).utf8))
    }

    @Test func unsafeNamesAreRefused() {
        for name in ["../evil.edi", "/etc/passwd", "a/../../b", "a\\b.edi", "nul\u{0}.edi", "C:/x.edi", "..", "../"] {
            let archive = ZipTestArchive.build([Member(name: name, bytes: [1])])
            #expect(Self.code { () throws(ZipError) in try Zip.extract(archive, limit: 100) } == .unsafeName, "\(name)")
        }
        let fine = ZipTestArchive.build([Member(name: "a..b.edi", bytes: [1])])
        #expect(Self.code { () throws(ZipError) in try Zip.extract(fine, limit: 100) } == nil)
    }

    @Test func zipBombIsRefused() {
        let zeros = [UInt8](repeating: 0, count: 50 << 20)
        let honest = ZipTestArchive.build([Member(name: "bomb.edi", bytes: zeros, deflate: true)])
        #expect(honest.count < 1 << 20)
        #expect(Self.code { () throws(ZipError) in try Zip.extract(honest, limit: 1 << 20) } == .tooLarge)
        // The header lies about the size: the limit still holds while inflating.
        let lying = ZipTestArchive.build([Member(name: "bomb.edi", bytes: zeros, deflate: true, sizeOverride: 10)])
        #expect(Self.code { () throws(ZipError) in try Zip.extract(lying, limit: 1 << 20) } == .tooLarge)
        // The limit is on the total, across members.
        let many = ZipTestArchive.build((0..<3).map { Member(name: "m\($0)", bytes: Self.text, deflate: true) })
        #expect(Self.code { () throws(ZipError) in try Zip.extract(many, limit: Self.text.count * 2) } == .tooLarge)
        #expect(Self.code { () throws(ZipError) in try Zip.extract(many, limit: Self.text.count * 3) } == nil)
        #expect(Self.code { () throws(ZipError) in try Zip.extract(many, limit: 1 << 20, maxMembers: 2) } == .tooLarge)
    }

    @Test func corruptArchivesAreRefused() {
        let badCRC = ZipTestArchive.build([Member(name: "a.edi", bytes: Self.text, deflate: true, crcOverride: 1)])
        #expect(Self.code { () throws(ZipError) in try Zip.extract(badCRC, limit: 1 << 20) } == .corrupt)
        let badSize = ZipTestArchive.build([Member(name: "a.edi", bytes: [1, 2, 3], sizeOverride: 2)])
        #expect(Self.code { () throws(ZipError) in try Zip.extract(badSize, limit: 1 << 20) } == .corrupt)

        let good = ZipTestArchive.build([Member(name: "a.edi", bytes: Self.text, deflate: true)])
        for cut in [good.count - 1, good.count - 30, good.count / 2, 10, 4] {
            let truncated = Array(good.prefix(cut))
            #expect(Self.code { () throws(ZipError) in try Zip.extract(truncated, limit: 1 << 20) } == .corrupt)
        }
        var flipped = good
        flipped[40] ^= 0xff  // inside the deflate data
        #expect(Self.code { () throws(ZipError) in try Zip.extract(flipped, limit: 1 << 20) } == .corrupt)
    }

    @Test func unsupportedAndEncryptedMembers() {
        let encrypted = ZipTestArchive.build([Member(name: "a.edi", bytes: [1], flags: 1)])
        #expect(Self.code { () throws(ZipError) in try Zip.extract(encrypted, limit: 100) } == .encrypted)
        var bzip2 = ZipTestArchive.build([Member(name: "a.edi", bytes: [1])])
        let central = bzip2.count - 22 - (46 + 5)
        bzip2[central + 10] = 12
        bzip2[8] = 12
        #expect(Self.code { () throws(ZipError) in try Zip.extract(bzip2, limit: 100) } == .unsupported)
    }

    @Test func notAZip() {
        #expect(!Zip.isZip(Array("UNA:+.? 'UNB+UNOC:3".utf8)))
        #expect(!Zip.isZip([]))
        #expect(!Zip.isZip(Gzip.compress(Self.text)))
        #expect(Self.code { () throws(ZipError) in try Zip.extract(Array("ISA*00*".utf8), limit: 100) } == .notZip)
        #expect(Self.code { () throws(ZipError) in try Zip.extract([], limit: 100) } == .notZip)
        let error = ZipError(.unsafeName, "unsafe member name: absolute path", member: "/etc/passwd")
        #expect(error.description == "zip.unsafe_name: unsafe member name: absolute path (member /etc/passwd)")
    }
}
