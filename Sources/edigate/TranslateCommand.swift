import ArgumentParser
import CanonicalModel
import EDIFormat
import Foundation
import GatewayMapping
import GatewayService

/// `edigate translate FILE`: canonical events as JSON Lines on stdout, findings and issues on stderr.
struct TranslateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translate",
        abstract: "Translate an X12, EDIFACT or XML (cXML, UBL) file into canonical JSON events.")

    @Argument(help: "The file to translate.") var file: String
    @Flag(help: "Indent the JSON for people (one event per block instead of per line).") var pretty = false
    @Option(help: "The partner the events are attributed to (default: the interchange sender ID).") var partner: String?
    @Option(help: "A partners directory: attribute the events to the partner the envelope routes to.")
    var partners: String?
    @Option(help: "The event time (RFC 3339; default: now, UTC).") var time: String?
    @Flag(help: "Include payload values in findings.") var showData = false
    @Option(
        name: .customLong("map"), help: "A YAML map for a partner's own XML dialect (repeatable; see docs/xml-maps.md)."
    )
    var maps: [String] = []

    func run() throws {
        let input = try InputFile.load(file)
        if Translator.looksLikeXML(input.bytes) { return try translateXML(input) }
        guard input.parsed.isEDI else {
            printError("\(file): not an X12, EDIFACT or XML file")
            throw ExitCode(ExitStatus.unreadable)
        }
        for finding in input.parsed.allFindings {
            printError(FindingFormatter.line(finding, file: file, showData: showData))
        }
        var sender = input.parsed.interchanges.first?.report.envelope.senderID ?? "unknown"
        if let partners, let first = input.parsed.interchanges.first?.report {
            let opened = PartnerRegistry.open(directory: partners)
            guard let routed = opened.registry.partner(for: first.envelope, standard: first.standard) else {
                printError("\(file): the sender \(first.envelope.senderID) is no partner in \(partners)")
                throw ExitCode(ExitStatus.unreadable)
            }
            sender = routed.id
        }
        let context = MappingContext(
            partner: partner ?? sender, time: time ?? Self.utcNow(), fileSHA256: SHA256.hex(input.bytes))
        let translation = Translator.translate(input.parsed, context: context)
        for issue in translation.issues {
            printError("\(file): byte \(issue.location.byteOffset): \(issue.code.rawValue) \(issue.message)")
        }
        try write(translation.events)
        throw ExitCode(input.status)
    }

    /// An XML document (detected by content): one event, or an issue and exit status 1.
    func translateXML(_ input: InputFile) throws {
        let context = MappingContext(
            partner: partner ?? Translator.xmlSender(input.bytes) ?? "unknown", time: time ?? Self.utcNow(),
            fileSHA256: SHA256.hex(input.bytes))
        // A partner's own dialect, when one of the given maps claims the document's root.
        let loaded = try maps.map { path -> XMLMap in
            guard let data = FileManager.default.contents(atPath: path) else {
                printError("\(path): cannot read the map")
                throw ExitCode(ExitStatus.unreadable)
            }
            do {
                return try XMLMap(yaml: String(decoding: data, as: UTF8.self), source: path)
            } catch {
                printError("\(error)")
                throw ExitCode(ExitStatus.unreadable)
            }
        }
        let translation =
            XMLMap.select(loaded, for: input.bytes)?.translate(input.bytes, context: context)
            ?? Translator.translateXML(input.bytes, context: context)
        for issue in translation.issues {
            printError("\(file):\(issue.line ?? 0): \(issue.code.rawValue) \(issue.message)")
        }
        try write(translation.events)
        throw ExitCode(translation.events.isEmpty ? ExitStatus.findings : ExitStatus.clean)
    }

    /// The events as JSON Lines (or indented JSON with `--pretty`) on standard output.
    func write(_ events: [CloudEvent]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        for event in events {
            writeOut(Array(try encoder.encode(event)) + [0x0A])
        }
    }

    static func utcNow() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }
}
