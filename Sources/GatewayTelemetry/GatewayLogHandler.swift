import Foundation
import Logging

/// A swift-log handler that writes one line per record to stderr, as text or as JSON.
///
/// Text: `2026-11-23T19:04:54.123Z info edigate.pipeline: archived ORD1.edi edi.partner=acme-retail`
/// (metadata sorted by key; values quoted when they contain spaces, quotes, `=` or control characters).
/// JSON: one object per line with `time`, `level`, `label`, `message` and the metadata keys.
public struct GatewayLogHandler: LogHandler {
    /// The logger label, printed after the level.
    public let label: String
    /// Whether records are written as JSON objects instead of text.
    public let json: Bool
    /// The minimum level this handler prints.
    public var logLevel: Logger.Level
    /// Metadata attached to every record of this handler.
    public var metadata: Logger.Metadata = [:]
    /// Contextual metadata merged into every record.
    public var metadataProvider: Logger.MetadataProvider?

    /// Creates a handler for `label`.
    public init(
        label: String, logLevel: Logger.Level = .info, json: Bool = false,
        metadataProvider: Logger.MetadataProvider? = nil
    ) {
        self.label = label
        self.logLevel = logLevel
        self.json = json
        self.metadataProvider = metadataProvider
    }

    /// Reads or writes one metadata value of this handler.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Formats the event and writes it to stderr in a single `write(2)`.
    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() {
            merged.merge(provided) { _, new in new }
        }
        if let own = event.metadata {
            merged.merge(own) { _, new in new }
        }
        if let error = event.error, merged["error"] == nil {
            merged["error"] = .string(String(describing: error))
        }
        let line = Self.format(
            time: Date(), level: event.level, label: label, message: event.message.description, metadata: merged,
            json: json)
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }

    /// Formats one record as a single line (without the trailing newline).
    public static func format(
        time: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata, json: Bool
    ) -> String {
        let timestamp = rfc3339(time)
        let keys = metadata.keys.sorted()
        if json {
            var fields = [
                (#""time""#, jsonString(timestamp)), (#""level""#, jsonString(level.rawValue)),
                (#""label""#, jsonString(label)), (#""message""#, jsonString(message)),
            ]
            for key in keys {
                let name = ["time", "level", "label", "message"].contains(key) ? "metadata." + key : key
                fields.append((jsonString(name), jsonValue(metadata[key]!)))
            }
            return "{" + fields.map { "\($0.0):\($0.1)" }.joined(separator: ",") + "}"
        }
        var line = "\(timestamp) \(level.rawValue) \(label): \(escapeControls(message))"
        for key in keys {
            line += " \(key)=\(textValue(metadata[key]!.description))"
        }
        return line
    }

    /// UTC RFC 3339 with milliseconds, e.g. `2026-11-23T19:04:54.123Z`.
    static func rfc3339(_ date: Date) -> String {
        let totalMillis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(totalMillis >= 0 ? totalMillis / 1000 : (totalMillis - 999) / 1000)
        let millis = Int(totalMillis - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(millis), 3))Z"
    }

    private static func textValue(_ value: String) -> String {
        let needsQuotes =
            value.isEmpty
            || value.unicodeScalars.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0.value < 0x20 }
        guard needsQuotes else { return value }
        return "\"" + escapeControls(value.replacingOccurrences(of: "\\", with: "\\\\"), quote: true) + "\""
    }

    /// Escapes line breaks and other control characters (and `"` when `quote`) so a record stays on one line.
    private static func escapeControls(_ text: String, quote: Bool = false) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\"" where quote: out += "\\\""
            case _ where scalar.value < 0x20: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func jsonValue(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let string): return jsonString(string)
        case .stringConvertible(let convertible): return jsonString(convertible.description)
        case .array(let values): return "[" + values.map(jsonValue).joined(separator: ",") + "]"
        case .dictionary(let dictionary):
            let members = dictionary.keys.sorted().map { "\(jsonString($0)):\(jsonValue(dictionary[$0]!))" }
            return "{" + members.joined(separator: ",") + "}"
        }
    }

    private static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
