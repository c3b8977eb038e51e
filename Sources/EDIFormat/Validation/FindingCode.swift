/// What is wrong, as a closed list. Each code maps to exactly one acknowledgement code per
/// acknowledgement kind (see `FindingCode+Acknowledgement.swift`), so a finding can be rendered as a
/// TA1, a 997, a 999 or a CONTRL without guessing.
///
/// The raw values are stable identifiers: they appear in `edigate validate --json`, in quarantine
/// `.error.json` files and in metrics labels.
public enum FindingCode: String, Sendable, Hashable, Codable, CaseIterable {
    // MARK: File level
    /// The bytes do not start an X12 or EDIFACT interchange (no `ISA`, `UNA` or `UNB`).
    case notEDI = "file.not_edi"
    /// Bytes between two interchanges, or after the last one, that start no interchange.
    case strayData = "file.stray_data"
    /// The file ends inside an interchange.
    case prematureEnd = "file.premature_end"
    /// The interchange is EBCDIC-encoded, which this gateway does not read.
    case unsupportedEncoding = "file.unsupported_encoding"

    // MARK: Interchange (ISA/IEA, UNA/UNB/UNZ) → TA1 I18, CONTRL UCI
    /// The ISA is not 106 characters with the element separator at every fixed offset.
    case interchangeHeaderShape = "interchange.header.shape"
    /// An ISA or UNB element is missing, too long, too short or not of its type.
    case interchangeHeaderElement = "interchange.header.element"
    /// The delimiters are not four different characters, or a delimiter is a letter or digit.
    case delimiterInvalid = "interchange.delimiter.invalid"
    /// The syntax identifier, syntax version or control version is not supported.
    case versionUnsupported = "interchange.version.unsupported"
    /// The interchange date is not a calendar date.
    case interchangeDateInvalid = "interchange.date.invalid"
    /// The interchange time is not a valid time.
    case interchangeTimeInvalid = "interchange.time.invalid"
    /// ISA13 / UNB 0020 is not a valid control reference.
    case interchangeControlNumberInvalid = "interchange.control_number.invalid"
    /// IEA / UNZ is missing.
    case interchangeTrailerMissing = "interchange.trailer.missing"
    /// IEA02 ≠ ISA13, UNZ 0020 ≠ UNB 0020.
    case interchangeTrailerReference = "interchange.trailer.reference"
    /// IEA01 / UNZ 0036 is not the number of groups (or messages).
    case interchangeTrailerCount = "interchange.trailer.count"
    /// A segment that may not stand at interchange level (outside any group or message).
    case interchangeContentInvalid = "interchange.content.invalid"
    /// Functional groups and loose messages mixed in one EDIFACT interchange.
    case groupsAndMessagesMixed = "interchange.groups_and_messages_mixed"
    /// The interchange contains no group, message or TA1.
    case interchangeEmpty = "interchange.empty"
    /// A byte that the declared character set cannot represent (EDIFACT UNOA/UNOB non-ASCII, invalid UTF-8).
    case characterSetViolation = "interchange.charset.invalid"
    /// Printable ASCII that the declared level excludes (lower case under UNOA). A warning by default.
    case characterSetLevel = "interchange.charset.level"
    /// The same interchange key was received before (set by the store, not by the parser).
    case interchangeDuplicate = "interchange.duplicate"
    /// ISA13/IEA02 (or GS06/GE02) differ as strings but are equal as integers. A warning.
    case controlNumberNumericMatch = "interchange.control_number.numeric_match"
    /// ISA11 is a letter or digit in a version that would make it the repetition separator. A warning.
    case repetitionSeparatorIgnored = "interchange.repetition_separator.ignored"

    // MARK: Functional group (GS/GE, UNG/UNE) → 997/999 AK9 716, CONTRL UCF
    /// GS / UNG is missing mandatory elements or is malformed.
    case groupHeaderInvalid = "group.header.invalid"
    /// GE / UNE is missing.
    case groupTrailerMissing = "group.trailer.missing"
    /// GE02 ≠ GS06, UNE 0048 ≠ UNG 0048.
    case groupTrailerReference = "group.trailer.reference"
    /// GE01 / UNE 0060 is not the number of transaction sets.
    case groupTrailerCount = "group.trailer.count"
    /// GS06 / UNG 0048 is not a valid control number.
    case groupControlNumberInvalid = "group.control_number.invalid"
    /// GS06 repeats within the interchange.
    case groupControlNumberDuplicate = "group.control_number.duplicate"
    /// GS08 names a version this gateway does not support.
    case groupVersionUnsupported = "group.version.unsupported"

    // MARK: Transaction set / message (ST/SE, UNH/UNT) → AK5/IK5 718, CONTRL UCM
    /// SE / UNT is missing.
    case setTrailerMissing = "set.trailer.missing"
    /// SE02 ≠ ST02, UNT 0062 ≠ UNH 0062.
    case setTrailerReference = "set.trailer.reference"
    /// SE01 / UNT 0074 is not the number of segments.
    case setTrailerCount = "set.trailer.count"
    /// ST01 / S009 is missing or malformed, or does not belong to the group's functional identifier.
    case setTypeInvalid = "set.type.invalid"
    /// ST02 / UNH 0062 is missing or malformed.
    case setControlNumberInvalid = "set.control_number.invalid"
    /// ST02 / UNH 0062 repeats within its group or interchange.
    case setControlNumberDuplicate = "set.control_number.duplicate"
    /// An ST outside any functional group (X12 005010 718 code 18).
    case setNotInGroup = "set.not_in_group"

    // MARK: Segment → AK3/IK3 720/620, CONTRL UCS
    /// The segment tag is not two or three upper-case letters or digits.
    case segmentTagInvalid = "segment.tag.invalid"
    /// The segment tag is well formed but not a segment of the standard.
    case segmentTagUnknown = "segment.tag.unknown"
    /// An envelope segment where it may not stand (a GS inside a set, an SE without ST).
    case segmentUnexpected = "segment.unexpected"

    // MARK: Element → AK4/IK4 723/621, CONTRL UCD
    /// A mandatory element or component is empty or absent.
    case elementMissing = "element.missing"
    /// More elements (or components) than the segment (or composite) defines.
    case elementTooMany = "element.too_many"
    /// Shorter than the element's minimum length.
    case elementTooShort = "element.too_short"
    /// Longer than the element's maximum length.
    case elementTooLong = "element.too_long"
    /// A character not allowed in the element (including a component separator in a simple element in 004010).
    case elementInvalidCharacter = "element.invalid_character"
    /// A numeric element that is not a number.
    case elementInvalidNumber = "element.invalid_number"
    /// A decimal mark that the interchange does not declare (EDIFACT code 19).
    case elementInvalidDecimalMark = "element.invalid_decimal_mark"
    /// An EDIFACT number without a digit before its decimal mark (`.5`; CONTRL code 38).
    case elementMissingLeadingDigit = "element.missing_leading_digit"
    /// A date element that is not a calendar date.
    case elementInvalidDate = "element.invalid_date"
    /// A time element that is not a valid time.
    case elementInvalidTime = "element.invalid_time"
    /// Components in a simple element (005010 and EDIFACT).
    case elementTooManyComponents = "element.too_many_components"
    /// Repetitions in an element that does not repeat, or more than it allows.
    case elementTooManyRepetitions = "element.too_many_repetitions"
    /// Trailing empty elements or components kept with their separators. A warning.
    case trailingSeparator = "element.trailing_separator"
}
