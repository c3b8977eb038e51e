// edigate-bench: throughput of EDIFormat on large files, release build only (see docs/performance.md).
//
//   edigate-bench FILE [FILE...] [--iterations N] [--chunk BYTES] [--only tokenize|parse|ack|translate] [--envelope-only]
//
// For each file (X12 or EDIFACT, detected from its first bytes) and each measurement, the file is read
// from disk with open/read in chunks (256 KiB by default) into one reused buffer and fed through:
//   tokenize            SegmentTokenizer.feed/finish, counting segments (and ST/UNH tags);
//   parse+validate      EDIStreamReader (retainTransactionSets: false), counting sets and findings;
//   parse+validate+ack  the same, plus a 997 (X12) or CONTRL (EDIFACT) for every interchange.
// With --envelope-only the parse modes run with ValidationOptions(checkElements: false): envelope, control
// number/count and character-set checks only, no element checks against the segment dictionary; they are
// then labelled parse+envelope and parse+envelope+ack.
// The best wall time (CLOCK_MONOTONIC) of N iterations is reported; reading the file is included, as
// it is in the C ceiling. MB = 10^6 bytes. Peak RSS (ru_maxrss) of the whole process is printed last.
// Nothing here asserts on timings.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
import CanonicalModel
import EDIFormat
import Foundation
import GatewayMapping

// MARK: - Arguments

/// Writes to standard error (file descriptor 2; the C `stderr` global is not concurrency-safe).
func printError(_ text: String) {
    var text = text
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}

func usage() -> Never {
    let text =
        "usage: edigate-bench FILE [FILE...] [--iterations N] [--chunk BYTES]"
        + " [--only tokenize|parse|ack|translate] [--envelope-only]\n"
    printError(text)
    exit(2)
}

enum Mode: String, CaseIterable {
    case tokenize
    case parse
    case ack
    case translate

    func label(envelopeOnly: Bool) -> String {
        switch self {
        case .translate: "translate+json"
        case .tokenize: "tokenize"
        case .parse: envelopeOnly ? "parse+envelope" : "parse+validate"
        case .ack: envelopeOnly ? "parse+envelope+ack" : "parse+validate+ack"
        }
    }
}

struct Options {
    var files: [String] = []
    var iterations = 3
    var chunkSize = 256 * 1024
    var modes = Mode.allCases
    var envelopeOnly = false
}

func parseOptions() -> Options {
    var options = Options()
    var arguments = CommandLine.arguments.dropFirst()
    while let argument = arguments.popFirst() {
        switch argument {
        case "--iterations", "-n":
            guard let value = arguments.popFirst().flatMap({ Int($0) }), value >= 1 else { usage() }
            options.iterations = value
        case "--chunk":
            guard let value = arguments.popFirst().flatMap({ Int($0) }), value >= 1 else { usage() }
            options.chunkSize = value
        case "--only":
            guard let value = arguments.popFirst(), let mode = Mode(rawValue: value) else { usage() }
            options.modes = [mode]
        case "--envelope-only":
            options.envelopeOnly = true
        case "-h", "--help":
            usage()
        default:
            if argument.hasPrefix("-") { usage() }
            options.files.append(argument)
        }
    }
    if options.files.isEmpty { usage() }
    return options
}

let options = parseOptions()
let chunkSize = options.chunkSize
let iterations = options.iterations
let files = options.files

// MARK: - Helpers

func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// `value` with `decimals` digits after the point (no Foundation).
func fixed(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return "-" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let whole = Int(scaled / scale)
    let fraction = Int(scaled - Double(whole) * scale)
    var text = (value < 0 ? "-" : "") + String(whole)
    if decimals > 0 {
        let digits = String(fraction)
        text += "." + String(repeating: "0", count: decimals - digits.count) + digits
    }
    return text
}

func leftPad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}

func rightPad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

func baseName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}

/// Reads `path` in chunks into one reused buffer, handing each chunk (as an array of exactly the bytes
/// read) to `body`. Returns the number of bytes read.
func readChunks(_ path: String, into buffer: inout [UInt8], _ body: ([UInt8]) -> Void) -> Int {
    let fd = open(path, O_RDONLY)
    if fd < 0 {
        printError("edigate-bench: cannot open \(path)\n")
        exit(1)
    }
    defer { close(fd) }
    var total = 0
    while true {
        if buffer.count != chunkSize { buffer = [UInt8](repeating: 0, count: chunkSize) }
        let got = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress, chunkSize) }
        if got < 0 {
            printError("edigate-bench: read error on \(path)\n")
            exit(1)
        }
        if got == 0 { break }
        total += got
        if got < chunkSize { buffer.removeLast(chunkSize - got) }
        body(buffer)
    }
    return total
}

/// X12 or EDIFACT, from the first bytes of the file (after whitespace and a byte-order mark).
func detectFormat(_ path: String) -> String {
    var head = [UInt8](repeating: 0, count: 4096)
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return "?" }
    let got = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
    close(fd)
    guard got > 0 else { return "?" }
    var index = 0
    while index < got, [0x20, 0x09, 0x0D, 0x0A, 0xEF, 0xBB, 0xBF].contains(head[index]) { index += 1 }
    guard index + 3 <= got else { return "?" }
    let tag = String(decoding: head[index..<index + 3], as: UTF8.self)
    switch tag {
    case "ISA": return "X12"
    case "UNA", "UNB": return "EDIFACT"
    default: return "?"
    }
}

// MARK: - Measurements

struct Counts: Equatable {
    var bytes = 0
    var segments = 0
    var sets = 0
    var findings = 0
    var errors = 0
    var interchanges = 0
    var acknowledgements = 0
    var ackBytes = 0
}

let ackSettings = AcknowledgementSettings(date: "20240115", time: "1230")

func runTokenize(_ path: String, buffer: inout [UInt8]) -> Counts {
    var counts = Counts()
    var tokenizer = SegmentTokenizer()
    func count(_ tokens: [Token]) {
        for token in tokens {
            if case .segment(let segment) = token {
                counts.segments += 1
                let tag = segment.tag
                if tag == .ST || tag == .UNH { counts.sets += 1 }
            }
        }
    }
    counts.bytes = readChunks(path, into: &buffer) { chunk in count(tokenizer.feed(chunk)) }
    count(tokenizer.finish())
    return counts
}

func runParse(_ path: String, buffer: inout [UInt8], acknowledge: Bool) -> Counts {
    var counts = Counts()
    var reader = EDIStreamReader(
        retainTransactionSets: false, options: ValidationOptions(checkElements: !options.envelopeOnly))
    let emit: (EnvelopeEvent) -> Void = { event in
        switch event {
        case .transactionSet(_, let report):
            counts.sets += 1
            counts.segments += report.segmentCount
            counts.findings += report.findings.count
            for finding in report.findings where finding.isError { counts.errors += 1 }
        case .interchange(let interchange):
            let report = interchange.report
            counts.interchanges += 1
            counts.findings += report.findings.count
            for finding in report.findings where finding.isError { counts.errors += 1 }
            for group in report.groups {
                counts.findings += group.findings.count
                for finding in group.findings where finding.isError { counts.errors += 1 }
            }
            if acknowledge {
                let ack: [UInt8]?
                switch report.standard {
                case .x12: ack = X12Acknowledgement.functional(.fa997, for: report, settings: ackSettings)
                case .edifact: ack = CONTRLAcknowledgement.build(for: report, settings: ackSettings)
                }
                if let ack {
                    counts.acknowledgements += 1
                    counts.ackBytes += ack.count
                }
            }
        case .fileFinding(let finding):
            counts.findings += 1
            if finding.isError { counts.errors += 1 }
        }
    }
    counts.bytes = readChunks(path, into: &buffer) { chunk in reader.feed(chunk, emit: emit) }
    reader.finish(emit: emit)
    return counts
}

/// Parse + validate + map + JSON: the whole file parsed with its tree retained, every set mapped to its
/// canonical event, every event encoded as a JSON line. `sets` counts the events (documents).
func runTranslate(_ path: String, buffer: inout [UInt8]) -> Counts {
    var counts = Counts()
    var bytes: [UInt8] = []
    counts.bytes = readChunks(path, into: &buffer) { chunk in bytes.append(contentsOf: chunk) }
    let parsed = EDIParser.parse(bytes)
    let translation = Translator.translate(
        parsed, context: MappingContext(partner: "bench", time: "2024-01-15T12:30:00Z"))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let encodes = ProcessInfo.processInfo.environment["EDIGATE_BENCH_NO_JSON"] == nil
    for event in translation.events {
        guard encodes else {
            counts.sets += 1
            continue
        }
        guard let json = try? encoder.encode(event) else { continue }
        counts.sets += 1
        counts.ackBytes += json.count + 1
    }
    counts.interchanges = parsed.interchanges.count
    counts.findings = translation.issues.count
    return counts
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

var buffer: [UInt8] = []
let nameWidth = max(24, files.map { baseName($0).count }.max() ?? 0)
print("# edigate-bench: best of \(iterations), chunk \(chunkSize) bytes, MB = 10^6 bytes")
for path in files {
    let format = detectFormat(path)
    for mode in options.modes {
        var best = Double.infinity
        var counts = Counts()
        for iteration in 0..<iterations {
            let start = now()
            let result: Counts
            switch mode {
            case .tokenize: result = runTokenize(path, buffer: &buffer)
            case .parse: result = runParse(path, buffer: &buffer, acknowledge: false)
            case .ack: result = runParse(path, buffer: &buffer, acknowledge: true)
            case .translate: result = runTranslate(path, buffer: &buffer)
            }
            let elapsed = now() - start
            if iteration > 0 && result != counts {
                printError("edigate-bench: counts differ between iterations on \(path)\n")
                exit(1)
            }
            counts = result
            best = min(best, elapsed)
        }
        let megabytes = Double(counts.bytes) / 1e6
        let label = mode.label(envelopeOnly: options.envelopeOnly)
        var line = rightPad(baseName(path), nameWidth) + "  " + rightPad(format, 7) + "  " + rightPad(label, 18)
        line += "  " + leftPad(fixed(megabytes / best, 1), 8) + " MB/s"
        line += "  " + leftPad(fixed(Double(counts.sets) / best, 0), 9) + " sets/s"
        line += "  " + leftPad(fixed(best, 3), 7) + " s"
        // Parse modes count the segments of transaction sets (ST..SE, UNH..UNT), not the envelope segments.
        line += "  \(mode == .tokenize ? "segments" : "set_segments")=\(counts.segments) sets=\(counts.sets)"
        if mode != .tokenize {
            line += " findings=\(counts.findings) errors=\(counts.errors) interchanges=\(counts.interchanges)"
        }
        if mode == .ack { line += " acks=\(counts.acknowledgements) ack_bytes=\(counts.ackBytes)" }
        if mode == .translate { line += " events=\(counts.sets) json_bytes=\(counts.ackBytes)" }
        print(line)
    }
}
print("peak RSS \(fixed(peakRSSMiB(), 1)) MiB")
