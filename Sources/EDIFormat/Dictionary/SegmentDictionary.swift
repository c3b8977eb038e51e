/// Segment definitions for element-level checks, parsed once from compact strings.
///
/// Grammar of a definition: element positions separated by single spaces, in order. A simple element
/// is `REF:TYPE:MIN:MAX:REQ[:REPEAT]`; a composite is `CREF{comp,comp,...}:REQ[:REPEAT]`, each
/// component a simple element. TYPE is X12 `AN ID DT TM N0..N9 R B` or EDIFACT `a n an`; REQ is `M`
/// or `C`; REPEAT is the maximum number of repetitions when above 1.
public enum SegmentDictionary {
    /// X12 definitions by tag.
    public static let x12: [Tag: SegmentSpec] = build(x12Definitions)
    /// EDIFACT definitions by tag.
    public static let edifact: [Tag: SegmentSpec] = build(edifactDefinitions)

    /// The definitions for a standard.
    public static func definitions(for standard: Standard) -> [Tag: SegmentSpec] {
        standard == .x12 ? x12 : edifact
    }

    /// The compiled definitions the validator reads, indexed by tag.
    static let x12Table = SegmentTable(x12)
    static let edifactTable = SegmentTable(edifact)

    static func table(for standard: Standard) -> SegmentTable {
        standard == .x12 ? x12Table : edifactTable
    }

    static func build(_ source: [String: String]) -> [Tag: SegmentSpec] {
        var result: [Tag: SegmentSpec] = [:]
        for (tag, text) in source {
            guard let elements = parse(text) else {
                preconditionFailure("segment dictionary: bad definition for \(tag)")
            }
            result[Tag(Array(tag.utf8))] = SegmentSpec(tag: tag, elements: elements)
        }
        return result
    }

    /// Parses one definition string; nil when it does not follow the grammar.
    public static func parse(_ text: String) -> [ElementSpec]? {
        var result: [ElementSpec] = []
        for token in text.split(separator: " ") {
            if let brace = token.firstIndex(of: "{") {
                guard let close = token.firstIndex(of: "}") else { return nil }
                let reference = String(token[..<brace])
                var components: [ElementSpec] = []
                for part in token[token.index(after: brace)..<close].split(separator: ",") {
                    guard let component = simple(part.split(separator: ":", omittingEmptySubsequences: false)) else {
                        return nil
                    }
                    components.append(component)
                }
                let tail = token[token.index(after: close)...].split(separator: ":")
                guard let requirement = tail.first else { return nil }
                let repeats = tail.count > 1 ? Int(tail[1]) ?? 1 : 1
                result.append(
                    ElementSpec(
                        reference: reference, type: .alphanumeric, minLength: 0, maxLength: 0,
                        mandatory: requirement == "M", maxRepeats: repeats, components: components))
            } else {
                guard let element = simple(token.split(separator: ":", omittingEmptySubsequences: false)) else {
                    return nil
                }
                result.append(element)
            }
        }
        return result
    }

    private static func simple(_ fields: [Substring]) -> ElementSpec? {
        guard fields.count == 5 || fields.count == 6, let minLength = Int(fields[2]), let maxLength = Int(fields[3])
        else {
            return nil
        }
        let type: DataType
        switch fields[1] {
        case "AN", "an": type = .alphanumeric
        case "ID": type = .identifier
        case "a": type = .alphabetic
        case "DT": type = .date
        case "TM": type = .time
        case "R", "n": type = .decimal
        case "B": type = .binary
        case let other where other.count == 2 && other.first == "N":
            guard let decimals = Int(other.dropFirst()) else { return nil }
            type = .implied(decimals: decimals)
        default: return nil
        }
        let repeats = fields.count == 6 ? Int(fields[5]) ?? 1 : 1
        return ElementSpec(
            reference: String(fields[0]), type: type, minLength: minLength, maxLength: maxLength,
            mandatory: fields[4] == "M", maxRepeats: repeats)
    }
}
