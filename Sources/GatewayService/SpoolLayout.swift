import CanonicalModel
import Foundation

/// The spool's folders (architecture §4, docs/spool.md). Every path the gateway writes is derived here.
public struct SpoolLayout: Sendable, Hashable {
    /// The spool directory (`--spool`, default `./Spool`), without a trailing slash.
    public var root: String

    public init(root: String) {
        var root = root
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        self.root = root
    }

    /// The shared drop: files here are routed by their envelope alone.
    public var inbound: String { "\(root)/inbound" }
    public func inbound(_ partner: String) -> String { "\(inbound)/\(partner)" }
    public var work: String { "\(root)/work" }
    /// Where acknowledgements and documents for `partner` wait for delivery.
    public func outbound(_ partner: String) -> String { "\(root)/outbound/\(partner)" }
    public var outgoing: String { "\(root)/outgoing" }
    public var archive: String { "\(root)/archive" }
    /// `archive/yyyy/mm/dd/<partner>/` for the UTC day `date`.
    public func archive(_ partner: String, on date: Date) -> String {
        let parts = Calendar.utc.dateComponents([.year, .month, .day], from: date)
        let day = String(format: "%04d/%02d/%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        return "\(archive)/\(day)/\(partner)"
    }
    public var quarantine: String { "\(root)/quarantine" }
    public func quarantine(_ partner: String) -> String { "\(quarantine)/\(partner)" }
    public var state: String { "\(root)/state" }
    public var events: String { "\(root)/events" }

    /// A channel path from `partner.yaml`: absolute as given, relative to the spool directory otherwise.
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : "\(root)/\(path)"
    }

    /// The partner directory name used for files not routed to any partner.
    public static let unroutedPartner = "_unknown"

    /// The claimed copy of a source file: one name per (source path, content).
    public func workCopy(sourcePath: String, sha256: String, name: String) -> String {
        let pathHash = String(SHA256.hex(Array(sourcePath.utf8)).prefix(12))
        return "\(work)/\(pathHash)-\(sha256.prefix(16))-\(name)"
    }

    /// The archived or quarantined copy's file name: the ledger id keeps names unique.
    public static func storedName(fileID: Int64, name: String) -> String { "\(fileID)-\(name)" }
}

extension Calendar {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
