import EDIXML

/// A small path over ``XMLElement`` (there is no XPath): `/`-separated local names relative to the context
/// element (the document root, or the current repeating-group element), each optionally filtered by one
/// attribute (`Party[@type='BY']`), ending optionally in `@attribute` or `text()` (the default). `.` is the
/// context element itself. Namespace prefixes are ignored, as everywhere in ``XMLElement`` lookups.
public struct XMLPath: Sendable, Hashable, CustomStringConvertible {
    public struct Step: Sendable, Hashable {
        public var name: String
        public var attribute: String?
        public var equals: String?
    }

    public enum Terminal: Sendable, Hashable {
        case text
        case attribute(String)
    }

    public var steps: [Step]
    public var terminal: Terminal
    public let description: String

    /// Parses `text`; throws a message (without key path) when it is not a valid path.
    public init(parsing text: String) throws(XMLMapError) {
        description = text
        let trimmed = text.trimmedXML
        guard !trimmed.isEmpty else { throw XMLMapError(problems: ["path is empty"]) }
        var parts = trimmed.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.first == "" { throw XMLMapError(problems: ["path must be relative (no leading /)"]) }
        terminal = .text
        if let last = parts.last {
            if last == "text()" {
                parts.removeLast()
            } else if last.hasPrefix("@") {
                let name = String(last.dropFirst())
                guard Self.isName(name) else { throw XMLMapError(problems: ["bad attribute name '\(last)'"]) }
                terminal = .attribute(name)
                parts.removeLast()
            }
        }
        steps = []
        for part in parts where part != "." {
            guard !part.isEmpty else { throw XMLMapError(problems: ["empty step in '\(text)'"]) }
            guard let open = part.firstIndex(of: "[") else {
                guard Self.isName(part) else { throw XMLMapError(problems: ["bad step '\(part)' in '\(text)'"]) }
                steps.append(Step(name: part))
                continue
            }
            // Name[@attr='value'] (or "value").
            let name = String(part[..<open])
            var predicate = part[part.index(after: open)...]
            guard Self.isName(name), predicate.hasPrefix("@"), predicate.hasSuffix("]"),
                let equals = predicate.firstIndex(of: "=")
            else { throw XMLMapError(problems: ["bad step '\(part)' (use Name[@attr='value'])"]) }
            predicate = predicate.dropLast()
            let attribute = String(predicate[predicate.index(after: predicate.startIndex)..<equals])
            let quoted = predicate[predicate.index(after: equals)...]
            guard Self.isName(attribute), quoted.count >= 2, let quote = quoted.first, quote == "'" || quote == "\"",
                quoted.last == quote
            else { throw XMLMapError(problems: ["bad step '\(part)' (use Name[@attr='value'])"]) }
            steps.append(Step(name: name, attribute: attribute, equals: String(quoted.dropFirst().dropLast())))
        }
    }

    static func isName(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
    }

    /// The elements the steps select from `context`, in document order.
    public func elements(in context: XMLElement) -> [XMLElement] {
        var level = [context]
        for step in steps {
            level = level.flatMap { $0.children(step.name) }
            if let attribute = step.attribute {
                level = level.filter { $0.attribute(attribute)?.trimmedXML == step.equals }
            }
        }
        return level
    }

    /// The trimmed, non-empty values the path selects from `context`, in document order.
    public func values(in context: XMLElement) -> [String] {
        elements(in: context).compactMap { element in
            switch terminal {
            case .text: return element.value
            case .attribute(let name): return element.attribute(name)?.trimmedXML.nonEmpty
            }
        }
    }
}

/// A date format such as `yyyyMMdd`, `dd.MM.yyyy` or `MM/dd/yy HH:mm`: `yyyy`, `yy` (century 20), `MM`, `dd`
/// and the ignored `HH`, `mm`, `ss` are digits; anything else must appear as written.
public struct DateFormat: Sendable, Hashable, CustomStringConvertible {
    enum Token: Sendable, Hashable {
        case year4, year2, month, day, ignored, literal(Character)
    }

    let tokens: [Token]
    public let description: String

    public init(parsing pattern: String) throws(XMLMapError) {
        description = pattern
        var tokens: [Token] = []
        var rest = Substring(pattern)
        let names: [(String, Token)] = [
            ("yyyy", .year4), ("yy", .year2), ("MM", .month), ("dd", .day), ("HH", .ignored), ("mm", .ignored),
            ("ss", .ignored),
        ]
        while let first = rest.first {
            if let (name, token) = names.first(where: { rest.hasPrefix($0.0) }) {
                tokens.append(token)
                rest = rest.dropFirst(name.count)
            } else if first.isLetter {
                throw XMLMapError(problems: ["unknown date pattern letter '\(first)' in '\(pattern)'"])
            } else {
                tokens.append(.literal(first))
                rest = rest.dropFirst()
            }
        }
        let years = tokens.filter { $0 == .year4 || $0 == .year2 }.count
        guard years == 1, tokens.filter({ $0 == .month }).count == 1, tokens.filter({ $0 == .day }).count == 1 else {
            throw XMLMapError(problems: ["date format '\(pattern)' needs exactly one yyyy (or yy), MM and dd"])
        }
        self.tokens = tokens
    }

    /// `YYYY-MM-DD`, or nil when `value` does not match the format or is not a calendar date.
    public func iso(_ value: String) -> String? {
        var characters = Substring(value.trimmedXML)
        var year = "", month = "", day = ""
        func digits(_ count: Int) -> String? {
            let prefix = characters.prefix(count)
            guard prefix.count == count, prefix.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            characters = characters.dropFirst(count)
            return String(prefix)
        }
        for token in tokens {
            switch token {
            case .year4: guard let text = digits(4) else { return nil }; year = text
            case .year2: guard let text = digits(2) else { return nil }; year = "20" + text
            case .month: guard let text = digits(2) else { return nil }; month = text
            case .day: guard let text = digits(2) else { return nil }; day = text
            case .ignored: guard digits(2) != nil else { return nil }
            case .literal(let character):
                guard characters.first == character else { return nil }
                characters = characters.dropFirst()
            }
        }
        guard characters.isEmpty, let m = Int(month), (1...12).contains(m), let d = Int(day), (1...31).contains(d)
        else { return nil }
        return "\(year)-\(month)-\(day)"
    }
}
