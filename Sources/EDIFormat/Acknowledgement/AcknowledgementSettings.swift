/// The kinds of acknowledgement edigate builds.
public enum AcknowledgementKind: String, Sendable, Hashable, Codable, CaseIterable {
    case ta1
    case fa997 = "997"
    case fa999 = "999"
    case contrl
}

/// What the caller decides for an acknowledgement: our control numbers, the clock, our delimiters.
/// The builders read no clock and keep no counters (primer §2.5, §6).
public struct AcknowledgementSettings: Sendable, Hashable {
    /// Our next interchange control number (ISA13 / UNB 0020).
    public var interchangeControlNumber: Int
    /// Our next group control number (GS06).
    public var groupControlNumber: Int
    /// ST02 of the first acknowledgement set; the next sets count up from it.
    public var firstSetControlNumber: Int
    /// Today as `CCYYMMDD` and now as `HHMM`.
    public var date: String
    public var time: String
    /// Our delimiters for X12 acknowledgements (`*` `>` `~` by default; the repetition separator comes from the received ISA11).
    public var x12Delimiters: Delimiters
    /// Our delimiters for CONTRL (the EDIFACT defaults).
    public var edifactDelimiters: Delimiters
    /// Bytes after each segment terminator.
    public var segmentSuffix: [UInt8]
    /// The 999's implementation convention (GS08, ST03).
    public var implementation999: String

    public init(
        interchangeControlNumber: Int = 1, groupControlNumber: Int = 1, firstSetControlNumber: Int = 1,
        date: String = "20000101", time: String = "0000", x12Delimiters: Delimiters = .x12(),
        edifactDelimiters: Delimiters = .edifactDefault(), segmentSuffix: [UInt8] = [0x0A],
        implementation999: String = "005010X231A1"
    ) {
        self.interchangeControlNumber = interchangeControlNumber
        self.groupControlNumber = groupControlNumber
        self.firstSetControlNumber = firstSetControlNumber
        self.date = date
        self.time = time
        self.x12Delimiters = x12Delimiters
        self.edifactDelimiters = edifactDelimiters
        self.segmentSuffix = segmentSuffix
        self.implementation999 = implementation999
    }
}
