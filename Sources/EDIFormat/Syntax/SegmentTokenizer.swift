/// Cuts a byte stream into segments, X12 and EDIFACT alike, whatever the chunking.
///
/// Each interchange brings its own delimiters: the tokenizer reads them from the ISA, the UNA or the
/// UNB defaults whenever one of those tags starts a segment. Between segments it skips CR, LF, TAB,
/// spaces and a byte-order mark; inside a segment it drops CR and LF that are not delimiters, which
/// unwraps files hard-wrapped at a fixed width. Feed chunks with `feed(_:)`, then call `finish()`.
public struct SegmentTokenizer {
    /// Bytes not yet handed out as segments; `buffer[0]` is at input offset `baseOffset`.
    var buffer: [UInt8] = []
    var baseOffset = 0
    /// Scan position and the start of the open segment (-1 between segments).
    var position = 0
    var segmentStart = -1
    /// Element separator positions; the open segment's are at `openMarkStart...`.
    var marks: [Int32] = []
    var openMarkStart = 0
    var openFlags: Segment.Flags = []
    var openNeedsUnwrap = false

    /// The current interchange's syntax.
    var delimiters = Delimiters.x12()
    var encoding = TextEncoding.utf8
    var inInterchange = false
    var sawUNA = false
    var sawInterchange = false
    /// The X12 terminator is the lead byte of a multi-byte character: skip its continuation bytes.
    var skipsContinuationBytes = false
    /// The bytes skipped after an interchange header (ISA, UNB), collected until the next segment starts:
    /// they are the interchange's segment suffix, which a writer reproduces.
    var headerGap: [UInt8]?
    /// After an EBCDIC header nothing more can be read: the rest of the input is ignored.
    var ignoresRest = false
    /// Start offset of stray bytes being skipped, if any.
    var strayStart: Int?
    var classes = ByteClasses(delimiters: Delimiters.x12())

    /// Segments and issues completed in the current call, in order.
    var pending: [Pending] = []

    enum Pending {
        case segment(
            start: Int32, end: Int32, markStart: Int32, markCount: Int32, flags: Segment.Flags, delimiters: Delimiters,
            encoding: TextEncoding)
        case unwrapped(Segment)
        case una([UInt8], Int)
        case gap([UInt8])
        case issue(TokenIssue)
    }

    public init() {}

    /// Tokenizes one more chunk and returns what it completed.
    public mutating func feed(_ chunk: [UInt8]) -> [Token] {
        if buffer.isEmpty {
            buffer = chunk
        } else {
            buffer.append(contentsOf: chunk)
        }
        run(final: false)
        return flush()
    }

    /// Tokenizes one more chunk given as raw bytes.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer) -> [Token] {
        buffer.append(contentsOf: chunk)
        run(final: false)
        return flush()
    }

    /// Ends the input: an open segment is returned unterminated.
    public mutating func finish() -> [Token] {
        run(final: true)
        if segmentStart >= 0 {
            if position > segmentStart {
                openFlags.insert(.unterminated)
                closeSegment(end: position)
            } else {
                segmentStart = -1
            }
        }
        if let strayStart {
            pending.append(
                .issue(TokenIssue(kind: .strayData(length: baseOffset + buffer.count - strayStart), offset: strayStart))
            )
            self.strayStart = nil
        }
        if !sawInterchange {
            pending.append(.issue(TokenIssue(kind: .notEDI, offset: 0)))
            sawInterchange = true
        }
        position = buffer.count
        return flush()
    }

    /// Tokenizes a whole input at once.
    public static func tokenize(_ bytes: [UInt8]) -> [Token] {
        var tokenizer = SegmentTokenizer()
        return tokenizer.feed(bytes) + tokenizer.finish()
    }

    // MARK: - Scanning

    mutating func run(final: Bool) {
        if ignoresRest {
            position = buffer.count
            return
        }
        while true {
            if segmentStart < 0 {
                guard startSegment(final: final) else { return }
            }
            guard scanSegment() else { return }
        }
    }

    /// Skips whitespace and detects interchange headers; returns false when more input is needed.
    mutating func startSegment(final: Bool) -> Bool {
        while true {
            skipWhitespace()
            if position >= buffer.count { return false }
            let remaining = buffer.count - position
            if remaining < 4 && !final { return false }
            let header = interchangeHeader(at: position)
            if header == .none {
                if inInterchange {
                    break
                }
                if !seekInterchange(final: final) { return false }
                continue
            }
            if let strayStart {
                pending.append(
                    .issue(TokenIssue(kind: .strayData(length: baseOffset + position - strayStart), offset: strayStart))
                )
                self.strayStart = nil
            }
            switch header {
            case .isa:
                guard let ready = detectX12(final: final) else { return false }
                if !ready { continue }
            case .una:
                if remaining < 9 && !final { return false }
                if remaining < 9 {
                    pending.append(.issue(TokenIssue(kind: .delimiters, offset: baseOffset + position)))
                    position = buffer.count
                    return false
                }
                detectUNA()
                continue
            case .unb:
                detectUNB()
            case .ebcdic:
                pending.append(.issue(TokenIssue(kind: .ebcdic, offset: baseOffset + position)))
                sawInterchange = true
                inInterchange = false
                ignoresRest = true
                position = buffer.count
                return false
            case .none:
                break
            }
            break
        }
        if let gap = headerGap {
            pending.append(.gap(gap))
            headerGap = nil
        }
        segmentStart = position
        openMarkStart = marks.count
        openFlags = []
        openNeedsUnwrap = false
        return true
    }

    mutating func skipWhitespace() {
        let segmentByte = delimiters.segment
        while position < buffer.count {
            let byte = buffer[position]
            if byte == segmentByte && inInterchange { return }
            switch byte {
            case 0x0D, 0x0A, 0x09, 0x20:
                if headerGap != nil && headerGap!.count < 4 { headerGap!.append(byte) }
                position += 1
            case 0x80...0xBF where skipsContinuationBytes:
                position += 1
            case 0xEF where position + 2 < buffer.count && buffer[position + 1] == 0xBB && buffer[position + 2] == 0xBF:
                position += 3
            default:
                return
            }
        }
    }

    enum HeaderKind { case none, isa, una, unb, ebcdic }

    func interchangeHeader(at index: Int) -> HeaderKind {
        guard index + 3 < buffer.count || index + 3 == buffer.count else { return .none }
        guard index + 2 < buffer.count else { return .none }
        let b0 = buffer[index], b1 = buffer[index + 1], b2 = buffer[index + 2]
        let next: UInt8? = index + 3 < buffer.count ? buffer[index + 3] : nil
        let separatorFollows = next.map { !isAlphanumeric($0) && $0 != 0x20 && $0 != 0x0D && $0 != 0x0A } ?? false
        if b0 == 0x49 && b1 == 0x53 && b2 == 0x41 && separatorFollows { return .isa }
        if b0 == 0x55 && b1 == 0x4E {
            if b2 == 0x41 && next != nil { return .una }
            if b2 == 0x42 && separatorFollows { return .unb }
        }
        if !inInterchange && b0 == 0xC9 && b1 == 0xE2 && b2 == 0xC1 { return .ebcdic }
        return .none
    }

    /// Skips bytes that start no interchange, remembering where they began.
    mutating func seekInterchange(final: Bool) -> Bool {
        headerGap = nil
        if strayStart == nil { strayStart = baseOffset + position }
        var index = position + 1
        while index + 2 < buffer.count {
            let kind = interchangeHeader(at: index)
            if kind != .none && kind != .ebcdic {
                position = index
                return true
            }
            index += 1
        }
        if final {
            position = buffer.count
            return false
        }
        position = max(position, buffer.count - 3)
        return false
    }

    /// Scans the open segment to its terminator; false when the buffer ends first.
    ///
    /// The hot loop: after a plain segment it goes straight on to the next one (skipping line breaks
    /// between them) without leaving the buffer, and hands back to the slower path only for what needs
    /// it: a wrapped segment, a tag starting with I or U (interchange headers and trailers), a byte-order
    /// mark, or the end of the buffer.
    mutating func scanSegment() -> Bool {
        enum Outcome { case needMore, closeSlowly(Int), closed(next: Int) }
        let end = buffer.count
        let table = classes
        let terminator = delimiters.segment
        let segmentDelimiters = delimiters
        let segmentEncoding = encoding
        let continuationSkipping = skipsContinuationBytes
        var index = position
        var start = segmentStart
        var markStart = openMarkStart
        var flags = openFlags
        var needsUnwrap = openNeedsUnwrap
        var outcome = Outcome.needMore
        var localMarks = marks
        marks = []
        var localPending = pending
        pending = []
        buffer.withUnsafeBufferPointer { bytes in
            table.withTable { table in
                while true {
                    var found = -1
                    while index < end {
                        let kind = table[Int(bytes[index])]
                        if kind == 0 {
                            index += 1
                            continue
                        }
                        if kind == ByteClasses.element {
                            localMarks.append(Int32(index))
                        } else if kind == ByteClasses.terminator {
                            found = index
                            break
                        } else if kind == ByteClasses.release {
                            // The released byte is the next one that is not a line break (a wrapped file may
                            // break between the two); when it is in the next chunk, stop before the release.
                            var next = index + 1
                            while next < end && table[Int(bytes[next])] == ByteClasses.lineBreak { next += 1 }
                            if next >= end { return }
                            flags.insert(.released)
                            if next > index + 1 { needsUnwrap = true }
                            index = next
                        } else {
                            needsUnwrap = true
                        }
                        index += 1
                    }
                    guard found >= 0 else { return }
                    let first = bytes[start]
                    if needsUnwrap || first == 0x49 || first == 0x55 {
                        outcome = .closeSlowly(found)
                        return
                    }
                    localPending.append(
                        .segment(
                            start: Int32(start), end: Int32(found), markStart: Int32(markStart),
                            markCount: Int32(localMarks.count - markStart), flags: flags, delimiters: segmentDelimiters,
                            encoding: segmentEncoding))
                    var next = found + 1
                    while next < end {
                        let byte = bytes[next]
                        guard byte != terminator, byte == 0x0D || byte == 0x0A || byte == 0x09 || byte == 0x20 else {
                            break
                        }
                        next += 1
                    }
                    outcome = .closed(next: next)
                    guard next + 3 < end, !continuationSkipping else { return }
                    let lead = bytes[next]
                    if lead == 0x49 || lead == 0x55 || lead == 0xEF || table[Int(lead)] != 0 { return }
                    start = next
                    index = next
                    markStart = localMarks.count
                    flags = []
                    needsUnwrap = false
                    outcome = .needMore
                }
            }
        }
        marks = localMarks
        pending = localPending
        switch outcome {
        case .needMore:
            segmentStart = start
            openMarkStart = markStart
            openFlags = flags
            openNeedsUnwrap = needsUnwrap
            position = index
            return false
        case .closeSlowly(let found):
            segmentStart = start
            openMarkStart = markStart
            openFlags = flags
            openNeedsUnwrap = needsUnwrap
            position = found + 1
            closeSegment(end: found)
            return true
        case .closed(let next):
            segmentStart = -1
            openMarkStart = marks.count
            position = next
            return true
        }
    }

    mutating func closeSegment(end: Int) {
        let start = segmentStart
        let markCount = marks.count - openMarkStart
        if openNeedsUnwrap {
            pending.append(.unwrapped(unwrapSegment(start: start, end: end)))
            marks.removeLast(markCount)
        } else {
            pending.append(
                .segment(
                    start: Int32(start), end: Int32(end), markStart: Int32(openMarkStart), markCount: Int32(markCount),
                    flags: openFlags, delimiters: delimiters, encoding: encoding))
        }
        segmentStart = -1
        afterSegment(start: start, end: end)
    }

    /// Copies a segment that had line breaks inside it into its own storage, without them.
    func unwrapSegment(start: Int, end: Int) -> Segment {
        var bytes: [UInt8] = []
        var segmentMarks: [Int32] = []
        var index = start
        while index < end {
            let byte = buffer[index]
            if byte == delimiters.release {
                var next = index + 1
                while next < end && isLineBreak(buffer[next]) { next += 1 }
                if next < end {
                    bytes.append(byte)
                    bytes.append(buffer[next])
                    index = next + 1
                    continue
                }
            }
            if isLineBreak(byte) {
                index += 1
                continue
            }
            if byte == delimiters.element { segmentMarks.append(Int32(bytes.count)) }
            bytes.append(byte)
            index += 1
        }
        let storage = SegmentStorage(bytes: bytes, marks: segmentMarks)
        return Segment(
            storage: storage, start: 0, end: Int32(bytes.count), markStart: 0, markCount: Int32(segmentMarks.count),
            delimiters: delimiters, encoding: encoding, offset: baseOffset + start, flags: openFlags)
    }

    /// CR or LF that is not one of the interchange's delimiters: a line break to drop inside a segment.
    func isLineBreak(_ byte: UInt8) -> Bool {
        (byte == 0x0D || byte == 0x0A) && !delimiters.all.contains(byte)
    }

    /// Interchange bookkeeping after a segment: trailers end the interchange, UNB declares the syntax.
    mutating func afterSegment(start: Int, end: Int) {
        guard end - start >= 3 else { return }
        let b0 = buffer[start], b1 = buffer[start + 1], b2 = buffer[start + 2]
        let isTagEnd = end - start == 3 || buffer[start + 3] == delimiters.element
        guard isTagEnd else { return }
        if (b0 == 0x49 && b1 == 0x53 && b2 == 0x41) || (b0 == 0x55 && b1 == 0x4E && b2 == 0x42) {
            headerGap = []
        }
        if (b0 == 0x49 && b1 == 0x45 && b2 == 0x41) || (b0 == 0x55 && b1 == 0x4E && b2 == 0x5A) {
            inInterchange = false
            sawUNA = false
        } else if b0 == 0x55 && b1 == 0x4E && b2 == 0x42 {
            applySyntaxIdentifier(start: start, end: end)
        }
    }

    // MARK: - Handing out

    mutating func flush() -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(pending.count)
        let consumed = segmentStart >= 0 ? segmentStart : position
        let completedMarks = segmentStart >= 0 ? openMarkStart : marks.count
        let storage = SegmentStorage(bytes: buffer, marks: Array(marks[0..<completedMarks]))
        for item in pending {
            switch item {
            case .segment(let start, let end, let markStart, let markCount, let flags, let delimiters, let encoding):
                tokens.append(
                    .segment(
                        Segment(
                            storage: storage, start: start, end: end, markStart: markStart, markCount: markCount,
                            delimiters: delimiters, encoding: encoding, offset: baseOffset + Int(start), flags: flags)))
            case .unwrapped(let segment):
                tokens.append(.segment(segment))
            case .una(let bytes, let offset):
                tokens.append(.serviceStringAdvice(bytes: bytes, offset: offset))
            case .gap(let bytes):
                tokens.append(.segmentSuffix(bytes))
            case .issue(let issue):
                tokens.append(.issue(issue))
            }
        }
        pending.removeAll(keepingCapacity: true)
        // Keep only the unconsumed tail, rebased to index 0.
        if consumed > 0 {
            buffer = Array(buffer[consumed...])
            baseOffset += consumed
            position -= consumed
            if segmentStart >= 0 { segmentStart -= consumed }
            let shift = Int32(consumed)
            marks = marks[completedMarks...].map { $0 - shift }
            openMarkStart = 0
        }
        return tokens
    }
}

func isAlphanumeric(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
}
