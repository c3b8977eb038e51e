import EDIFormat
import Foundation

/// `<file>.error.json` beside a quarantined file: what was wrong and where, with codes and locations and
/// never a payload value (docs/spool.md).
public struct QuarantineReport: Sendable, Hashable, Codable {
    public struct Problem: Sendable, Hashable, Codable {
        public var code: String
        public var severity: String
        public var message: String
        public var location: Location
    }

    public var file: String
    public var fileID: Int64
    public var partner: String
    public var sha256: String
    public var size: Int64
    public var reason: String
    public var message: String
    public var time: String
    public var findings: [Problem]

    public init(
        file: String, fileID: Int64, partner: String, sha256: String, size: Int64, reason: QuarantineReason,
        time: String
    ) {
        self.file = file
        self.fileID = fileID
        self.partner = partner
        self.sha256 = sha256
        self.size = size
        self.reason = reason.code
        self.message = reason.message
        self.time = time
        // `Finding.value` (the offending data) is left out on purpose.
        findings = reason.findings.map {
            Problem(code: $0.code.rawValue, severity: $0.severity.rawValue, message: $0.message, location: $0.location)
        }
    }

    public func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }

    public static func read(_ bytes: [UInt8]) throws -> QuarantineReport {
        try JSONDecoder().decode(QuarantineReport.self, from: Data(bytes))
    }
}
