import EDIFormat

/// Renders findings for people: `FILE: segment N (TAG) element M: CODE message`.
enum FindingFormatter {
    static func line(_ finding: Finding, file: String, showData: Bool) -> String {
        let location = finding.location
        var place = "\(file): "
        if let ordinal = location.segmentOrdinal {
            place += "segment \(ordinal)"
            if let tag = location.segmentTag { place += " (\(tag))" }
            if let element = location.element, element > 0 {
                place += " element \(element)"
                if let component = location.component { place += "-\(component)" }
                if let repetition = location.repetition { place += " repetition \(repetition)" }
            }
        } else {
            place += "byte \(location.byteOffset)"
        }
        var text = "\(place): \(finding.code.rawValue)"
        if finding.severity == .warning { text += " (warning)" }
        text += " \(finding.message)"
        if showData, let value = finding.value { text += " [value: \(value)]" }
        return text
    }

    /// A finding for JSON output; the value only with `--show-data`.
    static func redacted(_ finding: Finding, showData: Bool) -> Finding {
        var copy = finding
        if !showData { copy.value = nil }
        return copy
    }
}
