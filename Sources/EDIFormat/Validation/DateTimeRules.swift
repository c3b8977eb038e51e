/// Calendar and clock checks for EDI dates and times (no Foundation, no time zone).
enum DateTimeRules {
    /// `CCYYMMDD`, or `YYMMDD` (century 20 by policy).
    static func isValidDate(_ text: some StringProtocol) -> Bool { isValidDate(bytes: Array(text.utf8)) }

    /// `HHMM`, `HHMMSS`, `HHMMSSD` or `HHMMSSDD`.
    static func isValidTime(_ text: some StringProtocol) -> Bool { isValidTime(bytes: Array(text.utf8)) }

    /// The date check on bytes, for the element loop (no string is made).
    static func isValidDate<C: RandomAccessCollection>(bytes digits: C) -> Bool where C.Element == UInt8 {
        guard (digits.count == 8 || digits.count == 6), digits.allSatisfy(isDigit) else { return false }
        let year = digits.count == 8 ? number(digits.prefix(4)) : 2000 + number(digits.prefix(2))
        let month = number(digits.dropLast(2).suffix(2))
        let day = number(digits.suffix(2))
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(month: month, year: year)
    }

    /// The time check on bytes.
    static func isValidTime<C: RandomAccessCollection>(bytes digits: C) -> Bool where C.Element == UInt8 {
        guard [4, 6, 7, 8].contains(digits.count), digits.allSatisfy(isDigit) else { return false }
        guard number(digits.prefix(2)) < 24, number(digits.dropFirst(2).prefix(2)) < 60 else { return false }
        return digits.count == 4 || number(digits.dropFirst(4).prefix(2)) < 60
    }

    /// EDIFACT DTM 2380 against its format 2379 (102, 203, 204, 101, 718); unknown formats pass.
    static func isValidEDIFACTDate(_ value: String, format: String) -> Bool {
        switch format {
        case "102": return value.utf8.count == 8 && isValidDate(value)
        case "101": return value.utf8.count == 6 && isValidDate(value)
        case "203", "204":
            let digits = Array(value.utf8)
            let expected = format == "203" ? 12 : 14
            guard digits.count == expected else { return false }
            return isValidDate(String(decoding: digits[0..<8], as: UTF8.self))
                && isValidTime(String(decoding: digits[8...], as: UTF8.self))
        case "718":
            let parts = value.split(separator: "-", omittingEmptySubsequences: false)
            return parts.count == 2 && parts.allSatisfy { $0.utf8.count == 8 && isValidDate($0) }
        default: return true
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func number<C: Collection>(_ digits: C) -> Int where C.Element == UInt8 {
        digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }
}
