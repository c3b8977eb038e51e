/// One interchange: ISA…IEA or [UNA] UNB…UNZ, with its groups.
public struct Interchange: Sendable {
    public var standard: Standard
    public var delimiters: Delimiters
    public var encoding: TextEncoding
    /// The 9 bytes of the UNA, when the interchange had one.
    public var serviceStringAdvice: [UInt8]?
    /// ISA or UNB.
    public var header: Segment
    /// IEA or UNZ; nil when the input ended without it.
    public var trailer: Segment?
    /// Segments between the header and the first group: TA1, ISB/ISE.
    public var interchangeSegments: [Segment] = []
    /// The groups. EDIFACT messages sent without UNG sit in one group whose `header` is nil.
    public var groups: [FunctionalGroup] = []
    /// The bytes written between segments (`""`, `"\n"`, `"\r\n"`), as seen after the header.
    public var segmentSuffix: [UInt8] = []
    /// The validation result.
    public var report: InterchangeReport

    /// All transaction sets of all groups.
    public var transactionSets: [TransactionSet] { groups.flatMap(\.transactionSets) }
}

/// A functional group: GS…GE or UNG…UNE (or the implicit group of loose EDIFACT messages).
public struct FunctionalGroup: Sendable {
    public var header: Segment?
    public var trailer: Segment?
    public var transactionSets: [TransactionSet] = []
}

/// A transaction set (X12) or message (EDIFACT): ST…SE or UNH…UNT.
public struct TransactionSet: Sendable {
    public var header: Segment
    /// The segments between header and trailer.
    public var segments: [Segment] = []
    public var trailer: Segment?
    /// ST01 or UNH S009 0065 (`850`, `ORDERS`).
    public var type: String
    /// ST02 or UNH 0062.
    public var controlNumber: String
}
