import CanonicalModel
import EDIFormat
import Foundation
import Testing

@testable import GatewayMapping

/// The canonical events of every shipped sample, against golden JSON Lines files beside this test
/// (`Goldens/<standard>/<sample>.events.jsonl`). Clock, partner and ids are deterministic, so the files
/// are stable; `RECORD_GOLDENS=1 swift test` rewrites them (read the difference before committing).
@Suite struct GoldenEventTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    static let samples: [String] = ["x12", "edifact", "xml"].flatMap { folder in
        let path = root.appendingPathComponent("Samples/\(folder)").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { "\(folder)/\($0)" }
    }

    static func events(for sample: String) throws -> String {
        let bytes = [UInt8](try Data(contentsOf: root.appendingPathComponent("Samples/\(sample)")))
        let context = MappingContext(partner: "sample", time: "2024-03-10T09:16:00Z", fileSHA256: SHA256.hex(bytes))
        let translation =
            sample.hasPrefix("xml/")
            ? Translator.translateXML(bytes, context: context)
            : Translator.translate(EDIParser.parse(bytes), context: context)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try translation.events.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined()
    }

    @Test func everySampleHasAGoldenAndNoGoldenIsOrphaned() throws {
        #expect(!Self.samples.isEmpty)
        var goldens: [String] = []
        for folder in ["x12", "edifact", "xml"] {
            let path = Self.goldens.appendingPathComponent(folder).path
            goldens += ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).map { "\(folder)/\($0)" }
        }
        #expect(Set(goldens) == Set(Self.samples.map { $0 + ".events.jsonl" }))
    }

    @Test(arguments: samples) func eventsMatchTheGolden(_ sample: String) throws {
        let produced = try Self.events(for: sample)
        let golden = Self.goldens.appendingPathComponent(sample + ".events.jsonl")
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(
                at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try produced.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(produced == expected, "\(sample): events differ from \(golden.lastPathComponent)")
    }
}
