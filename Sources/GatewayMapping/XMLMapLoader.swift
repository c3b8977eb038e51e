import EDIXML
import Yams

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
