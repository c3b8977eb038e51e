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
        for name in gateway.files(in: "outbound/acme-retail") {
            let text = try gateway.read("outbound/acme-retail/\(name)")
            let isa = text.split(separator: "~").first.map {
                $0.split(separator: "*", omittingEmptySubsequences: false)
            }
            numbers.append(Int(isa?[13] ?? "") ?? -1)
        }
        numbers.sort()
        #expect(numbers.count == 4)
        #expect(Set(numbers).count == 4, "no control number is used twice: \(numbers)")
        #expect(numbers.first == 1)
        #expect(numbers == numbers.sorted())
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
