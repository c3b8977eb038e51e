/// The EDI standard an interchange is written in.
public enum Standard: String, Sendable, Hashable, Codable {
    case x12 = "X12"
    case edifact = "EDIFACT"
}
