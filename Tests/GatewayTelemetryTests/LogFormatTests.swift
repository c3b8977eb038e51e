import Foundation
import Logging
import Testing

@testable import GatewayTelemetry

@Suite struct LogFormatTests {
    /// 2026-11-23T19:04:54.123Z
    let time = Date(timeIntervalSince1970: 1_795_460_694.123)

    @Test func textLineSortsAndQuotesMetadata() {
        let line = GatewayLogHandler.format(
            time: time, level: .info, label: "edigate.pipeline", message: "archived ORD1.edi",
            metadata: [
                LogKeys.standard: "X12", LogKeys.partner: "acme-retail", LogKeys.fileSHA256: "ab12",
                LogKeys.reason: "bad envelope", "z.quote": "say \"hi\"",
            ], json: false)
        #expect(
            line
                == #"2026-11-23T19:04:54.123Z info edigate.pipeline: archived ORD1.edi edi.partner=acme-retail "#
                + #"edi.standard=X12 file.reason="bad envelope" file.sha256=ab12 z.quote="say \"hi\"""#)
    }

    @Test func textLineStaysOnOneLine() {
        let line = GatewayLogHandler.format(
            time: time, level: .error, label: "l", message: "two\nlines", metadata: ["k": "a\nb"], json: false)
        #expect(line == #"2026-11-23T19:04:54.123Z error l: two\nlines k="a\nb""#)
        #expect(!line.contains("\n"))
    }

    @Test func timestampIsUTCWithMilliseconds() {
        #expect(GatewayLogHandler.rfc3339(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(GatewayLogHandler.rfc3339(time) == "2026-11-23T19:04:54.123Z")
    }

    @Test func jsonLineHasFixedFieldsThenSortedMetadata() throws {
        let line = GatewayLogHandler.format(
            time: time, level: .warning, label: "edigate.pipeline", message: "quarantined \"x\"",
            metadata: [
                LogKeys.partner: "acme retail", LogKeys.fileID: .stringConvertible(42), "message": "clash",
                "list": ["a", "b"],
            ], json: true)
        #expect(
            line
                == #"{"time":"2026-11-23T19:04:54.123Z","level":"warning","label":"edigate.pipeline","#
                + #""message":"quarantined \"x\"","edi.partner":"acme retail","file.id":"42","list":["a","b"],"#
                + #""metadata.message":"clash"}"#)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["message"] as? String == "quarantined \"x\"")
        #expect(object["edi.partner"] as? String == "acme retail")
    }
}
