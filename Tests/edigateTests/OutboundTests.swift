import Foundation
import Testing

/// The reverse direction through the binary: `edigate send` renders, envelopes and delivers; the partner's
/// acknowledgement dropped back is audited by `edigate acks`.
@Suite struct OutboundTests {
    /// A canonical event of `sample` (translated by the binary itself), as an ERP would hand it over.
    static func canonical(_ sample: String, partner: String) throws -> String {
        let result = try CLITests.run([
            "translate", "\(GatewayFixture.repository)/Samples/\(sample)", "--partner", partner, "--time",
            "2024-04-10T12:00:00Z",
        ])
        let line = try #require(result.stdout.split(separator: "\n").first.map(String.init))
        return line
    }

    static func write(_ text: String, in gateway: GatewayFixture, as name: String) throws -> String {
        let path = "\(gateway.root)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func anInvoiceIsSentAndThePartners997ShowsAccepted() throws {
        let gateway = try GatewayFixture()
        let invoice = try Self.write(
            try Self.canonical("x12/810-invoice.edi", partner: "acme-retail"), in: gateway, as: "inv.json")
        let sent = try gateway.run(["send", invoice, "--partner", "acme-retail"])
        #expect(sent.status == 0, "\(sent.stderr)")
        let delivered = gateway.files(in: "outbound/acme-retail")
        #expect(delivered.count == 1)
        let x12 = try gateway.read("outbound/acme-retail/\(delivered[0])")
        #expect(x12.hasPrefix("ISA*00*          *00*          *ZZ*EDIGATE        *ZZ*ACMERETAIL     *"))
        #expect(x12.contains("BIG*20240315*INV-88001*"))
        // Awaiting a 997.
        let pending = try gateway.run(["acks", "--csv"])
        #expect(pending.stdout.contains(",810,0001,INV-88001,997,"))
        #expect(pending.stdout.contains(",pending,"))
        // The partner acknowledges it (the 997 its system would send: built by edigate's own ack verb).
        let file = "\(gateway.spool)/outbound/acme-retail/\(delivered[0])"
        let ack = try CLITests.run(["ack", file, "--kind", "997", "--date", "20240410", "--time", "1300"])
        #expect(ack.stdout.contains("AK5*A"))
        try gateway.drop(ack.stdout, as: "997-from-acme.edi")
        #expect(try gateway.run(["run", "--once"]).status == 0)
        let audit = try gateway.run(["acks", "--partner", "acme-retail"])
        #expect(
            audit.stdout.contains("acme-retail: 1 sent, 1 accepted, 0 rejected, 0 overdue, 0 pending"),
            "\(audit.stdout)")
        let events = try gateway.events().filter { $0["type"] as? String == "edigate.ack.received.v1" }
        #expect(events.count == 1)
    }

    @Test func controlNumbersStrictlyIncreaseAcrossRestartsAndAreNeverReused() throws {
        let gateway = try GatewayFixture()
        let invoice = try Self.write(
            try Self.canonical("x12/810-invoice.edi", partner: "acme-retail"), in: gateway, as: "inv.json")
        var numbers: [Int] = []
        // Each send is its own process (a restart each time).
        for _ in 0..<3 {
            #expect(try gateway.run(["send", invoice, "--partner", "acme-retail"]).status == 0)
        }
        // A bad document takes numbers? No: it fails before numbering. A render failure after numbering leaves a
        // gap (below), never a repeat.
        let broken = try Self.write(
            try Self.canonical("x12/810-invoice.edi", partner: "acme-retail").replacingOccurrences(
                of: "\"invoiceNumber\":\"INV-88001\"", with: "\"invoiceNumber\":\"\""), in: gateway, as: "broken.json")
        let refused = try gateway.run(["send", broken, "--partner", "acme-retail"])
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains("render_failed") || refused.stderr.contains("invalid_document"), "\(refused.stderr)"
        )
        #expect(try gateway.run(["send", invoice, "--partner", "acme-retail"]).status == 0)
        // In delivery order (the outbound file names carry the ledger's row number), ISA13 only goes up.
        let delivered = gateway.files(in: "outbound/acme-retail").sorted {
            Int($0.dropFirst(4).prefix { $0.isNumber }) ?? 0 < Int($1.dropFirst(4).prefix { $0.isNumber }) ?? 0
        }
        for name in delivered {
            let text = try gateway.read("outbound/acme-retail/\(name)")
            let isa = text.split(separator: "~").first.map {
                $0.split(separator: "*", omittingEmptySubsequences: false)
            }
            numbers.append(Int(isa?[13] ?? "") ?? -1)
        }
        #expect(numbers.count == 4)
        #expect(Set(numbers).count == 4, "no control number is used twice: \(numbers)")
        #expect(numbers.first == 1)
        #expect(zip(numbers, numbers.dropFirst()).allSatisfy { $0 < $1 }, "strictly increasing: \(numbers)")
    }

    /// Every outbound type, rendered by `send`, read back by implementations that are not ours: pyx12 for X12,
    /// pydifact for EDIFACT (scripts/independent-parse.py in the venv of scripts/peers-venv.sh).
    @Test func independentImplementationsReadWhatWeSend() throws {
        let gateway = try GatewayFixture()
        // Let the example partners take every type this test sends.
        for (partner, sent) in [
            ("acme-retail", #"["855", "856", "810", "820", "940", "945"]"#),
            ("nordic-distribution", "[ORDRSP, DESADV, INVOIC, REMADV]"),
        ] {
            let file = "\(gateway.partners)/\(partner)/partner.yaml"
            var text = try String(contentsOfFile: file, encoding: .utf8)
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("  sent:") })
            text = text.replacingOccurrences(of: String(line), with: "  sent: \(sent)")
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
        let samples: [(String, String, String)] = [
            ("x12/855-po-ack.edi", "acme-retail", "855"), ("x12/856-ship-notice.edi", "acme-retail", "856"),
            ("x12/810-invoice.edi", "acme-retail", "810"), ("x12/820-remittance.edi", "acme-retail", "820"),
            ("x12/940-warehouse-order.edi", "acme-retail", "940"),
            ("x12/945-warehouse-advice.edi", "acme-retail", "945"),
            ("edifact/ordrsp-d96a.edi", "nordic-distribution", "ORDRSP"),
            ("edifact/desadv-d96a.edi", "nordic-distribution", "DESADV"),
            ("edifact/invoic-d96a.edi", "nordic-distribution", "INVOIC"),
            ("edifact/remadv-d96a.edi", "nordic-distribution", "REMADV"),
        ]
        for (index, (sample, partner, _)) in samples.enumerated() {
            let json = try Self.write(
                try Self.canonical(sample, partner: partner), in: gateway, as: "doc-\(index).json")
            let sent = try gateway.run(["send", json, "--partner", partner])
            #expect(sent.status == 0, "\(sample): \(sent.stderr)")
        }
        let files = gateway.files(in: "outbound").map { "\(gateway.spool)/outbound/\($0)" }
        #expect(files.count == samples.count)
        let python = try Self.peersPython()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["\(GatewayFixture.repository)/scripts/independent-parse.py"] + files
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let lines = String(decoding: try Data(contentsOf: output), as: UTF8.self).split(separator: "\n")
        #expect(process.terminationStatus == 0, "\(lines.joined(separator: "\n"))")
        var types: [String] = []
        for line in lines {
            let result = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(result["error"] == nil, "\(line)")
            #expect((result["problems"] as? [Any])?.isEmpty == true, "\(line)")
            types += result["sets"] as? [String] ?? []
        }
        #expect(types.sorted() == samples.map(\.2).sorted())
    }

    /// The venv python with pyx12 and pydifact (created on first use by scripts/peers-venv.sh).
    static func peersPython() throws -> String {
        let result = try CLITests.runTool("/bin/bash", ["\(GatewayFixture.repository)/scripts/peers-venv.sh"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aDocumentInOutgoingNamesItsPartnerItself() throws {
        let gateway = try GatewayFixture()
        let invoice = try Self.canonical("x12/810-invoice.edi", partner: "acme-retail")  // "edipartner":"acme-retail"
        try FileManager.default.createDirectory(atPath: "\(gateway.spool)/outgoing", withIntermediateDirectories: true)
        try invoice.write(toFile: "\(gateway.spool)/outgoing/invoice.json", atomically: true, encoding: .utf8)
        let nobody = invoice.replacingOccurrences(of: #""edipartner":"acme-retail""#, with: #""edipartner":"nobody""#)
        try nobody.write(toFile: "\(gateway.spool)/outgoing/nobody.json", atomically: true, encoding: .utf8)
        let run = try gateway.run(["run", "--once"])
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stdout.contains("quarantined (unknown_partner): nobody.json"))
        #expect(gateway.files(in: "outbound/acme-retail").count == 1)
        #expect(gateway.files(in: "outgoing").isEmpty)
    }

    @Test func aBadCanonicalDocumentIsQuarantinedAndNothingIsSent() throws {
        let gateway = try GatewayFixture()
        let bad = try Self.write(#"{"type":"edigate.invoice.v1","data":{"lines":"nope"}}"#, in: gateway, as: "bad.json")
        let result = try gateway.run(["send", bad, "--partner", "acme-retail"])
        #expect(result.status == 1)
        #expect(gateway.files(in: "outbound").isEmpty, "nothing half-sent")
        let reports = gateway.files(in: "quarantine/acme-retail").filter { $0.hasSuffix(".error.json") }
        #expect(reports.count == 1)
        let report = try gateway.read("quarantine/acme-retail/\(reports[0])")
        #expect(report.contains("invalid_document"))
        #expect(report.contains("data."), "the error names the field: \(report)")
    }

    @Test func anOutgoingDocumentIsCheckedAgainstItsJSONSchema() throws {
        let gateway = try GatewayFixture()
        // Decoding alone would ignore an unknown property; the schema (additionalProperties: false) does not.
        let invoice = try Self.canonical("x12/810-invoice.edi", partner: "acme-retail")
            .replacingOccurrences(of: #""data":{"#, with: #""data":{"surprise":1,"#)
        let file = try Self.write(invoice, in: gateway, as: "surprise.json")
        let result = try gateway.run(["send", file, "--partner", "acme-retail"])
        #expect(result.status == 1)
        #expect(gateway.files(in: "outbound").isEmpty)
        let name = try #require(gateway.files(in: "quarantine/acme-retail").first { $0.hasSuffix(".error.json") })
        let report = try gateway.read("quarantine/acme-retail/\(name)")
        #expect(report.contains(#"data.surprise: property \"surprise\" is not allowed"#), "\(report)")
    }

    @Test func aDocumentTypeThePartnerDoesNotTakeIsNotSent() throws {
        let gateway = try GatewayFixture()
        // globex-procurement takes XML only; acme-retail's documents.sent has no 820.
        let remittance = try Self.write(
            try Self.canonical("x12/820-remittance.edi", partner: "acme-retail"), in: gateway, as: "rem.json")
        let result = try gateway.run(["send", remittance, "--partner", "acme-retail"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("document_not_accepted"))
        #expect(gateway.files(in: "outbound").isEmpty)
    }

    @Test func anEDIFACTInvoiceGetsCONTRLAudited() throws {
        let gateway = try GatewayFixture()
        let invoice = try Self.write(
            try Self.canonical("edifact/invoic-d96a.edi", partner: "nordic-distribution"), in: gateway,
            as: "invoic.json")
        // Dropped into outgoing/ instead of `send`: the daemon's way.
        try FileManager.default.createDirectory(
            atPath: "\(gateway.spool)/outgoing/nordic-distribution", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: invoice, toPath: "\(gateway.spool)/outgoing/nordic-distribution/invoic.json")
        let run = try gateway.run(["run", "--once"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let delivered = gateway.files(in: "outbound/nordic-distribution")
        #expect(delivered.count == 1)
        let edifact = try gateway.read("outbound/nordic-distribution/\(delivered[0])")
        #expect(edifact.contains("UNB+UNOC:3+5790001234567:14+7310000000040:14+"))
        #expect(edifact.contains("UNH+1+INVOIC:D:96A:UN"))
        // nordic rejects it with a CONTRL.
        let file = "\(gateway.spool)/outbound/nordic-distribution/\(delivered[0])"
        let contrl = try CLITests.run(["ack", file, "--kind", "contrl", "--date", "20240410", "--time", "1300"])
        #expect(contrl.stdout.contains("UCI+"))
        try gateway.drop(contrl.stdout, as: "contrl.edi")
        #expect(try gateway.run(["run", "--once"]).status == 0)
        let audit = try gateway.run(["acks", "--json"])
        #expect(audit.stdout.contains("\"status\" : \"accepted\""), "\(audit.stdout)")
        #expect(audit.stdout.contains("\"expected\" : \"CONTRL\""))
    }
}
