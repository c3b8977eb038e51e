import CanonicalModel
import EDIFormat
import Foundation
import Testing

@testable import GatewayMapping

/// Every event the mappers emit for the samples and the corpus validates against its JSON Schema in
/// `schemas/`, checked by a real validator (Python `jsonschema`, Draft 2020-12, formats checked).
@Suite struct SchemaValidationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func inputs() -> [URL] {
        var urls: [URL] = []
        for folder in ["Samples/x12", "Samples/edifact", "Samples/xml"] {
            let directory = root.appendingPathComponent(folder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] {
                urls.append(directory.appendingPathComponent(name))
            }
        }
        let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        for folder in ["x12", "edifact", "xml"] {
            let directory = corpus.appendingPathComponent(folder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] {
                urls.append(directory.appendingPathComponent(name))
            }
        }
        return urls.sorted { $0.path < $1.path }
    }

    @Test func everyEmittedEventValidatesAgainstItsSchema() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var lines: [String] = []
        var types: Set<String> = []
        for url in Self.inputs() {
            let bytes = [UInt8](try Data(contentsOf: url))
            let context = MappingContext(partner: "test", time: "2024-03-10T09:16:00Z", fileSHA256: SHA256.hex(bytes))
            let translation =
                Translator.looksLikeXML(bytes)
                ? Translator.translateXML(bytes, context: context)
                : Translator.translate(EDIParser.parse(bytes), context: context)
            for event in translation.events {
                lines.append(String(decoding: try encoder.encode(event), as: UTF8.self))
                types.insert(event.type)
            }
        }
        #expect(!lines.isEmpty)
        let events = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edigate-events-\(UUID().uuidString).jsonl")
        try lines.joined(separator: "\n").write(to: events, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: events) }
        let script = """
            import json, sys, jsonschema
            schemas, path = sys.argv[1], sys.argv[2]
            failures = 0
            count = 0
            for line in open(path):
                event = json.loads(line)
                schema = json.load(open(f"{schemas}/{event['type']}.json"))
                validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
                for error in validator.iter_errors(event):
                    failures += 1
                    print(event["type"], event["subject"], error.json_path, error.message[:200])
                count += 1
            print(f"validated {count} events, {failures} errors")
            sys.exit(1 if failures else 0)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, Self.root.appendingPathComponent("schemas").path, events.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("validated \(lines.count) events, 0 errors"), "\(text)")
        for type in types {
            #expect(
                FileManager.default.fileExists(atPath: Self.root.appendingPathComponent("schemas/\(type).json").path))
        }
    }
}
