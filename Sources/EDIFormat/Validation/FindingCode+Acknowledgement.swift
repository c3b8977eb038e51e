/// The one-to-one map from findings to the codes of each acknowledgement (primer §1.5, §2.3, §3.4).
extension FindingCode {
    /// The level of the envelope a code is reported at.
    public enum Level: Sendable { case file, interchange, group, set, segment, element }

    public var level: Level {
        switch self {
        case .notEDI, .strayData, .unsupportedEncoding: return .file
        case .prematureEnd, .interchangeHeaderShape, .interchangeHeaderElement, .delimiterInvalid, .versionUnsupported,
            .interchangeDateInvalid, .interchangeTimeInvalid, .interchangeControlNumberInvalid,
            .interchangeTrailerMissing,
            .interchangeTrailerReference, .interchangeTrailerCount, .interchangeContentInvalid, .groupsAndMessagesMixed,
            .interchangeEmpty, .interchangeDuplicate, .controlNumberNumericMatch, .repetitionSeparatorIgnored:
            return .interchange
        case .groupHeaderInvalid, .groupTrailerMissing, .groupTrailerReference, .groupTrailerCount,
            .groupControlNumberInvalid, .groupControlNumberDuplicate, .groupVersionUnsupported:
            return .group
        case .setTrailerMissing, .setTrailerReference, .setTrailerCount, .setTypeInvalid, .setControlNumberInvalid,
            .setControlNumberDuplicate, .setNotInGroup:
            return .set
        case .segmentTagInvalid, .segmentTagUnknown, .segmentUnexpected: return .segment
        case .elementMissing, .elementTooMany, .elementTooShort, .elementTooLong, .elementInvalidCharacter,
            .elementInvalidNumber, .elementInvalidDecimalMark, .elementMissingLeadingDigit, .elementInvalidDate,
            .elementInvalidTime,
            .elementTooManyComponents, .elementTooManyRepetitions, .trailingSeparator, .characterSetViolation,
            .characterSetLevel:
            return .element
        }
    }

    /// TA1 note code (I18) for an interchange-level error; `element` is the ISA element when known.
    public func ta1NoteCode(element: Int?) -> String? {
        let byElement = [
            1: "010", 2: "011", 3: "012", 4: "013", 5: "005", 6: "006", 7: "007", 8: "008", 9: "014", 10: "015",
            11: "016", 12: "017", 13: "018", 14: "019", 15: "020", 16: "027",
        ]
        switch self {
        case .interchangeHeaderShape, .interchangeHeaderElement: return element.flatMap { byElement[$0] } ?? "022"
        case .delimiterInvalid: return element == 16 ? "004" : "026"
        case .versionUnsupported: return "017"
        case .interchangeDateInvalid: return "014"
        case .interchangeTimeInvalid: return "015"
        case .interchangeControlNumberInvalid: return "018"
        case .interchangeTrailerMissing, .prematureEnd: return "023"
        case .interchangeTrailerReference: return "001"
        case .interchangeTrailerCount: return "021"
        case .interchangeContentInvalid, .setNotInGroup, .segmentTagInvalid, .segmentUnexpected: return "024"
        case .interchangeDuplicate: return "025"
        default: return nil
        }
    }

    /// AK905 / 716 code for a group-level error. `version5010` selects the 005010 list.
    public func groupSyntaxCode(version5010: Bool) -> String? {
        switch self {
        case .groupTrailerMissing: return "3"
        case .groupTrailerReference: return "4"
        case .groupTrailerCount: return "5"
        case .groupControlNumberInvalid: return "6"
        case .groupControlNumberDuplicate: return version5010 ? "19" : "6"
        case .groupVersionUnsupported: return "2"
        default: return nil
        }
    }

    /// AK502 / IK502 (718) code for a set-level error.
    public func setSyntaxCode(version5010: Bool) -> String? {
        switch self {
        case .setTrailerMissing: return "2"
        case .setTrailerReference: return "3"
        case .setTrailerCount: return "4"
        case .setTypeInvalid: return "6"
        case .setControlNumberInvalid: return "7"
        case .setControlNumberDuplicate: return "23"
        case .setNotInGroup: return version5010 ? "18" : nil
        default: return nil
        }
    }

    /// AK304 / IK304 (720) code for a segment-level error.
    public var segmentSyntaxCode: String? {
        switch self {
        case .segmentTagInvalid, .segmentTagUnknown: return "1"
        case .segmentUnexpected: return "2"
        default: return nil
        }
    }

    /// AK403 / IK403 (723 / 621) code for an element-level error.
    public func elementSyntaxCode(version5010: Bool) -> String? {
        switch self {
        case .elementMissing: return "1"
        case .elementTooMany: return "3"
        case .elementTooShort: return "4"
        case .elementTooLong: return "5"
        case .elementInvalidCharacter, .elementInvalidNumber, .elementInvalidDecimalMark, .elementMissingLeadingDigit,
            .characterSetViolation,
            .characterSetLevel:
            return "6"
        case .elementInvalidDate: return "8"
        case .elementInvalidTime: return "9"
        case .elementTooManyComponents: return version5010 ? "13" : "6"
        case .elementTooManyRepetitions: return version5010 ? "12" : "6"
        default: return nil
        }
    }

    /// CONTRL syntax error code (0085).
    public var contrlCode: String? {
        switch self {
        case .interchangeHeaderShape, .interchangeHeaderElement, .interchangeDateInvalid, .interchangeTimeInvalid,
            .interchangeControlNumberInvalid, .groupHeaderInvalid, .groupControlNumberInvalid, .setTypeInvalid,
            .setControlNumberInvalid, .segmentTagInvalid, .elementInvalidDate, .elementInvalidTime:
            return "12"
        case .delimiterInvalid: return "20"
        case .versionUnsupported, .groupVersionUnsupported: return "2"
        case .interchangeTrailerMissing, .groupTrailerMissing, .setTrailerMissing, .prematureEnd, .elementMissing:
            return "13"
        case .interchangeTrailerReference, .groupTrailerReference, .setTrailerReference: return "28"
        case .interchangeTrailerCount, .groupTrailerCount, .setTrailerCount: return "29"
        case .interchangeContentInvalid, .setNotInGroup: return "33"
        case .groupsAndMessagesMixed: return "30"
        case .interchangeEmpty: return "32"
        case .characterSetViolation, .characterSetLevel, .elementInvalidCharacter: return "21"
        case .interchangeDuplicate, .groupControlNumberDuplicate, .setControlNumberDuplicate: return "26"
        case .segmentTagUnknown, .segmentUnexpected: return "15"
        case .elementTooMany, .elementTooManyComponents, .elementTooManyRepetitions: return "16"
        case .elementTooShort: return "40"
        case .elementTooLong: return "39"
        case .elementInvalidNumber: return "37"
        case .elementInvalidDecimalMark: return "19"
        case .elementMissingLeadingDigit: return "38"
        case .trailingSeparator: return "45"
        case .notEDI, .strayData, .unsupportedEncoding, .controlNumberNumericMatch, .repetitionSeparatorIgnored:
            return nil
        }
    }
}
