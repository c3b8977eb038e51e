import Foundation
import Testing

/// `edigate run --once` end to end on temporary spools: samples to golden events and acks, duplicates,
/// quarantine with `.error.json`, replay, status and events.
@Suite struct GatewayRunTests {
    static let now = "2024-04-10T12:00:00Z"
    static let goldens = "\(GatewayFixture.repository)/Tests/edigateTests/Goldens/run"
    static let recording = ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1"

    /// Compares `actual` with the golden file (or records it with RECORD_GOLDENS=1).
    static func checkGolden(_ actual: String, _ name: String) throws {
        let path = "\(goldens)/\(name)"
        if recording {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(actual == expected, "golden \(name) differs; re-record with RECORD_GOLDENS=1 if intended")
    }

    @Test func everyPartnersSamplesGiveTheGoldenEventsAndAcks() throws {
        let gateway = try GatewayFixture()
        for partner in ["acme-retail", "globex-procurement", "nordic-distribution"] {
            let samples = "\(gateway.partners)/\(partner)/samples"
            for name in try FileManager.default.contentsOfDirectory(atPath: samples).sorted() {
                try gateway.drop(
                    Array(try Data(contentsOf: URL(fileURLWithPath: "\(samples)/\(name)"))), as: name, partner: partner)
                // acme-retail's policy waits for a done-file.
                if partner == "acme-retail" { try gateway.drop("", as: "\(name).done", partner: partner) }
            }
        }
        let result = try gateway.run(["run", "--once", "--now", Self.now, "--log-level", "warning"])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(gateway.files(in: "inbound").isEmpty, "every drop (and done-file) is released")
        #expect(gateway.files(in: "work").isEmpty)
        #expect(gateway.files(in: "quarantine").isEmpty)
        #expect(
            gateway.files(in: "archive").map {
                $0.replacingOccurrences(of: #"/\d+-"#, with: "/N-", options: .regularExpression)
            }
                == [
                    "2024/04/10/acme-retail/N-850-order.edi", "2024/04/10/acme-retail/N-997-for-our-856.edi",
                    "2024/04/10/globex-procurement/N-cxml-order-request.xml",
                    "2024/04/10/globex-procurement/N-ubl-order.xml",
                    "2024/04/10/nordic-distribution/N-invrpt-d96a.edi",
                    "2024/04/10/nordic-distribution/N-orders-d96a.edi",
                ])
        // Events: one per business document, by type, in a stable order for the golden.
        let events = try gateway.events()
        #expect(events.count == 5)
        #expect(Set(events.compactMap { $0["id"] as? String }).count == 5)
        let lines = try gateway.run(["events"]).stdout.split(separator: "\n").map(String.init).sorted()
        try Self.checkGolden(lines.joined(separator: "\n") + "\n", "events.jsonl")
        // Acks: a 997 for acme's order (none for its 997), a CONTRL per nordic interchange, none for XML.
        let acks = gateway.files(in: "outbound")
        #expect(acks.count == 3, "\(acks)")
        #expect(acks.filter { $0.hasPrefix("acme-retail/997-") }.count == 1)
        #expect(acks.filter { $0.hasPrefix("nordic-distribution/CONTRL-") }.count == 2)
        for ack in acks {
            let name = ack.replacingOccurrences(of: #"-\d+\.edi"#, with: ".edi", options: .regularExpression)
            try Self.checkGolden(
                try gateway.read("outbound/\(ack)"),
                "acks/\(name.replacingOccurrences(of: "/", with: "-"))-\(acks.firstIndex(of: ack)!)")
        }
        // The inbound side of the audit: which acknowledgement answered which interchange, with what verdict.
        let csv = try gateway.run(["acks", "--received", "--csv"]).stdout
        var received: [String] = []
        for line in csv.split(separator: "\r\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            received.append([fields[0], fields[3], fields[4], fields[5]].joined(separator: " "))
        }
        #expect(
            received.sorted() == [
                "acme-retail 000000511 997 A", "nordic-distribution ND000118 CONTRL 7",
                "nordic-distribution ND000119 CONTRL 7",
            ])
        let status = try gateway.run(["status"])
        #expect(status.stdout.contains("archived      6"))
        #expect(status.stdout.contains("oldest pending: none"))
    }

    @Test func aDuplicateInterchangeGivesNoNewEventsAndTheAckAgain() throws {
        let gateway = try GatewayFixture()
        let order = acmeOrder(control: 901, po: "PO-901")
        try gateway.drop(order, as: "a.edi")
        #expect(try gateway.run(["run", "--once"]).status == 0)
        #expect(try gateway.events().count == 1)
        // The same bytes again, under another name (a comms-level resend).
        try gateway.drop(order, as: "a-resent.edi")
        let second = try gateway.run(["run", "--once"])
        #expect(second.status == 0, "\(second.stdout)")
        #expect(second.stdout.contains("archived: a-resent.edi"))
        #expect(try gateway.events().count == 1, "no new event for a resend")
        let acks = gateway.files(in: "outbound/acme-retail")
        #expect(acks.count == 2, "the original acknowledgement is sent again")
        let first = try gateway.read("outbound/acme-retail/\(acks[0])")
        let again = try gateway.read("outbound/acme-retail/\(acks[1])")
        // Same content, new control numbers.
        #expect(first.contains("AK1*PO*901") && again.contains("AK1*PO*901"))
        #expect(first.contains("AK9*A*1*1*1") && again.contains("AK9*A*1*1*1"))
        #expect(first.contains("*000000001*0*P*") && again.contains("*000000002*0*P*"))
    }

    @Test func theSameKeyWithDifferentContentIsRejected() throws {
        let gateway = try GatewayFixture()
        try gateway.drop(acmeOrder(control: 902, po: "PO-902"), as: "a.edi")
        #expect(try gateway.run(["run", "--once"]).status == 0)
        try gateway.drop(acmeOrder(control: 902, po: "PO-902-CHANGED"), as: "b.edi")
        let second = try gateway.run(["run", "--once"])
        #expect(second.status == 1)
        #expect(second.stdout.contains("quarantined (duplicate_interchange): b.edi"))
        #expect(try gateway.events().count == 1)
        // acme takes TA1 on request (the defaults): TA1 R 025.
        let acks = gateway.files(in: "outbound/acme-retail").filter { $0.hasPrefix("TA1-") }
        #expect(acks.count == 1)
        #expect(try gateway.read("outbound/acme-retail/\(acks[0])").contains("TA1*000000902*240410*1200*R*025"))
        let reports = gateway.files(in: "quarantine/acme-retail").filter { $0.hasSuffix(".error.json") }
        #expect(reports.count == 1)
        let report = try gateway.read("quarantine/acme-retail/\(reports[0])")
        #expect(report.contains("\"reason\" : \"duplicate_interchange\""))
        #expect(report.contains("interchange.duplicate"))
        #expect(!report.contains("PO-902"), "no payload values in .error.json")
        // Downstream hears of it.
        let notice = try #require(try gateway.quarantineEvents().first)
        #expect(notice["subject"] as? String == "b.edi")
        #expect((notice["data"] as? [String: Any])?["reason"] as? String == "duplicate_interchange")
    }

    @Test func anUnknownPartnerIsQuarantinedAndReplayedAfterAFix() throws {
        let gateway = try GatewayFixture()
        let stranger = acmeOrder(control: 903, po: "PO-903").replacingOccurrences(
            of: "ACMERETAIL     ", with: "STRANGER       "
        ).replacingOccurrences(of: "GS*PO*ACMERETAIL", with: "GS*PO*STRANGER")
        try gateway.drop(stranger, as: "who.edi")
        let result = try gateway.run(["run", "--once"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("quarantined (unknown_partner): who.edi"))
        let files = gateway.files(in: "quarantine/_unknown")
        #expect(files.count == 2, "\(files)")
        let report = try gateway.read("quarantine/_unknown/\(files.first { $0.hasSuffix(".error.json") }!)")
        #expect(report.contains("\"reason\" : \"unknown_partner\""))
        #expect(report.contains("ZZ/STRANGER"))
        #expect(gateway.files(in: "outbound").isEmpty, "no partner, no acknowledgement")

        // Onboard the sender as a partner, then replay the file by its ledger id.
        let directory = "\(gateway.partners)/stranger"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try """
        id: stranger
        name: A New Partner
        identities:
          x12: {qualifier: ZZ, id: STRANGER, applicationCodes: [STRANGER]}
        documents:
          accepted: ["850"]
        """.write(toFile: "\(directory)/partner.yaml", atomically: true, encoding: .utf8)
        let id = String(files[0].prefix { $0.isNumber })
        let replay = try gateway.run(["replay", id])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
        #expect(replay.stdout.contains("archived"))
        #expect(try gateway.events().map { $0["source"] as? String } == ["edigate:stranger"])
        #expect(gateway.files(in: "outbound/stranger").count == 1)
    }

    @Test func aBusinessDuplicateUnderANewEnvelopeIsAcknowledgedButHeld() throws {
        let gateway = try GatewayFixture()
        try gateway.drop(acmeOrder(control: 908, po: "PO-908"), as: "first.edi")
        #expect(try gateway.run(["run", "--once"]).status == 0)
        // The same purchase order regenerated: new control numbers, same business number and purpose.
        try gateway.drop(acmeOrder(control: 909, po: "PO-908"), as: "regenerated.edi")
        let second = try gateway.run(["run", "--once"])
        #expect(second.status == 0)
        #expect(second.stdout.contains("archived: regenerated.edi"))
        #expect(second.stderr.contains("held as a suspected duplicate"))
        #expect(try gateway.events().count == 1, "no second order")
        let acks = gateway.files(in: "outbound/acme-retail")
        #expect(acks.count == 2)
        #expect(try gateway.read("outbound/acme-retail/\(acks[1])").contains("AK9*A*1*1*1"), "the envelope is accepted")
        // A different purchase order under a new envelope is a new order.
        try gateway.drop(acmeOrder(control: 910, po: "PO-910"), as: "next.edi")
        #expect(try gateway.run(["run", "--once"]).status == 0)
        #expect(try gateway.events().count == 2)
    }

    @Test func remittancesReceivedBecomeTheSettlementCSV() throws {
        let gateway = try GatewayFixture()
        let file = "\(gateway.partners)/acme-retail/partner.yaml"
        let yaml = try String(contentsOfFile: file, encoding: .utf8)
            .replacingOccurrences(of: #"accepted: ["850"]"#, with: #"accepted: ["850", "820"]"#)
            .replacingOccurrences(of: "stableFile:\n  doneFileSuffix: .done\n", with: "")
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        // The sample remittance, as acme-retail would send it.
        let remittance = try String(
            contentsOfFile: "\(GatewayFixture.repository)/Samples/x12/820-remittance.edi", encoding: .utf8
        )
        .replacingOccurrences(of: "BUYERCO        ", with: "ACMERETAIL     ")
        .replacingOccurrences(of: "GS*RA*BUYERCO", with: "GS*RA*ACMERETAIL")
        try gateway.drop(remittance, as: "820.edi", partner: "acme-retail")
        let run = try gateway.run(["run", "--once"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let csv = try gateway.run(["settlement"])
        #expect(
            csv.stdout == """
                invoice_number,po_number,invoice_amount,amount_paid,discount,adjustment_reason,payment_reference,payment_date\r
                INV-88001,,195,191.1,3.9,,EFT000123,2024-03-20\r
                INV-88002,,1034.4,1034.4,,,EFT000123,2024-03-20\r

                """)
        #expect(
            try gateway.run(["settlement", "--partner", "nordic-distribution"]).stdout.split(separator: "\n").count == 1
        )
    }

    /// `mapping.xsd`: a partner's XML is checked against its own schema before mapping.
    @Test func xmlFailingThePartnersXSDIsQuarantinedWithoutItsValues() throws {
        let gateway = try GatewayFixture()
        let directory = "\(gateway.partners)/globex-procurement"
        // A schema the sample breaks twice: Header must be text, payloadID an integer.
        try """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:element name="cXML">
            <xs:complexType>
              <xs:sequence><xs:element name="Header" type="xs:string"/><xs:any processContents="skip" maxOccurs="unbounded"/></xs:sequence>
              <xs:attribute name="payloadID" type="xs:integer"/>
              <xs:anyAttribute processContents="skip"/>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """.write(toFile: "\(directory)/strict.xsd", atomically: true, encoding: .utf8)
        let yaml = try String(contentsOfFile: "\(directory)/partner.yaml", encoding: .utf8)
            .replacingOccurrences(of: "mapping:\n", with: "mapping:\n  xsd: strict.xsd\n")
        try yaml.write(toFile: "\(directory)/partner.yaml", atomically: true, encoding: .utf8)
        #expect(
            try CLITests.run(["partners", "check", gateway.partners]).stdout.contains("globex-procurement: Globex"),
            "the schema compiles")
        let sample = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/samples/cxml-order-request.xml"))
        try gateway.drop(Array(sample), as: "order.xml", partner: "globex-procurement")
        let result = try gateway.run(["run", "--once"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("quarantined (schema_invalid): order.xml"), "\(result.stdout)")
        let name = try #require(
            gateway.files(in: "quarantine/globex-procurement").first { $0.hasSuffix(".error.json") })
        let report = try gateway.read("quarantine/globex-procurement/\(name)")
        #expect(report.contains("violation(s) of globex-procurement's XSD"))
        #expect(report.contains("xs:integer"), "\(report)")
        #expect(!report.contains("20240408101500"), "no payload values: \(report)")
        #expect(try gateway.events().isEmpty)
    }

    @Test func aCorruptGzipIsQuarantined() throws {
        let gateway = try GatewayFixture()
        // A gzip header, then garbage.
        try gateway.drop([0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, 0xDE, 0xAD, 0xBE, 0xEF], as: "order.edi.gz")
        let result = try gateway.run(["run", "--once"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("quarantined (decode_failed): order.edi.gz"))
        #expect(gateway.files(in: "quarantine/_unknown").count == 2)
        #expect(gateway.files(in: "inbound").isEmpty)
    }

    @Test func aRejectedSetGetsANegativeAckAndTheFileIsQuarantined() throws {
        let gateway = try GatewayFixture()
        try gateway.drop(acmeOrder(control: 904, po: "PO-904", segmentCount: 9), as: "bad-count.edi")
        let result = try gateway.run(["run", "--once"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("quarantined (rejected): bad-count.edi"))
        let acks = gateway.files(in: "outbound/acme-retail")
        #expect(acks.count == 1)
        let ack = try gateway.read("outbound/acme-retail/\(acks[0])")
        #expect(ack.contains("AK5*R*4") && ack.contains("AK9*R*1*1*0"))
        #expect(try gateway.events().isEmpty)
        let report = try gateway.read(
            "quarantine/acme-retail/\(gateway.files(in: "quarantine/acme-retail").first { $0.hasSuffix(".error.json") }!)"
        )
        #expect(report.contains("set.trailer.count"))
    }

    @Test func gzipAndZipDropsAreDecoded() throws {
        let gateway = try GatewayFixture()
        let order = Array(acmeOrder(control: 905, po: "PO-905").utf8)
        try gateway.drop(try Self.compress(order, tool: "gzip"), as: "order.gz")
        try gateway.drop(
            try Self.zip([
                ("a.edi", acmeOrder(control: 906, po: "PO-906")), ("b.edi", acmeOrder(control: 907, po: "PO-907")),
            ]), as: "orders.zip")
        let result = try gateway.run(["run", "--once"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let numbers = try gateway.events().compactMap { $0["subject"] as? String }.sorted()
        #expect(numbers == ["PO-905", "PO-906", "PO-907"])
    }

    @Test func aZipBombAndAnEscapingMemberAreQuarantined() throws {
        let gateway = try GatewayFixture()
        // 5 MB of zeros deflate to a few kB; the cap here is 1 MB.
        try gateway.drop(try Self.zipOfZeros(name: "zeros.edi", size: 5_000_000), as: "bomb.zip")
        try gateway.drop(try Self.zip([("../../etc/evil.edi", acmeOrder(control: 911, po: "PO-911"))]), as: "evil.zip")
        let result = try gateway.run(["run", "--once", "--max-inflated-mb", "1"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("quarantined (decode_failed): bomb.zip"))
        #expect(result.stdout.contains("quarantined (decode_failed): evil.zip"))
        let reports = try gateway.files(in: "quarantine/_unknown").filter { $0.hasSuffix(".error.json") }.map {
            try gateway.read("quarantine/_unknown/\($0)")
        }
        #expect(reports.contains { $0.contains("zip.too_large") }, "\(reports)")
        #expect(reports.contains { $0.contains("zip.unsafe_name") }, "\(reports)")
        #expect(try gateway.events().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "\(gateway.root)/etc/evil.edi"))
    }

    /// A zip holding one member of `size` zero bytes (written by Python's zipfile, deflated).
    static func zipOfZeros(name: String, size: Int) throws -> [UInt8] {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
                z.writestr(sys.argv[2], b'0' * int(sys.argv[3]))
            """
        let result = try CLITests.runTool("/usr/bin/python3", ["-c", script, output, name, String(size)])
        #expect(result.status == 0, "\(result.stderr)")
        return Array(try Data(contentsOf: URL(fileURLWithPath: output)))
    }

    static func compress(_ bytes: [UInt8], tool: String) throws -> [UInt8] {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
        try Data(bytes).write(to: URL(fileURLWithPath: input))
        defer { try? FileManager.default.removeItem(atPath: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            "-c", "import gzip,sys; sys.stdout.buffer.write(gzip.compress(open(sys.argv[1],'rb').read()))", input,
        ]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }

    static func zip(_ members: [(String, String)]) throws -> [UInt8] {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
                for i in range(2, len(sys.argv), 2): z.writestr(sys.argv[i], sys.argv[i + 1])
            """
        process.arguments = ["-c", script, output] + members.flatMap { [$0.0, $0.1] }
        try process.run()
        process.waitUntilExit()
        return Array(try Data(contentsOf: URL(fileURLWithPath: output)))
    }
}
