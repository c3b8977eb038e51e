/// The parsed and validated content of one input: its interchanges and the problems outside them.
public struct ParsedInput: Sendable {
    public var interchanges: [Interchange] = []
    /// Findings outside any interchange: not EDI, stray bytes, unreadable headers.
    public var findings: [Finding] = []

    /// Every finding, file-level and within interchanges, in byte order.
    public var allFindings: [Finding] {
        (findings + interchanges.flatMap(\.report.allFindings)).sorted {
            $0.location.byteOffset < $1.location.byteOffset
        }
    }

    /// True when any finding is an error.
    public var hasErrors: Bool { allFindings.contains { $0.isError } }

    /// True when the input holds no interchange at all.
    public var isEDI: Bool { !interchanges.isEmpty }
}

/// One-call parsing and streaming over the tokenizer and the envelope parser.
public enum EDIParser {
    /// Parses and validates a whole input held in memory, retaining the full tree.
    public static func parse(_ bytes: [UInt8], options: ValidationOptions = ValidationOptions()) -> ParsedInput {
        var reader = EDIStreamReader(retainTransactionSets: true, options: options)
        var result = ParsedInput()
        let collect: (EnvelopeEvent) -> Void = { event in
            switch event {
            case .interchange(let interchange): result.interchanges.append(interchange)
            case .fileFinding(let finding): result.findings.append(finding)
            case .transactionSet: break
            }
        }
        reader.feed(bytes, emit: collect)
        reader.finish(emit: collect)
        return result
    }
}

/// Streaming parse and validation: feed chunks, receive transaction sets and interchanges as they complete.
public struct EDIStreamReader {
    var tokenizer = SegmentTokenizer()
    var parser: EnvelopeParser

    public init(retainTransactionSets: Bool = false, options: ValidationOptions = ValidationOptions()) {
        parser = EnvelopeParser(retainTransactionSets: retainTransactionSets, options: options)
    }

    public mutating func feed(_ chunk: [UInt8], emit: (EnvelopeEvent) -> Void) {
        for token in tokenizer.feed(chunk) { parser.consume(token, emit: emit) }
    }

    public mutating func finish(emit: (EnvelopeEvent) -> Void) {
        for token in tokenizer.finish() { parser.consume(token, emit: emit) }
        parser.finish(emit: emit)
    }
}
