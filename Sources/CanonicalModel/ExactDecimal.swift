/// An exact decimal number (never floating point): a signed integer significand and a number of
/// decimal places. Written to JSON as a string (`"12.5"`, `"-0.05"`), as amounts must be.
public struct ExactDecimal: Sendable, Hashable, Codable, CustomStringConvertible {
    public let significand: Int64
    public let scale: Int

    public init(significand: Int64, scale: Int) {
        var significand = significand
        var scale = scale
        // Normalise: no trailing zeros after the point.
        while scale > 0 && significand % 10 == 0 {
            significand /= 10
            scale -= 1
        }
        self.significand = significand
        self.scale = scale
    }

    public init(_ integer: Int) { self.init(significand: Int64(integer), scale: 0) }

    /// Parses `12.5`, `-1250`, `.5`, `0,5` (with `decimalMarks` listing the accepted marks).
    /// Nil when the text is not a plain decimal number or has more than 18 digits.
    public init?(_ text: some StringProtocol, decimalMarks: Set<Character> = ["."]) {
        let marks = decimalMarks.compactMap(\.asciiValue)
        var negative = false
        var significand: Int64 = 0
        var scale = 0
        var seenMark = false
        var digits = 0
        var first = true
        for byte in text.utf8 {
            defer { first = false }
            if first && (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")) {
                negative = byte == UInt8(ascii: "-")
                continue
            }
            if marks.contains(byte) {
                guard !seenMark else { return nil }
                seenMark = true
                continue
            }
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            digits += 1
            guard digits <= 18 else { return nil }
            significand = significand * 10 + Int64(byte - 0x30)
            if seenMark { scale += 1 }
        }
        guard digits > 0 else { return nil }
        self.init(significand: negative ? -significand : significand, scale: scale)
    }

    /// An X12 `Nn` value: an integer with `implied` decimal places (`N2` `19500` is 195.00).
    public init?(impliedDecimals text: some StringProtocol, places: Int) {
        guard !text.contains("."), let whole = ExactDecimal(text) else { return nil }
        self.init(significand: whole.significand, scale: whole.scale + places)
    }

    public var description: String {
        let magnitude = String(significand.magnitude)
        let sign = significand < 0 ? "-" : ""
        guard scale > 0 else { return sign + magnitude }
        let padded = String(repeating: "0", count: max(0, scale + 1 - magnitude.count)) + magnitude
        let split = padded.index(padded.endIndex, offsetBy: -scale)
        return sign + padded[..<split] + "." + padded[split...]
    }

    /// `self + other`, or nil when the result does not fit 18 digits. (Partner data can hold 18-digit
    /// values, so totals are computed with checked arithmetic and never trap.)
    public func adding(_ other: ExactDecimal) -> ExactDecimal? {
        let scale = max(self.scale, other.scale)
        guard let lhs = scaled(to: scale), let rhs = other.scaled(to: scale) else { return nil }
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        return overflow ? nil : ExactDecimal(significand: sum, scale: scale)
    }

    /// `self × other`, or nil when the result does not fit.
    public func multiplied(by other: ExactDecimal) -> ExactDecimal? {
        let (product, overflow) = significand.multipliedReportingOverflow(by: other.significand)
        guard !overflow, scale + other.scale <= 36 else { return nil }
        return ExactDecimal(significand: product, scale: scale + other.scale)
    }

    /// `-self`.
    public var negated: ExactDecimal { ExactDecimal(significand: 0 &- significand, scale: scale) }

    /// The sum of the values, or nil when there are none or the sum does not fit.
    public static func sum(_ values: some Sequence<ExactDecimal>) -> ExactDecimal? {
        var total: ExactDecimal?
        for value in values {
            guard let running = total else {
                total = value
                continue
            }
            guard let next = running.adding(value) else { return nil }
            total = next
        }
        return total
    }

    public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        lhs.significand == rhs.significand && lhs.scale == rhs.scale
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(significand)
        hasher.combine(scale)
    }

    /// The significand at a larger scale, or nil when it does not fit.
    func scaled(to target: Int) -> Int64? {
        var value = significand
        for _ in 0..<max(0, target - scale) {
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = product
        }
        return value
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = ExactDecimal(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a decimal number"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
