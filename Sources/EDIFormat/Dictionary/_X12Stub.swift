extension SegmentDictionary {
    static let x12Definitions: [String: String] = [:]
}
