import Foundation

/// A throwaway gateway: a copy of the repository's `Partners/` (with a test stable-file policy) and an empty
/// spool, in a temporary directory removed at the end. Runs the real `edigate` binary on them.
final class GatewayFixture {
    let root: String
    var partners: String { "\(root)/Partners" }
    var spool: String { "\(root)/Spool" }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// `quietMilliseconds` and `minimumAgeMilliseconds` replace the shipped defaults (2 s, 5 s) so tests run fast.
    init(quietMilliseconds: Int = 0, minimumAgeMilliseconds: Int = 0) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("edigate-run-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "\(Self.repository)/Partners", toPath: partners)
        let defaults = "\(partners)/_defaults/partner.yaml"
        var text = try String(contentsOfFile: defaults, encoding: .utf8)
        text = text.replacingOccurrences(
            of: "quietMilliseconds: 2000", with: "quietMilliseconds: \(quietMilliseconds)")
        text = text.replacingOccurrences(
            of: "minimumAgeMilliseconds: 5000", with: "minimumAgeMilliseconds: \(minimumAgeMilliseconds)")
        try text.write(toFile: defaults, atomically: true, encoding: .utf8)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// `edigate <arguments> --partners P --spool S`.
    func run(_ arguments: [String]) throws -> CLITests.Run {
        try CLITests.run(arguments + ["--partners", partners, "--spool", spool])
    }

    /// Drops `bytes` as `name` into `inbound/` or `inbound/<partner>/`, the way a partner should: a temporary
    /// name, then a rename.
    func drop(_ bytes: [UInt8], as name: String, partner: String? = nil) throws {
        let directory = partner.map { "\(spool)/inbound/\($0)" } ?? "\(spool)/inbound"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = "\(directory)/\(name).part"
        try Data(bytes).write(to: URL(fileURLWithPath: temporary))
        try FileManager.default.moveItem(atPath: temporary, toPath: "\(directory)/\(name)")
    }

    func drop(_ text: String, as name: String, partner: String? = nil) throws {
        try drop(Array(text.utf8), as: name, partner: partner)
    }

    /// Every file under `directory` of the spool (relative paths, sorted).
    func files(in directory: String) -> [String] {
        let base = "\(spool)/\(directory)"
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var result: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(base)/\(path)", isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                result.append(path)
            }
        }
        return result.sorted()
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOfFile: "\(spool)/\(relative)", encoding: .utf8)
    }

    /// The queue's events, parsed: every type but `edigate.file.quarantined.v1` (see `quarantineEvents`).
    func events() throws -> [[String: Any]] {
        try allEvents().filter { $0["type"] as? String != "edigate.file.quarantined.v1" }
    }

    /// The `edigate.file.quarantined.v1` events.
    func quarantineEvents() throws -> [[String: Any]] {
        try allEvents().filter { $0["type"] as? String == "edigate.file.quarantined.v1" }
    }

    func allEvents() throws -> [[String: Any]] {
        let result = try run(["events"])
        return try result.stdout.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
    }
}

/// A small X12 850 from acme-retail (ISA06 ACMERETAIL), with its control number and PO number.
func acmeOrder(control: Int, po: String, segmentCount: Int = 5) -> String {
    let isa13 = String(format: "%09d", control)
    return """
        ISA*00*          *00*          *ZZ*ACMERETAIL     *ZZ*EDIGATE        *240410*1200*U*00401*\(isa13)*0*P*>~
        GS*PO*ACMERETAIL*EDIGATE*20240410*1200*\(control)*X*004010~
        ST*850*0001~
        BEG*00*SA*\(po)**20240410~
        PO1*1*10*EA*12.5**VN*WID-100~
        CTT*1~
        SE*\(segmentCount)*0001~
        GE*1*\(control)~
        IEA*1*\(isa13)~

        """
}
