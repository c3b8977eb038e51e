import Foundation
import Testing

/// The `edigate` binary end to end: output format, exit codes, and no payload values without `--show-data`.
@Suite struct CLITests {
    /// The built `edigate` next to the test bundle.
    static let binary: URL = {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return products.appendingPathComponent("edigate")
    }()

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs the binary to its end. Output goes through temporary files, not pipes: a chatty stderr can never
    /// fill a pipe buffer and stall the child while stdout is being read.
    static func run(_ arguments: [String]) throws -> Run {
        try runTool(binary.path, arguments)
    }

    /// Runs any executable to its end (output through temporary files).
    static func runTool(_ executable: String, _ arguments: [String]) throws -> Run {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("edigate-run-\(UUID().uuidString)")
        let outURL = base.appendingPathExtension("out")
        let errURL = base.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    static func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("edigate-cli-\(UUID().uuidString).edi")
            .path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let order = """
        ISA*00*          *00*          *ZZ*BUYERCO        *ZZ*SELLERCO       *240310*0915*U*00401*000000101*0*P*>~
        GS*PO*BUYERCO*SELLERCO*20240310*0915*101*X*004010~
        ST*850*0001~
        BEG*00*SA*PO4500012345**20240310~
        DTM*002*20240231~
        PO1*1*10*EA*12.5*PE*UP*012345678905*VN*WID-100~
        CTT*1~
        SE*6*0001~
        GE*1*101~
        IEA*1*000000101~

        """

    @Test func validateListsLocatedFindingsWithoutPayload() throws {
        let file = try Self.temporaryFile(Self.order)
        let result = try Self.run(["validate", file])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\(file): segment 5 (DTM) element 2: element.invalid_date"))
        #expect(!result.stdout.contains("20240231"), "no payload value without --show-data")
        let shown = try Self.run(["validate", file, "--show-data"])
        #expect(shown.stdout.contains("20240231"))
    }

    @Test func validateJSONAndExitCodes() throws {
        let clean = try Self.temporaryFile(Self.order.replacingOccurrences(of: "20240231", with: "20240229"))
        let result = try Self.run(["validate", clean, "--json"])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(json?["status"] as? String == "clean")
        #expect((json?["findings"] as? [Any])?.isEmpty == true)
        let notEDI = try Self.temporaryFile("hello, this is not EDI\n")
        #expect(try Self.run(["validate", notEDI]).status == 2)
        #expect(try Self.run(["validate", "/nonexistent/file.edi"]).status == 2)
    }

    @Test func ackPrintsThe997() throws {
        let file = try Self.temporaryFile(Self.order)
        let result = try Self.run([
            "ack", file, "--kind", "997", "--date", "20240310", "--time", "0916", "--interchange-number", "5000",
            "--group-number", "5000",
        ])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.first?.hasPrefix(
                "ISA*00*          *00*          *ZZ*SELLERCO       *ZZ*BUYERCO        *240310*0916*U*00401*000005000*0*P*>~"
            ) == true)
        #expect(lines.contains("AK3*DTM*3**8~"))
        #expect(lines.contains("AK4*2*373*8*20240231~"))
        #expect(lines.contains("AK5*R*5~"))
        #expect(lines.contains("AK9*R*1*1*0~"))
    }

    @Test func parseSummaryAndJSONTree() throws {
        let file = try Self.temporaryFile(Self.order)
        let summary = try Self.run(["parse", file])
        #expect(summary.stdout.contains("X12 interchange 000000101 from ZZ/BUYERCO to ZZ/SELLERCO"))
        #expect(summary.stdout.contains("850 0001: 6 segments"))
        let tree = try Self.run(["parse", file, "--json"])
        let json = try JSONSerialization.jsonObject(with: Data(tree.stdout.utf8)) as? [String: Any]
        let interchanges = json?["interchanges"] as? [[String: Any]]
        #expect(interchanges?.count == 1)
        #expect(!tree.stdout.contains("PO4500012345"), "segments only with --show-data")
    }

    @Test func translateWritesOneJSONLinePerEvent() throws {
        let clean = try Self.temporaryFile(Self.order.replacingOccurrences(of: "20240231", with: "20240229"))
        let result = try Self.run(["translate", clean, "--partner", "buyerco", "--time", "2024-03-10T09:16:00Z"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let event = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(event?["type"] as? String == "edigate.order.v1")
        #expect(event?["subject"] as? String == "PO4500012345")
        #expect(event?["source"] as? String == "edigate:buyerco")
        #expect(event?["time"] as? String == "2024-03-10T09:16:00Z")
        let data = event?["data"] as? [String: Any]
        #expect(data?["orderDate"] as? String == "2024-03-10")
        #expect(data?["requestedDeliveryDate"] as? String == "2024-02-29")
        #expect((data?["lines"] as? [Any])?.count == 1)
        // The same file gives the same event id.
        let again = try Self.run(["translate", clean, "--partner", "buyerco", "--time", "2024-03-10T09:16:00Z"])
        #expect(again.stdout == result.stdout)
        // A set that fails validation gives no event, and says so on stderr.
        let bad = try Self.temporaryFile(Self.order)
        let rejected = try Self.run(["translate", bad])
        #expect(rejected.status == 1 && rejected.stdout.isEmpty)
        #expect(rejected.stderr.contains("mapping.set_rejected"))
    }
}

extension CLITests {
    /// gzip of `path` by the system tool, written next to it as `path.gz`.
    static func gzipFile(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-k", "-f", path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return path + ".gz"
    }

    @Test func translateReadsGzipByContent() throws {
        let clean = try Self.temporaryFile(Self.order.replacingOccurrences(of: "20240231", with: "20240229"))
        let arguments = ["--partner", "buyerco", "--time", "2024-03-10T09:16:00Z"]
        let plain = try Self.run(["translate", clean] + arguments)
        let gzipped = try Self.gzipFile(clean)
        // Detected by the magic bytes, not the name.
        let renamed = clean + ".edi"
        try FileManager.default.copyItem(atPath: gzipped, toPath: renamed)
        for file in [gzipped, renamed] {
            let result = try Self.run(["translate", file] + arguments)
            #expect(result.status == 0)
            #expect(result.stdout == plain.stdout)
        }
        // A truncated .gz is refused with status 2 and a clear message.
        let data = try Data(contentsOf: URL(fileURLWithPath: gzipped))
        let truncated = gzipped + ".cut.gz"
        try data.prefix(data.count - 6).write(to: URL(fileURLWithPath: truncated))
        let refused = try Self.run(["translate", truncated] + arguments)
        #expect(refused.status == 2)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("gzip.truncated"))
    }
}

extension CLITests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func translateUsesAPartnerMapForItsXMLDialect() throws {
        let sample = Self.repository.appendingPathComponent("Samples/xml-maps/acme-purchase-order.xml").path
        let map = Self.repository.appendingPathComponent("Samples/xml-maps/acme-purchase-order.map.yaml").path
        let mapped = try Self.run([
            "translate", sample, "--map", map, "--partner", "acme", "--time", "2024-03-10T09:16:00Z",
        ])
        #expect(mapped.status == 0)
        let event = try JSONSerialization.jsonObject(with: Data(mapped.stdout.utf8)) as? [String: Any]
        #expect(event?["type"] as? String == "edigate.order.v1")
        #expect(event?["edistandard"] as? String == "XML")
        // Without the map the dialect is not a document edigate knows.
        let unmapped = try Self.run(["translate", sample])
        #expect(unmapped.status == 1 && unmapped.stdout.isEmpty)
        #expect(unmapped.stderr.contains("mapping.unsupported_type"))
    }
}

extension CLITests {
    @Test func partnersCheckDryRunsTheShippedPartners() throws {
        let partners = Self.repository.appendingPathComponent("Partners").path
        let result = try Self.run(["partners", "check", partners, "--time", "2024-04-10T12:00:00Z"])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        for expected in [
            "acme-retail: Acme Retail Stores: ok",
            "acme-retail: samples/850-order.edi: route: sender ZZ/ACMERETAIL -> acme-retail",
            "acme-retail: samples/850-order.edi: event: edigate.order.v1 ACM-778120",
            "acme-retail: samples/850-order.edi: ack: 997 for group PO 511: A (1 of 1 set(s) accepted)",
            "nordic-distribution: samples/orders-d96a.edi: route: sender 7310000000040:14 -> nordic-distribution",
            "nordic-distribution: samples/orders-d96a.edi: event: edigate.order.v1 ND-PO-20240405-3",
            "nordic-distribution: samples/orders-d96a.edi: ack: CONTRL UCI 7 (accepted), 1 of 1 message(s) accepted",
            "globex-procurement: samples/cxml-order-request.xml: route: sender cXML NetworkID/GLOBEX-PROC -> globex-procurement",
            "globex-procurement: samples/ubl-order.xml: event: edigate.order.v1 GLX-40018",
        ] {
            #expect(lines.contains(expected), "missing: \(expected)")
        }
        #expect(result.stderr.contains("3 partner(s), 0 configuration problem(s), 0 sample problem(s)"))
        // The same through --partners; a broken directory exits 1 with file and key path.
        #expect(try Self.run(["partners", "check", "--partners", partners]).status == 0)
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("partners-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: broken.appendingPathComponent("bad"), withIntermediateDirectories: true)
        try Data("id: bad\nname: Bad\nidentities:\n  x12: {qualifier: ZZ, id: ABCDEFGHIJKLMNOPQ}\n".utf8).write(
            to: broken.appendingPathComponent("bad/partner.yaml"))
        let failed = try Self.run(["partners", "check", broken.path])
        #expect(failed.status == 1)
        #expect(
            failed.stdout.contains(
                "\(broken.path)/bad/partner.yaml: identities.x12.id: expected 1-15 characters, got 17"))
        #expect(try Self.run(["partners", "check", "/nonexistent/partners"]).status == 2)
    }

    @Test func translateAndAckFollowThePartnersDirectory() throws {
        let partners = "\(GatewayFixture.repository)/Partners"
        let order = "\(partners)/acme-retail/samples/850-order.edi"
        let translated = try Self.run(["translate", order, "--partners", partners])
        #expect(translated.stdout.contains(#""source":"edigate:acme-retail""#))
        // acme-retail answers X12 with a 997 (its policy), nordic-distribution EDIFACT with CONTRL.
        #expect(try Self.run(["ack", order, "--partners", partners]).stdout.contains("ST*997*0001"))
        let stranger = try Self.temporaryFile(Self.order)  // BUYERCO: no partner
        let refused = try Self.run(["translate", stranger, "--partners", partners])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("is no partner"))
    }
}
