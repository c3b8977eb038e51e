import EDIXML
import Yams

/// A partner's own XML dialect described in YAML (docs/xml-maps.md): which root element it is, and a path
/// for every canonical field, repeating groups, constants and value crosswalks. No Swift code per partner.
///
/// Loading validates everything up front and reports every problem at once, each with its key path
/// (`maps/acme.yaml: fields.orderNumber: path is empty`). ``translate(_:context:)`` then maps documents.
public struct XMLMap: Sendable {
    /// The canonical document a map produces (`document:`); only orders for now.
    public enum Document: String, Sendable, CaseIterable {
        case order
    }

    /// Where the map came from, for messages (`maps/acme.yaml`).
    public var source: String
    public var document: Document
    /// The root element's local name that selects this map (`root:`).
    public var root: String
    /// The root element's namespace URI, when the map requires one (`namespace:`).
    public var namespace: String?
    /// Named literal values (`constants:`), used by fields as `constant: $name`.
    public var constants: [String: String]
    /// Named value tables (`crosswalks:`): value as sent to canonical value.
    public var crosswalks: [String: [String: String]]
    public var order: OrderRules

    /// The rules for `document: order`.
    public struct OrderRules: Sendable {
        public var orderNumber: Field
        public var orderDate: Field?
        /// The value as sent is the purpose code; its crosswalked value the meaning (else `other`).
        public var purpose: Field?
        public var orderType: Field?
        public var currency: Field?
        public var requestedDeliveryDate: Field?
        public var requestedShipDate: Field?
        public var declaredTotalAmount: Field?
        public var notes: Field?
        public var references: [Qualified]
        public var parties: [PartyGroup]
        public var lines: LineGroup?
    }

    /// A repeating group of parties (`parties:` entry).
    public struct PartyGroup: Sendable {
        public var path: XMLPath
        /// The value as sent is the original role; its crosswalked value the canonical role (else `other`).
        public var role: Field
        public var identifiers: [Qualified]
        public var name: Field?
        public var street: Field?
        public var city: Field?
        public var region: Field?
        public var postalCode: Field?
        public var country: Field?
    }

    /// The repeating group of order lines (`lines:`).
    public struct LineGroup: Sendable {
        public var path: XMLPath
        /// Defaults to the 1-based position of the line in the group.
        public var lineNumber: Field?
        public var quantity: Field?
        /// The value as sent is the original unit; its crosswalked value the Rec 20 code (else as sent).
        public var unit: Field?
        public var unitPrice: Field?
        public var priceBasis: Field?
        public var description: Field?
        public var packSize: Field?
        public var requestedDeliveryDate: Field?
        public var items: [Qualified]
    }

    /// An identifier, item id or reference: a value field with constant `kind`, `qualifier` and `scheme`.
    public struct Qualified: Sendable {
        public var value: Field
        public var kind: String?
        public var qualifier: String?
        public var scheme: String?
    }

    /// How one canonical field gets its value: a path or a constant, then an optional crosswalk.
    public struct Field: Sendable {
        public var path: XMLPath?
        public var constant: String?
        /// The value when the path finds nothing.
        public var fallback: String?
        /// The name of a table in ``XMLMap/crosswalks``.
        public var crosswalk: String?
        /// The crosswalked value for a value the table does not list (default: the value as sent).
        public var otherwise: String?
        /// For dates: the format of the value as sent (default ISO 8601).
        public var dateFormat: DateFormat?
        /// For decimals: the decimal mark (`.` unless told) and a grouping separator to drop.
        public var decimalMark: Character = "."
        public var groupingSeparator: Character?
    }
}

/// Why a map was refused: every problem, each as `source: key.path: message`.
public struct XMLMapError: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}

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

// MARK: - Loading

extension XMLMap {
    /// Canonical values a role, purpose or item kind may map to (the event schema's enums).
    static let roles: Set = ["buyer", "seller", "billTo", "shipTo", "shipFrom", "remitTo", "payer", "other"]
    static let meanings: Set = [
        "original", "cancellation", "replace", "change", "confirmation", "duplicate", "copy",
        "acceptedWithoutAmendment", "notAccepted", "other",
    ]
    static let kinds: Set = ["gtin", "vendorItem", "buyerItem", "sku", "manufacturerPart", "other"]

    /// Loads and validates a map; `source` names it in messages (`maps/acme.yaml`).
    public init(yaml: String, source: String) throws(XMLMapError) {
        var loader = Loader(source: source)
        let top: Node?
        do {
            top = try Yams.compose(yaml: yaml)
        } catch {
            throw XMLMapError(problems: ["\(source): not valid YAML: \(error)"])
        }
        guard
            let map = loader.mapping(
                top, at: "",
                allowed: ["document", "root", "namespace", "fields", "parties", "lines", "constants", "crosswalks"])
        else {
            throw XMLMapError(problems: loader.problems)
        }
        let document = loader.scalar(map["document"], at: "document", required: true).flatMap { name in
            let kind = Document(rawValue: name)
            if kind == nil {
                loader.problem(
                    "document",
                    "unknown document '\(name)' (known: \(Document.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return kind
        }
        let root = loader.scalar(map["root"], at: "root", required: true)
        let namespace = loader.scalar(map["namespace"], at: "namespace", required: false)
        loader.constants = loader.table(map["constants"], at: "constants")
        var crosswalks: [String: [String: String]] = [:]
        if let entries = loader.mapping(map["crosswalks"], at: "crosswalks", allowed: nil) {
            for (name, node) in entries.pairs {
                crosswalks[name] = loader.table(node, at: "crosswalks.\(name)")
            }
        }
        loader.crosswalks = crosswalks
        let order = loader.orderRules(map)
        guard loader.problems.isEmpty, let document, let root, let order else {
            throw XMLMapError(problems: loader.problems)
        }
        self.source = source
        self.document = document
        self.root = root
        self.namespace = namespace
        self.constants = loader.constants
        self.crosswalks = crosswalks
        self.order = order
    }
}

/// Walks the composed YAML, collecting every problem with its key path.
private struct Loader {
    enum Kind { case text, date, decimal, role, purpose, unit, kind }

    struct Entries {
        var pairs: [(String, Node)]
        subscript(key: String) -> Node? { pairs.first { $0.0 == key }?.1 }
    }

    let source: String
    var problems: [String] = []
    var constants: [String: String] = [:]
    var crosswalks: [String: [String: String]] = [:]

    init(source: String) { self.source = source }

    mutating func problem(_ path: String, _ message: String) {
        problems.append("\(source): \(path.isEmpty ? "(top)" : path): \(message)")
    }

    func join(_ parent: String, _ key: String) -> String { parent.isEmpty ? key : "\(parent).\(key)" }

    /// A mapping's entries with string keys; nil (and a problem) when `node` is something else. Unknown and
    /// duplicate keys are problems; `allowed` nil accepts any key.
    mutating func mapping(_ node: Node?, at path: String, allowed: [String]?) -> Entries? {
        guard let node else { return nil }
        guard let mapping = node.mapping else {
            problem(path, "expected a mapping")
            return nil
        }
        var pairs: [(String, Node)] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                problem(path, "keys must be plain strings")
                continue
            }
            if pairs.contains(where: { $0.0 == name }) {
                problem(join(path, name), "duplicate key")
                continue
            }
            if let allowed, !allowed.contains(name) {
                problem(join(path, name), "unknown key (expected one of: \(allowed.joined(separator: ", ")))")
                continue
            }
            pairs.append((name, value))
        }
        return Entries(pairs: pairs)
    }

    /// A scalar that may be empty (paths report their own emptiness as `path is empty`).
    mutating func pathText(_ node: Node?, at path: String) -> String? {
        guard let node else { return nil }
        guard let text = node.scalar?.string else {
            problem(path, "expected a single value")
            return nil
        }
        return text
    }

    mutating func scalar(_ node: Node?, at path: String, required: Bool) -> String? {
        guard let node else {
            if required { problem(path, "is required") }
            return nil
        }
        guard let text = node.scalar?.string else {
            problem(path, "expected a single value")
            return nil
        }
        guard !text.trimmedXML.isEmpty else {
            problem(path, "is empty")
            return nil
        }
        return text
    }

    mutating func table(_ node: Node?, at path: String) -> [String: String] {
        var table: [String: String] = [:]
        guard let entries = mapping(node, at: path, allowed: nil) else { return table }
        for (key, value) in entries.pairs {
            if let text = value.scalar?.string {
                table[key] = text
            } else {
                problem(join(path, key), "expected a value")
            }
        }
        return table
    }

    mutating func sequence(_ node: Node?, at path: String) -> [Node] {
        guard let node else { return [] }
        guard let sequence = node.sequence else {
            problem(path, "expected a list")
            return []
        }
        return Array(sequence)
    }

    mutating func path(_ text: String?, at path: String) -> XMLPath? {
        guard let text else { return nil }
        do {
            return try XMLPath(parsing: text)
        } catch {
            for message in error.problems { problem(path, message) }
            return nil
        }
    }

    mutating func groupPath(_ node: Node?, at path: String) -> XMLPath? {
        guard let node else {
            problem(path, "is required")
            return nil
        }
        guard let found = self.path(pathText(node, at: path), at: path) else { return nil }
        if found.terminal != .text || found.description.hasSuffix("text()") {
            problem(path, "a group path selects elements; it cannot end in @attribute or text()")
        }
        return found
    }

    /// A field: a path (`Header/@no`) or a mapping with `path`/`constant` and options for its kind.
    mutating func field(_ node: Node?, at path: String, kind: Kind, required: Bool = false) -> XMLMap.Field? {
        guard let node else {
            if required { problem(path, "is required") }
            return nil
        }
        if node.scalar != nil {
            guard let found = self.path(pathText(node, at: path), at: path) else { return nil }
            return XMLMap.Field(path: found)
        }
        var allowed = ["path", "constant", "default", "crosswalk", "otherwise"]
        if kind == .date { allowed.append("format") }
        if kind == .decimal { allowed += ["decimalMark", "groupingSeparator"] }
        guard let entries = mapping(node, at: path, allowed: allowed) else { return nil }
        var field = XMLMap.Field()
        field.path = self.path(pathText(entries["path"], at: join(path, "path")), at: join(path, "path"))
        if let constant = scalar(entries["constant"], at: join(path, "constant"), required: false) {
            field.constant = resolve(constant, at: join(path, "constant"))
        }
        let hasPath = entries["path"] != nil
        let hasConstant = entries["constant"] != nil
        if hasPath == hasConstant { problem(path, "give exactly one of path or constant") }
        field.fallback = scalar(entries["default"], at: join(path, "default"), required: false)
        if entries["default"] != nil && !hasPath { problem(join(path, "default"), "only with a path") }
        if let name = scalar(entries["crosswalk"], at: join(path, "crosswalk"), required: false) {
            if let table = crosswalks[name] {
                field.crosswalk = name
                check(Array(table.values), kind: kind, at: "crosswalks.\(name)")
            } else {
                problem(join(path, "crosswalk"), "no crosswalk named '\(name)'")
            }
        }
        field.otherwise = scalar(entries["otherwise"], at: join(path, "otherwise"), required: false)
        if entries["otherwise"] != nil && entries["crosswalk"] == nil {
            problem(join(path, "otherwise"), "only with a crosswalk")
        }
        if let otherwise = field.otherwise { check([otherwise], kind: kind, at: join(path, "otherwise")) }
        if field.crosswalk == nil, let constant = field.constant {
            check([constant], kind: kind, at: join(path, "constant"))
        }
        if let pattern = scalar(entries["format"], at: join(path, "format"), required: false) {
            do {
                field.dateFormat = try DateFormat(parsing: pattern)
            } catch {
                for message in error.problems { problem(join(path, "format"), message) }
            }
        }
        for key in ["decimalMark", "groupingSeparator"] {
            guard let mark = scalar(entries[key], at: join(path, key), required: false) else { continue }
            guard mark.count == 1, let character = mark.first, !character.isNumber else {
                problem(join(path, key), "must be one character that is not a digit")
                continue
            }
            if key == "decimalMark" { field.decimalMark = character } else { field.groupingSeparator = character }
        }
        if field.groupingSeparator != nil && field.groupingSeparator == field.decimalMark {
            problem(join(path, "groupingSeparator"), "must differ from decimalMark")
        }
        return field
    }

    /// `$name` refers to `constants:`; anything else is the literal value.
    mutating func resolve(_ constant: String, at path: String) -> String? {
        guard constant.hasPrefix("$") else { return constant }
        let name = String(constant.dropFirst())
        guard let value = constants[name] else {
            problem(path, "no constant named '\(name)'")
            return nil
        }
        return value
    }

    mutating func check(_ values: [String], kind: Kind, at path: String) {
        let allowed: Set<String>
        switch kind {
        case .role: allowed = XMLMap.roles
        case .purpose: allowed = XMLMap.meanings
        case .kind: allowed = XMLMap.kinds
        default: return
        }
        for value in Set(values).sorted() where !allowed.contains(value) {
            problem(path, "'\(value)' is not one of: \(allowed.sorted().joined(separator: ", "))")
        }
    }

    /// `- { path: ..., kind: ..., qualifier: ..., scheme: ... }` entries (items, identifiers, references).
    mutating func qualified(
        _ node: Node?, at path: String, keys: [String], kindRequired: Bool = false, qualifierRequired: Bool = false
    ) -> [XMLMap.Qualified] {
        var result: [XMLMap.Qualified] = []
        for (index, entry) in sequence(node, at: path).enumerated() {
            let at = "\(path)[\(index)]"
            guard let entries = mapping(entry, at: at, allowed: ["path", "constant", "default"] + keys) else {
                continue
            }
            var value = XMLMap.Field()
            value.path = self.path(pathText(entries["path"], at: join(at, "path")), at: join(at, "path"))
            if let constant = scalar(entries["constant"], at: join(at, "constant"), required: false) {
                value.constant = resolve(constant, at: join(at, "constant"))
            }
            if (entries["path"] != nil) == (entries["constant"] != nil) {
                problem(at, "give exactly one of path or constant")
            }
            value.fallback = scalar(entries["default"], at: join(at, "default"), required: false)
            var item = XMLMap.Qualified(value: value)
            item.kind = scalar(entries["kind"], at: join(at, "kind"), required: kindRequired)
            if let kind = item.kind { check([kind], kind: .kind, at: join(at, "kind")) }
            item.qualifier = scalar(entries["qualifier"], at: join(at, "qualifier"), required: qualifierRequired)
            item.scheme = scalar(entries["scheme"], at: join(at, "scheme"), required: false)
            result.append(item)
        }
        return result
    }

    mutating func orderRules(_ map: Entries) -> XMLMap.OrderRules? {
        let fieldKinds: [(String, Kind)] = [
            ("orderNumber", .text), ("orderDate", .date), ("purpose", .purpose), ("orderType", .text),
            ("currency", .text), ("requestedDeliveryDate", .date), ("requestedShipDate", .date),
            ("declaredTotalAmount", .decimal), ("notes", .text),
        ]
        let fields = mapping(map["fields"], at: "fields", allowed: fieldKinds.map(\.0) + ["references"])
        if map["fields"] == nil { problem("fields", "is required") }
        func field(_ name: String, required: Bool = false) -> XMLMap.Field? {
            let kind = fieldKinds.first { $0.0 == name }!.1
            return self.field(fields?[name], at: "fields.\(name)", kind: kind, required: required && fields != nil)
        }
        let orderNumber = field("orderNumber", required: true)
        var rules = XMLMap.OrderRules(
            orderNumber: orderNumber ?? XMLMap.Field(), orderDate: field("orderDate"), purpose: field("purpose"),
            orderType: field("orderType"), currency: field("currency"),
            requestedDeliveryDate: field("requestedDeliveryDate"), requestedShipDate: field("requestedShipDate"),
            declaredTotalAmount: field("declaredTotalAmount"), notes: field("notes"),
            references: qualified(
                fields?["references"], at: "fields.references", keys: ["qualifier"], qualifierRequired: true),
            parties: [], lines: nil)
        for (index, node) in sequence(map["parties"], at: "parties").enumerated() {
            let at = "parties[\(index)]"
            let keys = ["path", "role", "identifiers", "name", "street", "city", "region", "postalCode", "country"]
            guard let entries = mapping(node, at: at, allowed: keys) else { continue }
            let path = groupPath(entries["path"], at: join(at, "path"))
            let role = self.field(entries["role"], at: join(at, "role"), kind: .role, required: true)
            var group = XMLMap.PartyGroup(
                path: path ?? XMLMap.emptyPath, role: role ?? XMLMap.Field(),
                identifiers: qualified(
                    entries["identifiers"], at: join(at, "identifiers"), keys: ["qualifier", "scheme"]))
            group.name = self.field(entries["name"], at: join(at, "name"), kind: .text)
            group.street = self.field(entries["street"], at: join(at, "street"), kind: .text)
            group.city = self.field(entries["city"], at: join(at, "city"), kind: .text)
            group.region = self.field(entries["region"], at: join(at, "region"), kind: .text)
            group.postalCode = self.field(entries["postalCode"], at: join(at, "postalCode"), kind: .text)
            group.country = self.field(entries["country"], at: join(at, "country"), kind: .text)
            rules.parties.append(group)
        }
        let lineKeys = [
            "path", "lineNumber", "quantity", "unit", "unitPrice", "priceBasis", "description", "packSize",
            "requestedDeliveryDate", "items",
        ]
        if let entries = mapping(map["lines"], at: "lines", allowed: lineKeys) {
            var group = XMLMap.LineGroup(
                path: groupPath(entries["path"], at: "lines.path") ?? XMLMap.emptyPath,
                items: qualified(entries["items"], at: "lines.items", keys: ["kind", "qualifier"], kindRequired: true))
            group.lineNumber = self.field(entries["lineNumber"], at: "lines.lineNumber", kind: .text)
            group.quantity = self.field(entries["quantity"], at: "lines.quantity", kind: .decimal)
            group.unit = self.field(entries["unit"], at: "lines.unit", kind: .unit)
            group.unitPrice = self.field(entries["unitPrice"], at: "lines.unitPrice", kind: .decimal)
            group.priceBasis = self.field(entries["priceBasis"], at: "lines.priceBasis", kind: .text)
            group.description = self.field(entries["description"], at: "lines.description", kind: .text)
            group.packSize = self.field(entries["packSize"], at: "lines.packSize", kind: .decimal)
            group.requestedDeliveryDate = self.field(
                entries["requestedDeliveryDate"], at: "lines.requestedDeliveryDate", kind: .date)
            rules.lines = group
        }
        return orderNumber == nil ? nil : rules
    }
}

extension XMLMap {
    static let emptyPath = try! XMLPath(parsing: ".")
}
