/// One problem in partner data: a code, a severity, where it is, and why.
///
/// `message` never contains payload values; the offending value, when there is one, is kept apart in
/// `value` so a report shows it only when asked (`--show-data`) and an AK404/IK404 can copy it.
public struct Finding: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
    }

    public var code: FindingCode
    public var severity: Severity
    public var location: Location
    public var message: String
    public var value: String?

    public init(
        _ code: FindingCode, _ severity: Severity = .error, at location: Location, _ message: String,
        value: String? = nil
    ) {
        self.code = code
        self.severity = severity
        self.location = location
        self.message = message
        self.value = value
    }

    public var isError: Bool { severity == .error }
}

/// Where a finding is: the envelope it is in, the segment, the element, and the byte offset in the file.
public struct Location: Sendable, Hashable, Codable {
    /// Byte offset of the segment (or of the bytes in question) from the start of the input, 0-based.
    public var byteOffset: Int
    /// ISA13 / UNB 0020 of the enclosing interchange.
    public var interchange: String?
    /// GS06 / UNG 0048 of the enclosing group.
    public var group: String?
    /// ST02 / UNH 0062 of the enclosing transaction set or message.
    public var transactionSet: String?
    /// 1-based ordinal of the segment in the file.
    public var segmentOrdinal: Int?
    /// 1-based position of the segment in its transaction set (ST/UNH = 1), as AK302/IK302/UCS count it.
    public var segmentPosition: Int?
    public var segmentTag: String?
    /// 1-based element, component and repetition positions.
    public var element: Int?
    public var component: Int?
    public var repetition: Int?
    /// The data element reference number of the element (e.g. `373`), when known.
    public var elementReference: String?

    public init(byteOffset: Int) {
        self.byteOffset = byteOffset
    }
}
