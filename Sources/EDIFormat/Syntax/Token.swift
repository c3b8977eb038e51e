/// What the tokenizer hands on: segments, and the few facts only it can see.
public enum Token: Sendable {
    /// A segment, with its delimiters and encoding attached.
    case segment(Segment)
    /// An EDIFACT service string advice (`UNA` + 6 characters), which is not a segment.
    case serviceStringAdvice(bytes: [UInt8], offset: Int)
    /// The bytes between an interchange header (ISA, UNB) and the next segment: the interchange's
    /// segment suffix (`""`, `"\n"`, `"\r\n"`), whatever the chunking.
    case segmentSuffix([UInt8])
    /// A problem found while cutting bytes into segments.
    case issue(TokenIssue)
}

/// A problem the tokenizer finds: where (byte offset) and what.
public struct TokenIssue: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Bytes that start no interchange.
        case strayData(length: Int)
        /// Nothing in the input starts an interchange.
        case notEDI
        /// The ISA is not fixed-width; `element` is the 1-based ISA element whose width is wrong,
        /// when the header still splits into 16 elements. The interchange that follows is tokenized
        /// with the delimiters found by splitting.
        case headerShape(element: Int?)
        /// No usable delimiters could be found in the interchange header; the interchange is skipped.
        case delimiters
        /// The X12 segment terminator is the first byte of a multi-byte character.
        case multiByteTerminator
        /// An EBCDIC interchange.
        case ebcdic
    }

    public var kind: Kind
    public var offset: Int
}
