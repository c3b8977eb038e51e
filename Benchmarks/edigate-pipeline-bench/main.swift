// edigate-pipeline-bench: "drop to durable event" throughput of the whole inbound pipeline, release build only.
//
//   edigate-pipeline-bench [--small N] [--large FILE ...] [--partners DIR] [--keep]
//   edigate-pipeline-bench --sftp SSHD_DIR   SFTP throughput against scripts/sshd-test-server.sh's server
//
// For each scenario a fresh temporary directory gets a copy of the partner configuration (`--partners`,
// default ./Partners) with the stable-file policy of `_defaults/partner.yaml` set to quietMilliseconds: 0 and
// minimumAgeMilliseconds: 0, and an empty spool. The input is written into `Spool/inbound/` (the shared drop,
// routed by envelope) BEFORE timing starts; then `Gateway(...)` followed by `runOnce(maxWait: 5 s)` is timed
// (CLOCK_MONOTONIC), once: the wall time from "drop present" to "every event fsynced in Spool/events/ and every
// file archived". That includes the stable-file scan, the claim copy into work/ (fsync), the SQLite commits
// (synchronous=FULL), the acknowledgements written (fsync), the queue appends (fsync) and the archive renames.
//   --small N     N distinct small acme-retail 850 interchanges (one set each, ~400 bytes; default 10000, 0: none)
//   --large FILE  one large X12 file (e.g. from ../shared/bench/gen_corpus.py); a partner `bench-sender` whose
//                 X12 identity is the file's ISA05/ISA06 is added to the copied configuration, accepting the
//                 set types found in the file. Repeatable; each FILE also may be followed by more FILEs.
//   --keep        keep the temporary directories (their paths are printed)
// Sets/s counts the events that reach the queue (one per transaction set). MB = 10^6 bytes. The peak RSS
// (ru_maxrss) is that of the whole process so far. Nothing here asserts on timings; the run fails (exit 1) when
// a file is not archived or the event count is not the expected one.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import GatewayService
import GatewayTelemetry

// MARK: - Arguments

/// Writes to standard error (file descriptor 2; the C `stderr` global is not concurrency-safe).
func printError(_ text: String) {
    var text = text
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}

func fail(_ text: String) -> Never {
    printError("edigate-pipeline-bench: \(text)\n")
    exit(1)
}

func usage() -> Never {
    printError(
        "usage: edigate-pipeline-bench [--small N] [--large FILE ...] [--partners DIR] [--keep] | --sftp SSHD_DIR\n")
    exit(2)
}

struct Options {
    var small = 10_000
    var large: [String] = []
    var partners = "Partners"
    var keep = false
    /// A running test sshd's directory (scripts/sshd-test-server.sh): measure SFTP throughput instead.
    var sftp: String?
}

func parseOptions() -> Options {
    var options = Options()
    var arguments = CommandLine.arguments.dropFirst()
    var inLarge = false
    while let argument = arguments.popFirst() {
        switch argument {
        case "--small":
            guard let value = arguments.popFirst().flatMap({ Int($0) }), value >= 0 else { usage() }
            options.small = value
            inLarge = false
        case "--large":
            guard let value = arguments.popFirst(), !value.hasPrefix("-") else { usage() }
            options.large.append(value)
            inLarge = true
        case "--partners":
            guard let value = arguments.popFirst() else { usage() }
            options.partners = value
            inLarge = false
        case "--keep":
            options.keep = true
            inLarge = false
        case "--sftp":
            guard let value = arguments.popFirst() else { usage() }
            options.sftp = value
            inLarge = false
        case "-h", "--help":
            usage()
        default:
            if argument.hasPrefix("-") || !inLarge { usage() }
            options.large.append(argument)
        }
    }
    return options
}

// MARK: - Helpers

func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// `value` with `decimals` digits after the point.
func fixed(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return "-" }
    return String(format: "%.\(decimals)f", value)
}

func baseName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}

#if canImport(Glibc)
    let RUSAGE_SELF_WHO = __rusage_who_t(RUSAGE_SELF.rawValue)
#else
    let RUSAGE_SELF_WHO = RUSAGE_SELF
#endif

func peakRSSMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF_WHO, &usage)
    #if canImport(Darwin)
        return Double(usage.ru_maxrss) / 1_048_576  // bytes on macOS
    #else
        return Double(usage.ru_maxrss) / 1024  // KiB on Linux
    #endif
}

// MARK: - Workspace

/// A temporary directory holding a copy of the partner configuration (stable-file policy 0 ms) and a spool.
struct Workspace {
    let root: String
    var partners: String { "\(root)/Partners" }
    var spool: String { "\(root)/Spool" }
    var inbound: String { "\(spool)/inbound" }

    init(label: String, partnersSource: String) throws {
        root =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("edigate-pipeline-bench-\(label)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: partnersSource, toPath: partners)
        let defaults = "\(partners)/_defaults/partner.yaml"
        var text = try String(contentsOfFile: defaults, encoding: .utf8)
        text = text.replacingOccurrences(of: "quietMilliseconds: 2000", with: "quietMilliseconds: 0")
        text = text.replacingOccurrences(of: "minimumAgeMilliseconds: 5000", with: "minimumAgeMilliseconds: 0")
        guard text.contains("quietMilliseconds: 0"), text.contains("minimumAgeMilliseconds: 0") else {
            throw BenchError("\(defaults): could not set the stable-file policy to 0 ms")
        }
        try text.write(toFile: defaults, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: inbound, withIntermediateDirectories: true)
    }

    func finish(keep: Bool) {
        if keep {
            print("  kept \(root)")
        } else {
            try? FileManager.default.removeItem(atPath: root)
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Writes `bytes` to `path` (no fsync: the drop is set up before timing starts).
func writeFile(_ bytes: [UInt8], to path: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    if fd < 0 { fail("cannot create \(path)") }
    defer { close(fd) }
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { raw in write(fd, raw.baseAddress! + offset, bytes.count - offset) }
        if written <= 0 { fail("cannot write \(path)") }
        offset += written
    }
}

// MARK: - Inputs

/// A small X12 850 from acme-retail (ISA06 ACMERETAIL), with its control number and PO number; the same
/// shape as the tests' `acmeOrder`.
func acmeOrder(control: Int, po: String) -> String {
    let isa13 = String(format: "%09d", control)
    return """
        ISA*00*          *00*          *ZZ*ACMERETAIL     *ZZ*EDIGATE        *240410*1200*U*00401*\(isa13)*0*P*>~
        GS*PO*ACMERETAIL*EDIGATE*20240410*1200*\(control)*X*004010~
        ST*850*0001~
        BEG*00*SA*\(po)**20240410~
        PO1*1*10*EA*12.5**VN*WID-100~
        CTT*1~
        SE*5*0001~
        GE*1*\(control)~
        IEA*1*\(isa13)~

        """
}

/// What a large X12 file's envelope says: the sender (ISA05/ISA06, trimmed) and the set types (ST01) in it.
struct X12Header {
    var qualifier: String
    var id: String
    var setTypes: [String: Int]
    var sets: Int { setTypes.values.reduce(0, +) }
}

func readX12Header(_ path: String) throws -> X12Header {
    guard let data = FileManager.default.contents(atPath: path) else { throw BenchError("cannot read \(path)") }
    let bytes = [UInt8](data)
    var start = 0
    while start < bytes.count, [0x20, 0x09, 0x0D, 0x0A, 0xEF, 0xBB, 0xBF].contains(bytes[start]) { start += 1 }
    guard bytes.count >= start + 106, bytes[start..<start + 3].elementsEqual("ISA".utf8) else {
        throw BenchError("\(path): not an X12 file (no ISA at the start)")
    }
    let separator = bytes[start + 3]
    let terminator = bytes[start + 105]
    let fields = bytes[start..<start + 105].split(separator: separator, omittingEmptySubsequences: false)
    guard fields.count >= 16 else { throw BenchError("\(path): malformed ISA segment") }
    func text(_ field: ArraySlice<UInt8>) -> String {
        String(decoding: field, as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }
    // ST01 of every set: "ST<separator>" at the start of a segment (after the terminator and any line break).
    var types: [String: Int] = [:]
    var index = start
    let whitespace: Set<UInt8> = [0x20, 0x09, 0x0D, 0x0A]
    while index < bytes.count {
        while index < bytes.count, whitespace.contains(bytes[index]) { index += 1 }
        if index + 3 < bytes.count, bytes[index] == UInt8(ascii: "S"), bytes[index + 1] == UInt8(ascii: "T"),
            bytes[index + 2] == separator
        {
            var end = index + 3
            while end < bytes.count, bytes[end] != separator, bytes[end] != terminator { end += 1 }
            types[String(decoding: bytes[(index + 3)..<end], as: UTF8.self), default: 0] += 1
        }
        while index < bytes.count, bytes[index] != terminator { index += 1 }
        index += 1
    }
    return X12Header(qualifier: text(fields[5]), id: text(fields[6]), setTypes: types)
}

// MARK: - Runs

struct Measurement {
    var seconds: Double
    var summary: RunSummary
}

/// `Gateway(...)` + `runOnce`, timed from construction to return.
func measure(_ workspace: Workspace) async throws -> Measurement {
    let start = now()
    let gateway = try Gateway(partnersDirectory: workspace.partners, spoolDirectory: workspace.spool)
    let summary = try await gateway.runOnce(maxWait: .seconds(5))
    return Measurement(seconds: now() - start, summary: summary)
}

func quarantineDetails(_ outcome: FileOutcome) -> String {
    var text = "\(outcome.name): \(outcome.state.rawValue) (\(outcome.reason ?? "no reason"))"
    if let report = FileManager.default.contents(atPath: outcome.path + ".error.json") {
        text += "\n" + String(decoding: report.prefix(4000), as: UTF8.self)
    }
    return text
}

func runSmall(count: Int, options: Options) async throws {
    let workspace = try Workspace(label: "small", partnersSource: options.partners)
    defer { workspace.finish(keep: options.keep) }
    var bytes = 0
    for index in 1...count {
        let text = acmeOrder(control: 100_000 + index, po: "PO\(100_000 + index)")
        let name = "order-" + String(format: "%06d", index) + ".edi"
        writeFile(Array(text.utf8), to: "\(workspace.inbound)/\(name)")
        bytes += text.utf8.count
    }
    let result = try await measure(workspace)
    let outcomes = result.summary.outcomes
    let notArchived = outcomes.filter { $0.state != .archived }
    let events = outcomes.reduce(0) { $0 + $1.events }
    if let first = notArchived.first {
        fail(
            "small: \(notArchived.count) of \(outcomes.count) file(s) not archived; first: \(quarantineDetails(first))")
    }
    if outcomes.count != count || events != count || !result.summary.waiting.isEmpty {
        fail(
            "small: expected \(count) files archived with \(count) events; got \(outcomes.count) archived, "
                + "\(events) events, \(result.summary.waiting.count) still waiting")
    }
    let seconds = result.seconds
    var line = "small  \(count) files x ~\(bytes / count) B (\(fixed(Double(bytes) / 1e6, 2)) MB)"
    line += "  \(fixed(seconds, 3)) s"
    line += "  \(fixed(Double(count) / seconds, 0)) files/s"
    line += "  \(fixed(Double(events) / seconds, 0)) sets/s"
    line += "  \(fixed(Double(bytes) / 1e6 / seconds, 3)) MB/s"
    line += "  \(fixed(seconds * 1000 / Double(count), 3)) ms/file"
    line += "  events=\(events)  peak RSS \(fixed(peakRSSMiB(), 1)) MiB"
    print(line)
}

func runLarge(path: String, options: Options) async throws {
    let header = try readX12Header(path)
    guard !header.setTypes.isEmpty else { throw BenchError("\(path): no transaction sets found") }
    let workspace = try Workspace(label: "large", partnersSource: options.partners)
    defer { workspace.finish(keep: options.keep) }
    let accepted = header.setTypes.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
    let partner = """
        # Added by edigate-pipeline-bench: the sender of \(baseName(path)).
        id: bench-sender
        name: Pipeline benchmark sender
        identities:
          x12:
            qualifier: \(header.qualifier)
            id: \(header.id)
        documents:
          accepted: [\(accepted)]
        acknowledgements:
          x12: "997"

        """
    try FileManager.default.createDirectory(
        atPath: "\(workspace.partners)/bench-sender", withIntermediateDirectories: true)
    try partner.write(toFile: "\(workspace.partners)/bench-sender/partner.yaml", atomically: true, encoding: .utf8)
    let destination = "\(workspace.inbound)/\(baseName(path))"
    try FileManager.default.copyItem(atPath: path, toPath: destination)
    let bytes = (try FileManager.default.attributesOfItem(atPath: destination)[.size] as? NSNumber)?.intValue ?? 0

    let result = try await measure(workspace)
    let outcomes = result.summary.outcomes
    guard outcomes.count == 1, let outcome = outcomes.first else {
        fail(
            "large \(baseName(path)): expected 1 file, got \(outcomes.count) outcome(s), "
                + "\(result.summary.waiting.count) still waiting")
    }
    if outcome.state != .archived { fail("large: not archived: \(quarantineDetails(outcome))") }
    if outcome.events != header.sets {
        fail("large \(baseName(path)): \(header.sets) sets in the file but \(outcome.events) events")
    }
    let seconds = result.seconds
    let types = header.setTypes.keys.sorted().map { "\($0):\(header.setTypes[$0]!)" }.joined(separator: " ")
    var line = "large  \(baseName(path)) (\(fixed(Double(bytes) / 1e6, 1)) MB, sets \(types))"
    line += "  \(fixed(seconds, 3)) s"
    line += "  \(fixed(Double(outcome.events) / seconds, 0)) sets/s"
    line += "  \(fixed(Double(bytes) / 1e6 / seconds, 1)) MB/s"
    line += "  events=\(outcome.events) acks=\(outcome.acknowledgements.count)"
    line += "  peak RSS \(fixed(peakRSSMiB(), 1)) MiB"
    print(line)
}

// MARK: - Main

let options = parseOptions()
if let server = options.sftp {
    do {
        try await runSFTP(serverDirectory: server)
    } catch {
        fail("\(error)")
    }
    exit(0)
}
if options.small == 0 && options.large.isEmpty { usage() }
var isDirectory: ObjCBool = false
guard FileManager.default.fileExists(atPath: options.partners, isDirectory: &isDirectory), isDirectory.boolValue
else { fail("\(options.partners): no such partner directory (--partners)") }
_ = Telemetry.bootstrap(logLevel: .error)

print("# edigate-pipeline-bench: drop to durable event, one timed run per scenario, MB = 10^6 bytes")
print(
    "# wall time from the drop present in Spool/inbound/ to every event fsynced in Spool/events/ and every file"
)
print(
    "# archived: Gateway init + runOnce (stable-file scan, claim copy with fsync, SQLite commits with"
        + " synchronous=FULL,")
print("# acks written with fsync, queue appends with fsync, archive renames); stable-file policy 0 ms")
do {
    if options.small > 0 { try await runSmall(count: options.small, options: options) }
    for path in options.large { try await runLarge(path: path, options: options) }
} catch {
    fail("\(error)")
}
