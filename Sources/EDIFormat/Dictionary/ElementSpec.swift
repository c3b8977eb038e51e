/// The data type of a simple data element, as the X12 and EDIFACT dictionaries define it.
public enum DataType: Sendable, Hashable {
    /// X12 `AN`, EDIFACT `an`: any character of the character set.
    case alphanumeric
    /// X12 `ID`: a code from a code list.
    case identifier
    /// EDIFACT `a`: letters and spaces only.
    case alphabetic
    /// X12 `DT`: `CCYYMMDD` (8) or `YYMMDD` (6).
    case date
    /// X12 `TM`: `HHMM[SS[D[D]]]`.
    case time
    /// X12 `Nn`: an integer with `n` implied decimal places, no decimal point on the wire.
    case implied(decimals: Int)
    /// X12 `R`, EDIFACT `n`: a decimal number with an optional decimal mark.
    case decimal
    /// X12 `B`: binary.
    case binary
}

/// The definition of one element position of a segment: a simple element or a composite.
public struct ElementSpec: Sendable, Hashable {
    /// The data element or composite reference, e.g. `373` or `C040` (X12), `1004` or `C507` (EDIFACT).
    public var reference: String
    public var type: DataType
    /// Minimum and maximum length, not counting sign, decimal mark or release characters.
    public var minLength: Int
    public var maxLength: Int
    public var mandatory: Bool
    /// How many repetitions the position allows (1 = not repeatable).
    public var maxRepeats: Int
    /// The components, when this position is a composite.
    public var components: [ElementSpec]?

    public var isComposite: Bool { components != nil }

    public init(
        reference: String, type: DataType, minLength: Int, maxLength: Int, mandatory: Bool,
        maxRepeats: Int = 1, components: [ElementSpec]? = nil
    ) {
        self.reference = reference
        self.type = type
        self.minLength = minLength
        self.maxLength = maxLength
        self.mandatory = mandatory
        self.maxRepeats = maxRepeats
        self.components = components
    }
}

/// The definition of a segment: its tag and its element positions in order.
public struct SegmentSpec: Sendable, Hashable {
    public var tag: String
    public var elements: [ElementSpec]
}
