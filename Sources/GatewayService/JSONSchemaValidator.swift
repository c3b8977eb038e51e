import Foundation

/// A small JSON Schema (draft 2020-12) validator for exactly the keywords edigate's own schemas (schemas/*.json) use:
/// `type`, `required`, `properties`, `additionalProperties`, `$ref` (local JSON pointers only), `$defs`, `enum`,
/// `const`, `pattern`, `items`, `minItems`, `minimum` and `format` (`date-time` per RFC 3339, `date` as YYYY-MM-DD;
/// other formats are annotations). Every other keyword is ignored, as an annotation.
///
/// Schema and instance are converted once into a Sendable ``JSONSchemaValidator/JSONValue``, so `enum` / `const`
/// equality is structural and numeric (`1 == 1.0`), and booleans never count as numbers (nor numbers as booleans).
public struct JSONSchemaValidator: Sendable {
    /// One way the instance fails the schema.
    public struct Violation: Sendable, Hashable, CustomStringConvertible {
        /// The instance location as a readable path built from the root name: `data.lines[2].quantity`.
        public var path: String
        /// What is wrong there: `required property "invoiceNumber" is missing`, `expected a string, got a number`.
        public var message: String

        public init(path: String, message: String) {
            self.path = path
            self.message = message
        }

        public var description: String { path.isEmpty ? message : "\(path): \(message)" }
    }

    /// Why a schema cannot be used.
    public struct SchemaError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// A parsed JSON value. Numbers are doubles: JSON Schema compares them numerically (`1` and `1.0` are equal).
    indirect enum JSONValue: Sendable, Hashable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSONValue])
        case object([String: JSONValue])
    }

    private let root: JSONValue
    /// Every `$ref` reachable from the root, resolved once.
    private let references: [String: JSONValue]
    /// Every `pattern` reachable from the root, compiled once.
    private let patterns: [String: RegexBox]

    /// `schema` is a parsed JSON object (JSONSerialization). Throws if it uses a `$ref` that cannot be resolved (only
    /// local references such as `#/$defs/name` are supported) or a `pattern` that is not a valid regular expression.
    public init(schema: [String: Any]) throws {
        guard let root = JSONValue(any: schema) else {
            throw SchemaError(message: "the schema is not a JSON value")
        }
        var collector = SchemaCollector(root: root)
        try collector.walk(root, pointer: "")
        self.root = root
        self.references = collector.references
        self.patterns = collector.patterns
    }

    /// Reads and parses the schema file at `path`, then ``init(schema:)``.
    public init(schemaFile path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw SchemaError(message: "\(path): the schema is not a JSON object")
        }
        try self.init(schema: object)
    }

    /// Every violation of `instance` (a JSONSerialization value) against the schema node at `pointer` (`""` = root,
    /// `"#/properties/data"` for an event's data), reported with paths starting at `rootName`.
    public func validate(_ instance: Any, at pointer: String = "", rootName: String = "") -> [Violation] {
        guard let node = resolve(pointer) else {
            return [Violation(path: rootName, message: "schema pointer \"\(pointer)\" does not resolve")]
        }
        guard let value = JSONValue(any: instance) else {
            return [Violation(path: rootName, message: "not a JSON value: \(Swift.type(of: instance))")]
        }
        var violations: [Violation] = []
        check(value, against: node, path: rootName, depth: 0, into: &violations)
        return violations
    }

    // MARK: - Validation

    /// How many `$ref`s may be followed without moving into the instance (a longer chain is a loop).
    private static let maximumReferenceDepth = 64

    private func resolve(_ reference: String) -> JSONValue? {
        if let cached = references[reference] { return cached }
        return try? Self.resolve(reference, in: root)
    }

    private func check(
        _ value: JSONValue, against schema: JSONValue, path: String, depth: Int, into out: inout [Violation]
    ) {
        let keywords: [String: JSONValue]
        switch schema {
        case .bool(true): return
        case .bool(false):
            out.append(Violation(path: path, message: "no value is allowed here"))
            return
        case .object(let object): keywords = object
        default:
            out.append(Violation(path: path, message: "the schema at this location is not a schema"))
            return
        }

        if case .string(let reference)? = keywords["$ref"] {
            if depth >= Self.maximumReferenceDepth {
                out.append(Violation(path: path, message: "$ref \"\(reference)\" nests too deeply"))
            } else if let target = resolve(reference) {
                check(value, against: target, path: path, depth: depth + 1, into: &out)
            } else {
                out.append(Violation(path: path, message: "$ref \"\(reference)\" does not resolve"))
            }
        }

        if let type = keywords["type"] {
            let allowed: [String]
            switch type {
            case .string(let name): allowed = [name]
            case .array(let names): allowed = names.compactMap { if case .string(let name) = $0 { name } else { nil } }
            default: allowed = []
            }
            if !allowed.isEmpty && !allowed.contains(where: { value.hasType($0) }) {
                let expected = allowed.map(Self.article(forType:)).joined(separator: " or ")
                out.append(Violation(path: path, message: "expected \(expected), got \(value.typeDescription)"))
            }
        }

        if case .array(let options)? = keywords["enum"], !options.contains(value) {
            let list = options.map(\.summary).joined(separator: ", ")
            out.append(Violation(path: path, message: "\(value.summary) is not one of \(list)"))
        }

        if let constant = keywords["const"], constant != value {
            out.append(Violation(path: path, message: "expected \(constant.summary), got \(value.summary)"))
        }

        switch value {
        case .string(let string):
            checkString(string, keywords: keywords, path: path, into: &out)
        case .number(let number):
            if case .number(let minimum)? = keywords["minimum"], number < minimum {
                let message = "\(JSONValue.format(number)) is less than the minimum \(JSONValue.format(minimum))"
                out.append(Violation(path: path, message: message))
            }
        case .array(let elements):
            if case .number(let minimum)? = keywords["minItems"], Double(elements.count) < minimum {
                let count = JSONValue.format(minimum)
                let noun = minimum == 1 ? "item" : "items"
                out.append(Violation(path: path, message: "expected at least \(count) \(noun), got \(elements.count)"))
            }
            if let items = keywords["items"] {
                for (index, element) in elements.enumerated() {
                    check(element, against: items, path: "\(path)[\(index)]", depth: 0, into: &out)
                }
            }
        case .object(let members):
            checkObject(members, keywords: keywords, path: path, into: &out)
        case .null, .bool:
            break
        }
    }

    private func checkString(_ string: String, keywords: [String: JSONValue], path: String, into out: inout [Violation])
    {
        if case .string(let pattern)? = keywords["pattern"] {
            if let regex = patterns[pattern]?.regex ?? (try? NSRegularExpression(pattern: pattern)) {
                let range = NSRange(string.startIndex..<string.endIndex, in: string)
                if regex.firstMatch(in: string, range: range) == nil {
                    out.append(Violation(path: path, message: "\(JSONValue.quote(string)) does not match \(pattern)"))
                }
            } else {
                out.append(Violation(path: path, message: "pattern \(pattern) is not a valid regular expression"))
            }
        }
        if case .string(let format)? = keywords["format"] {
            switch format {
            case "date-time" where !RFC3339.isDateTime(string):
                out.append(
                    Violation(path: path, message: "\(JSONValue.quote(string)) is not a valid RFC 3339 date-time"))
            case "date" where !RFC3339.isDate(string):
                out.append(
                    Violation(path: path, message: "\(JSONValue.quote(string)) is not a valid date (YYYY-MM-DD)"))
            default:
                break
            }
        }
    }

    private func checkObject(
        _ members: [String: JSONValue], keywords: [String: JSONValue], path: String,
        into out: inout [Violation]
    ) {
        if case .array(let required)? = keywords["required"] {
            for case .string(let name) in required where members[name] == nil {
                out.append(Violation(path: path, message: "required property \(JSONValue.quote(name)) is missing"))
            }
        }
        var properties: [String: JSONValue] = [:]
        if case .object(let declared)? = keywords["properties"] { properties = declared }
        let additional = keywords["additionalProperties"]
        for name in members.keys.sorted() {
            guard let member = members[name] else { continue }
            let memberPath = Self.append(name, to: path)
            if let property = properties[name] {
                check(member, against: property, path: memberPath, depth: 0, into: &out)
            } else if case .bool(false)? = additional {
                out.append(Violation(path: memberPath, message: "property \(JSONValue.quote(name)) is not allowed"))
            } else if let additional {
                check(member, against: additional, path: memberPath, depth: 0, into: &out)
            }
        }
    }

    // MARK: - Paths and wording

    static func append(_ name: String, to path: String) -> String {
        var identifier = !name.isEmpty
        for (offset, scalar) in name.unicodeScalars.enumerated() {
            let letter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || scalar == "$"
            let digit = ("0"..."9").contains(scalar) || scalar == "-"
            if !(letter || (offset > 0 && digit)) {
                identifier = false
                break
            }
        }
        if !identifier { return "\(path)[\(JSONValue.quote(name))]" }
        return path.isEmpty ? name : "\(path).\(name)"
    }

    static func article(forType type: String) -> String {
        switch type {
        case "object", "array", "integer": "an \(type)"
        case "null": "null"
        default: "a \(type)"
        }
    }

    // MARK: - References

    static func resolve(_ reference: String, in root: JSONValue) throws -> JSONValue {
        var pointer = Substring(reference)
        if pointer.hasPrefix("#") {
            pointer = pointer.dropFirst()
        } else if !pointer.isEmpty && !pointer.hasPrefix("/") {
            throw SchemaError(message: "$ref \"\(reference)\" is not a local reference (only \"#/...\" is supported)")
        }
        guard let decoded = String(pointer).removingPercentEncoding else {
            throw SchemaError(message: "$ref \"\(reference)\" is not a valid URI fragment")
        }
        if decoded.isEmpty { return root }
        guard decoded.hasPrefix("/") else {
            throw SchemaError(message: "$ref \"\(reference)\" is not a JSON pointer (anchors are not supported)")
        }
        var node = root
        for rawToken in decoded.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let token = rawToken.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch node {
            case .object(let members):
                guard let next = members[token] else {
                    throw SchemaError(message: "$ref \"\(reference)\" does not resolve: no \"\(token)\"")
                }
                node = next
            case .array(let elements):
                guard let index = Int(token), elements.indices.contains(index) else {
                    throw SchemaError(message: "$ref \"\(reference)\" does not resolve: no element \(token)")
                }
                node = elements[index]
            default:
                throw SchemaError(message: "$ref \"\(reference)\" does not resolve: \"\(token)\" is inside a scalar")
            }
        }
        return node
    }

    /// Walks the schema through its subschema keywords, resolving every `$ref` and compiling every `pattern`.
    private struct SchemaCollector {
        let root: JSONValue
        var references: [String: JSONValue] = [:]
        var patterns: [String: RegexBox] = [:]
        var walked: Set<String> = []

        init(root: JSONValue) { self.root = root }

        mutating func walk(_ schema: JSONValue, pointer: String) throws {
            guard case .object(let keywords) = schema, walked.insert(pointer).inserted else { return }
            if case .string(let reference)? = keywords["$ref"], references[reference] == nil {
                let target = try JSONSchemaValidator.resolve(reference, in: root)
                references[reference] = target
                try walk(target, pointer: "ref:" + reference)
            }
            if case .string(let pattern)? = keywords["pattern"], patterns[pattern] == nil {
                do {
                    patterns[pattern] = RegexBox(regex: try NSRegularExpression(pattern: pattern))
                } catch {
                    throw SchemaError(message: "pattern \(pattern) at \(pointer) is not a valid regular expression")
                }
            }
            for keyword in ["properties", "$defs"] {
                if case .object(let members)? = keywords[keyword] {
                    for (name, member) in members { try walk(member, pointer: "\(pointer)/\(keyword)/\(name)") }
                }
            }
            for keyword in ["items", "additionalProperties"] {
                if let subschema = keywords[keyword] { try walk(subschema, pointer: "\(pointer)/\(keyword)") }
            }
        }
    }

    /// NSRegularExpression is immutable and documented as safe to use from several threads at once.
    private final class RegexBox: @unchecked Sendable {
        let regex: NSRegularExpression
        init(regex: NSRegularExpression) { self.regex = regex }
    }
}

// MARK: - JSONValue

extension JSONSchemaValidator.JSONValue {
    /// Converts a JSONSerialization value (or plain Swift Bool / numbers / strings / arrays / dictionaries).
    /// Returns nil for anything that is not JSON.
    init?(any value: Any) {
        if value is NSNull {
            self = .null
        } else if Swift.type(of: value) == Bool.self, let bool = value as? Bool {
            self = .bool(bool)
        } else if let number = value as? NSNumber, Swift.type(of: value) is NSNumber.Type {
            // JSONSerialization boxes booleans in a distinct NSNumber subclass (__NSCFBoolean, also on Linux).
            if Swift.type(of: number) == Swift.type(of: NSNumber(value: true)) {
                self = .bool(number.boolValue)
            } else {
                self = .number(number.doubleValue)
            }
        } else if let integer = value as? any BinaryInteger {
            self = .number(Double(integer))
        } else if let floating = value as? any BinaryFloatingPoint {
            self = .number(Double(floating))
        } else if let decimal = value as? Decimal {
            self = .number(NSDecimalNumber(decimal: decimal).doubleValue)
        } else if let string = value as? String {
            self = .string(string)
        } else if let elements = value as? [Any] {
            var converted: [Self] = []
            converted.reserveCapacity(elements.count)
            for element in elements {
                guard let element = Self(any: element) else { return nil }
                converted.append(element)
            }
            self = .array(converted)
        } else if let members = value as? [String: Any] {
            var converted: [String: Self] = [:]
            converted.reserveCapacity(members.count)
            for (name, member) in members {
                guard let member = Self(any: member) else { return nil }
                converted[name] = member
            }
            self = .object(converted)
        } else {
            return nil
        }
    }

    func hasType(_ type: String) -> Bool {
        switch (type, self) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array),
            ("object", .object):
            true
        case ("integer", .number(let number)): number.isFinite && number.rounded(.towardZero) == number
        default: false
        }
    }

    var typeDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// A short rendering for messages: strings quoted, numbers without a needless `.0`, containers abbreviated.
    var summary: String {
        switch self {
        case .null: "null"
        case .bool(let bool): bool ? "true" : "false"
        case .number(let number): Self.format(number)
        case .string(let string): Self.quote(string)
        case .array, .object:
            Self.truncate(compactJSON)
        }
    }

    /// Compact JSON text with sorted keys.
    var compactJSON: String {
        switch self {
        case .array(let elements): "[" + elements.map(\.compactJSON).joined(separator: ",") + "]"
        case .object(let members):
            "{"
                + members.sorted { $0.key < $1.key }.map { Self.quote($0.key) + ":" + $0.value.compactJSON }.joined(
                    separator: ",") + "}"
        default: summary
        }
    }

    static func truncate(_ text: String) -> String {
        text.count <= 80 ? text : String(text.prefix(79)) + "…"
    }

    static func format(_ number: Double) -> String {
        if number.isFinite, number.rounded(.towardZero) == number, abs(number) < 1e15 {
            return String(Int64(number))
        }
        return String(number)
    }

    static func quote(_ string: String) -> String {
        var quoted = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\r": quoted += "\\r"
            case "\t": quoted += "\\t"
            default:
                if scalar.value < 0x20 {
                    quoted += String(format: "\\u%04x", scalar.value)
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }
}

// MARK: - Formats

extension JSONSchemaValidator {
    /// `date` (RFC 3339 full-date, YYYY-MM-DD) and `date-time` (RFC 3339 date-time) checks, with real calendar days.
    enum RFC3339 {
        static func isDate(_ string: String) -> Bool {
            let bytes = Array(string.utf8)
            return bytes.count == 10 && isDate(bytes[...])
        }

        static func isDateTime(_ string: String) -> Bool {
            let bytes = Array(string.utf8)
            guard bytes.count >= 20, isDate(bytes[0..<10]),
                bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t")
            else { return false }
            var index = 11
            guard let hour = number(bytes, &index, 2), hour <= 23, expect(bytes, &index, ":"),
                let minute = number(bytes, &index, 2), minute <= 59, expect(bytes, &index, ":"),
                let second = number(bytes, &index, 2), second <= 60
            else { return false }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                let start = index
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
                guard index > start else { return false }
            }
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                return index + 1 == bytes.count
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                index += 1
                guard let offsetHour = number(bytes, &index, 2), offsetHour <= 23, expect(bytes, &index, ":"),
                    let offsetMinute = number(bytes, &index, 2), offsetMinute <= 59
                else { return false }
                return index == bytes.count
            default:
                return false
            }
        }

        private static func isDate(_ bytes: ArraySlice<UInt8>) -> Bool {
            let bytes = Array(bytes)
            var index = 0
            guard let year = number(bytes, &index, 4), expect(bytes, &index, "-"), let month = number(bytes, &index, 2),
                expect(bytes, &index, "-"), let day = number(bytes, &index, 2), index == bytes.count,
                (1...12).contains(month)
            else { return false }
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            return (1...days).contains(day)
        }

        private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

        private static func number(_ bytes: [UInt8], _ index: inout Int, _ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard isDigit(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }

        private static func expect(_ bytes: [UInt8], _ index: inout Int, _ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }
    }
}
