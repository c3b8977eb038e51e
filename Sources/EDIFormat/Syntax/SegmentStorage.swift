/// The bytes of one tokenized chunk, shared by the segments cut from it, so that a segment and its
/// elements are views and nothing is copied per segment.
public final class SegmentStorage: Sendable {
    /// The raw bytes (segment terminators and inter-segment whitespace included).
    let bytes: [UInt8]
    /// Element separator positions (indices into `bytes`) of all segments, in order.
    let marks: [Int32]

    init(bytes: [UInt8], marks: [Int32]) {
        self.bytes = bytes
        self.marks = marks
    }
}
