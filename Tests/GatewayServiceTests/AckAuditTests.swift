import Foundation
import GatewayService
import GatewaySinks
import GatewayStore
import Testing

/// The acknowledgement audit through the real pipeline (in process, on a temporary spool): what we sent is
/// recorded as expectations; the partner's 997 / 999 / TA1 / CONTRL dropped into the spool decide them.
@Suite struct AckAuditTests {
    /// A temporary gateway over a copy of the repository's Partners/ (stable-file policy 0 ms).
    final class Fixture {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("edigate-audit-\(UUID().uuidString)")
            .path
        let gateway: Gateway
        let sent = Date(timeIntervalSince1970: 1_712_750_400)  // 2024-04-10T12:00:00Z

        init(now: Date = Date(timeIntervalSince1970: 1_712_754_000)) throws {
            let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: "\(repository)/Partners", toPath: "\(root)/Partners")
            let defaults = "\(root)/Partners/_defaults/partner.yaml"
            let text = try String(contentsOfFile: defaults, encoding: .utf8)
                .replacingOccurrences(of: "quietMilliseconds: 2000", with: "quietMilliseconds: 0")
                .replacingOccurrences(of: "minimumAgeMilliseconds: 5000", with: "minimumAgeMilliseconds: 0")
            try text.write(toFile: defaults, atomically: true, encoding: .utf8)
            gateway = try Gateway(
                partnersDirectory: "\(root)/Partners", spoolDirectory: "\(root)/Spool", clock: { now })
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        /// Records that we sent `sets` in one interchange, acknowledgement due after `hours`.
        func sent(
            partner: String, standard: String, interchange: String, group: (String, String),
            sets: [(type: String, control: String, document: String)], expected: String, hours: Double = 24
        ) async throws {
            try await gateway.pipeline.store.recordExpectations(
                sets.map {
                    AckExpectation(
                        partner: partner, standard: standard, interchangeControl: interchange,
                        groupIdentifier: group.0, groupControl: group.1, setType: $0.type, setControl: $0.control,
                        documentNumber: $0.document, expectedKind: expected, outboundFile: "out-\(interchange).edi",
                        sentAt: sent, deadline: sent.addingTimeInterval(hours * 3600))
                })
        }

        func drop(_ text: String, as name: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(root)/Spool/inbound/\(name)"))
        }

        func rows() async throws -> [AckExpectation] {
            try await gateway.pipeline.store.expectations(AckFilter())
        }

        func events(_ type: String) throws -> [[String: Any]] {
            try EmbeddedQueue.read(directory: "\(root)/Spool/events", type: type).lines.map {
                try JSONSerialization.jsonObject(with: Data($0.json)) as? [String: Any] ?? [:]
            }
        }
    }

    static func x12(_ body: [String], control: String = "000000777") -> String {
        let segments =
            [
                "ISA*00*          *00*          *ZZ*ACMERETAIL     *ZZ*EDIGATE        *240411*0900*U*00401*\(control)*0*P*>"
            ]
            + (body.first?.hasPrefix("TA1") == true
                ? body : ["GS*FA*ACMERETAIL*EDIGATE*20240411*0900*777*X*004010"] + body + ["GE*1*777"])
            + ["IEA*\(body.first?.hasPrefix("TA1") == true ? 0 : 1)*\(control)"]
        return segments.joined(separator: "~\n") + "~\n"
    }

    @Test func a997AcceptsWhatWeSent() async throws {
        let fixture = try Fixture()
        try await fixture.sent(
            partner: "acme-retail", standard: "X12", interchange: "000000050", group: ("IN", "50"),
            sets: [("810", "0001", "INV-1"), ("810", "0002", "INV-2")], expected: "997")
        try fixture.drop(
            Self.x12([
                "ST*997*0001", "AK1*IN*50", "AK2*810*0001", "AK5*A", "AK2*810*0002", "AK5*E", "AK9*E*2*2*2",
                "SE*8*0001",
            ]), as: "997.edi")
        let summary = try await fixture.gateway.runOnce(maxWait: .seconds(5))
        #expect(summary.archived == 1)
        let rows = try await fixture.rows()
        #expect(rows.map(\.status) == [.accepted, .acceptedWithErrors])
        #expect(rows.map(\.ackKind) == ["997", "997"])
        #expect(rows[0].acknowledgedAt == Date(timeIntervalSince1970: 1_712_754_000))
        let events = try fixture.events("edigate.ack.received.v1")
        #expect(events.count == 1)
        let data = try #require(events.first?["data"] as? [String: Any])
        #expect(data["summary"] as? String == "accepted_with_errors")
        #expect((data["sets"] as? [[String: Any]])?.compactMap { $0["latencySeconds"] as? Int } == [3600, 3600])
        // No acknowledgement of an acknowledgement.
        #expect(!FileManager.default.fileExists(atPath: "\(fixture.root)/Spool/outbound/acme-retail"))
    }

    @Test func a999WithIK5RRejectsWithItsCodes() async throws {
        let fixture = try Fixture()
        try await fixture.sent(
            partner: "acme-retail", standard: "X12", interchange: "000000051", group: ("SH", "51"),
            sets: [("856", "0001", "ASN-1")], expected: "999")
        try fixture.drop(
            Self.x12([
                "ST*999*0001*005010X231A1", "AK1*SH*51*005010", "AK2*856*0001", "IK3*HL*5**8", "IK4*3*734*7",
                "IK5*R*5", "AK9*R*1*1*0", "SE*8*0001",
            ]), as: "999.edi")
        _ = try await fixture.gateway.runOnce(maxWait: .seconds(5))
        let row = try #require(try await fixture.rows().first)
        #expect(row.status == .rejected)
        #expect(row.verdictCode == "R")
        #expect(row.errorCodes == ["5", "IK3:8@HL/5", "IK4:7@3"])
        let report = AckReport(rows: try await fixture.rows())
        #expect(report.summaries.first?.rejected == 1)
        #expect(report.csv().contains(",rejected,R,5 IK3:8@HL/5 IK4:7@3,999,"))
    }

    @Test func aSetWithoutAK2FollowsAK9() async throws {
        let fixture = try Fixture()
        try await fixture.sent(
            partner: "acme-retail", standard: "X12", interchange: "000000052", group: ("IN", "52"),
            sets: [("810", "0001", "INV-3")], expected: "997")
        try fixture.drop(Self.x12(["ST*997*0001", "AK1*IN*52", "AK9*R*1*1*0", "SE*4*0001"]), as: "997.edi")
        _ = try await fixture.gateway.runOnce(maxWait: .seconds(5))
        #expect(try await fixture.rows().map(\.status) == [.rejected])
        #expect(try await fixture.rows().first?.verdictCode == "AK9:R")
    }

    @Test func aTA1RejectionRejectsTheInterchange() async throws {
        let fixture = try Fixture()
        try await fixture.sent(
            partner: "acme-retail", standard: "X12", interchange: "000000053", group: ("IN", "53"),
            sets: [("810", "0001", "INV-4")], expected: "997")
        try fixture.drop(Self.x12(["TA1*000000053*240410*1200*R*006"]), as: "ta1.edi")
        _ = try await fixture.gateway.runOnce(maxWait: .seconds(5))
        let row = try #require(try await fixture.rows().first)
        #expect(row.status == .rejected && row.ackKind == "TA1" && row.errorCodes == ["006"])
    }

    @Test func contrlForAnEDIFACTInvoice() async throws {
        let fixture = try Fixture()
        try await fixture.sent(
            partner: "nordic-distribution", standard: "EDIFACT", interchange: "ICR77", group: ("", ""),
            sets: [("INVOIC", "1", "INV-77"), ("INVOIC", "2", "INV-78")], expected: "CONTRL")
        let contrl = """
            UNA:+.? '
            UNB+UNOC:3+7310000000040:14+5790001234567:14+240411:0900+C1'
            UNH+1+CONTRL:D:3:UN'
            UCI+ICR77+5790001234567:14+7310000000040:14+7'
            UCM+2+INVOIC:D:96A:UN+4+29'
            UNT+4+1'
            UNZ+1+C1'

            """
        try fixture.drop(contrl, as: "contrl.edi")
        _ = try await fixture.gateway.runOnce(maxWait: .seconds(5))
        #expect(try await fixture.rows().map(\.status) == [.accepted, .rejected])
        #expect(try await fixture.rows().last?.errorCodes == ["29"])
        let data = try #require(try fixture.events("edigate.ack.received.v1").first?["data"] as? [String: Any])
        #expect(data["summary"] as? String == "partially_accepted")
    }

    @Test func noAckByTheDeadlineIsOverdue() async throws {
        // "Now" is an hour after sending; the SLA of this set was half an hour.
        let fixture = try Fixture()
        try await fixture.sent(
            partner: "acme-retail", standard: "X12", interchange: "000000054", group: ("IN", "54"),
            sets: [("810", "0001", "INV-5")], expected: "997", hours: 0.5)
        try await fixture.sent(
            partner: "acme-retail", standard: "X12", interchange: "000000055", group: ("IN", "55"),
            sets: [("810", "0001", "INV-6")], expected: "997", hours: 48)
        _ = try await fixture.gateway.runOnce(maxWait: .seconds(5))
        #expect(try await fixture.rows().map(\.status) == [.overdue, .pending])
        let events = try fixture.events("edigate.ack.overdue.v1")
        #expect(events.map { $0["subject"] as? String } == ["INV-5"])
        // A second sweep raises nothing new.
        #expect(try await fixture.gateway.pipeline.sweepOverdue().isEmpty)
        // A late 997 still records its verdict; the overdue time stays.
        try fixture.drop(
            Self.x12(["ST*997*0001", "AK1*IN*54", "AK2*810*0001", "AK5*A", "AK9*A*1*1*1", "SE*6*0001"]), as: "late.edi")
        _ = try await fixture.gateway.runOnce(maxWait: .seconds(5))
        let late = try #require(try await fixture.rows().first)
        #expect(late.status == .accepted && late.overdueAt != nil)
    }

    @Test func anAckThatMatchesNothingIsFlagged() async throws {
        let fixture = try Fixture()
        try fixture.drop(
            Self.x12(["ST*997*0001", "AK1*IN*999", "AK2*810*0001", "AK5*A", "AK9*A*1*1*1", "SE*6*0001"]),
            as: "stray.edi")
        let summary = try await fixture.gateway.runOnce(maxWait: .seconds(5))
        #expect(summary.archived == 1)
        let unmatched = try await fixture.gateway.pipeline.store.unmatchedAcks()
        #expect(unmatched.map(\.reference) == ["AK1 IN 999"])
    }

    @Test func auditAndQuarantineEventsMatchTheirSchemas() async throws {
        let fixture = try Fixture()
        try await fixture.sent(
            partner: "acme-retail", standard: "X12", interchange: "000000056", group: ("IN", "56"),
            sets: [("810", "0001", "INV-7")], expected: "997")
        try await fixture.sent(
            partner: "acme-retail", standard: "X12", interchange: "000000057", group: ("IN", "57"),
            sets: [("810", "0001", "INV-8")], expected: "997", hours: 0.1)
        try fixture.drop(
            Self.x12(["ST*997*0001", "AK1*IN*56", "AK2*810*0001", "AK5*A", "AK9*A*1*1*1", "SE*6*0001"]), as: "a.edi")
        try fixture.drop("not EDI at all", as: "junk.txt")
        _ = try await fixture.gateway.runOnce(maxWait: .seconds(5))
        let lines = try EmbeddedQueue.read(directory: "\(fixture.root)/Spool/events", type: nil).lines
        #expect(
            Set(lines.map(\.type)) == [
                "edigate.ack.received.v1", "edigate.ack.overdue.v1", "edigate.file.quarantined.v1",
            ])
        let file = "\(fixture.root)/events.jsonl"
        try Data(lines.flatMap { $0.json + [0x0A] }).write(to: URL(fileURLWithPath: file))
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let script = """
            import json, sys, jsonschema
            from jsonschema import Draft202012Validator
            for line in open(sys.argv[2]):
                event = json.loads(line)
                schema = json.load(open(f"{sys.argv[1]}/{event['type']}.json"))
                Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(event)
            print("ok")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, "\(repository)/schemas", file]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
    }
}
