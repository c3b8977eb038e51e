import CanonicalModel
import EDIFormat
import EDIXML

extension XMLMap {
    /// Whether this map is for documents with this root element (local name, and namespace when the map
    /// names one).
    public func matches(_ root: XMLElement) -> Bool {
        root.name == self.root && (namespace == nil || root.namespace == namespace)
    }

    /// The first map in `maps` for this document's root, or nil when the document is refused or none matches.
    public static func select(_ maps: [XMLMap], for bytes: [UInt8]) -> XMLMap? {
        guard let root = try? XMLDocument(parsing: bytes).root else { return nil }
        return maps.first { $0.matches(root) }
    }

    /// One partner XML document to its canonical event through this map, or an issue: `xmlRejected` for a
    /// document that is not well-formed, declares a DTD or has no order number, `unsupportedType` when its
    /// root element is not this map's.
    ///
    /// As for cXML and UBL, the event's standard is `XML` and its set `1`; its interchange is the order number.
    public func translate(_ bytes: [UInt8], context: MappingContext) -> Translation {
        var result = Translation()
        let root: XMLElement
        do {
            root = try XMLDocument(parsing: bytes).root
        } catch {
            result.issues.append(
                MappingIssue(
                    code: .xmlRejected, location: Location(byteOffset: 0),
                    message: "XML refused: line \(error.line): \(error.message)", line: error.line))
            return result
        }
        guard matches(root) else {
            let found = root.namespace.map { "{\($0)}\(root.name)" } ?? root.name
            let wanted = namespace.map { "{\($0)}\(self.root)" } ?? self.root
            result.issues.append(
                MappingIssue(
                    code: .unsupportedType, location: Location(byteOffset: 0),
                    message: "\(source): root \(found) is not this map's \(wanted)", line: root.line))
            return result
        }
        let document = order(root)
        guard !document.orderNumber.isEmpty else {
            result.issues.append(
                MappingIssue(
                    code: .xmlRejected, location: Location(byteOffset: 0),
                    message: "\(source): no order number at fields.orderNumber", line: root.line))
            return result
        }
        result.events.append(
            CloudEvent(
                partner: context.partner, standard: "XML", interchange: document.orderNumber, group: nil, set: "1",
                position: 1, contentHash: SHA256.hex(bytes), time: context.time, fileSHA256: context.fileSHA256,
                data: .order(document)))
        return result
    }

    /// The canonical order the rules read from `root`.
    func order(_ root: XMLElement) -> Order {
        let rules = order
        var order = Order(
            orderNumber: text(rules.orderNumber, in: root) ?? "", purpose: Purpose(code: "", meaning: "original"))
        if let purpose = rules.purpose, let code = raw(purpose, in: root) {
            order.purpose = Purpose(code: code, meaning: crosswalked(code, purpose, unlisted: "other"))
        }
        order.orderDate = rules.orderDate.flatMap { date($0, in: root) }
        order.orderType = rules.orderType.flatMap { text($0, in: root) }
        order.currency = rules.currency.flatMap { text($0, in: root) }.flatMap(isoCurrency)
        order.requestedDeliveryDate = rules.requestedDeliveryDate.flatMap { date($0, in: root) }
        order.requestedShipDate = rules.requestedShipDate.flatMap { date($0, in: root) }
        order.declaredTotalAmount = rules.declaredTotalAmount.flatMap { decimal($0, in: root) }
        order.notes = rules.notes.map { texts($0, in: root) } ?? []
        for reference in rules.references {
            for value in texts(reference.value, in: root) {
                order.references.append(Reference(qualifier: reference.qualifier ?? "", value: value))
            }
        }
        for group in rules.parties {
            for element in group.path.elements(in: root) {
                order.parties.append(party(group, element))
            }
        }
        if let group = rules.lines {
            for (index, element) in group.path.elements(in: root).enumerated() {
                order.lines.append(line(group, element, ordinal: index + 1))
            }
        }
        order.computedTotalAmount = OrderTotals.computed(order.lines)
        return order
    }

    func party(_ group: PartyGroup, _ element: XMLElement) -> Party {
        let original = raw(group.role, in: element) ?? ""
        var party = Party(role: crosswalked(original, group.role, unlisted: "other"), originalRole: original)
        if !XMLMap.roles.contains(party.role) { party.role = "other" }
        for identifier in group.identifiers {
            for value in texts(identifier.value, in: element) {
                party.identifiers.append(
                    Identifier(value: value, qualifier: identifier.qualifier, scheme: identifier.scheme))
            }
        }
        party.name = group.name.flatMap { text($0, in: element) }
        party.street = group.street.map { texts($0, in: element) } ?? []
        party.city = group.city.flatMap { text($0, in: element) }
        party.region = group.region.flatMap { text($0, in: element) }
        party.postalCode = group.postalCode.flatMap { text($0, in: element) }
        party.country = group.country.flatMap { text($0, in: element) }
        return party
    }

    func line(_ group: LineGroup, _ element: XMLElement, ordinal: Int) -> OrderLine {
        var line = OrderLine(lineNumber: group.lineNumber.flatMap { text($0, in: element) } ?? String(ordinal))
        line.quantity = group.quantity.flatMap { decimal($0, in: element) }
        if let unit = group.unit, let code = raw(unit, in: element) {
            line.unit = UnitOfMeasure(rec20: code)
            line.unit?.rec20 = crosswalked(code, unit, unlisted: code)
        }
        line.unitPrice = group.unitPrice.flatMap { decimal($0, in: element) }
        line.priceBasis = group.priceBasis.flatMap { text($0, in: element) }
        line.description = group.description.flatMap { text($0, in: element) }
        line.packSize = group.packSize.flatMap { decimal($0, in: element) }
        line.requestedDeliveryDate = group.requestedDeliveryDate.flatMap { date($0, in: element) }
        for item in group.items {
            let kind = item.kind ?? "other"
            for value in texts(item.value, in: element) {
                line.items.append(XMLItem.identifier(kind: kind, qualifier: item.qualifier ?? kind, value: value))
            }
        }
        return line
    }

    // MARK: - Field values

    /// Every value a field gives, as sent: its constant, else what its path selects, else its default.
    func raws(_ field: Field, in element: XMLElement) -> [String] {
        if let constant = field.constant { return [constant] }
        let values = field.path?.values(in: element) ?? []
        if values.isEmpty, let fallback = field.fallback { return [fallback] }
        return values
    }

    func raw(_ field: Field, in element: XMLElement) -> String? {
        raws(field, in: element).first
    }

    /// The value through the field's crosswalk: the table's entry, else `otherwise`, else `unlisted`.
    func crosswalked(_ value: String, _ field: Field, unlisted: String) -> String {
        guard let name = field.crosswalk else { return value }
        return crosswalks[name]?[value] ?? field.otherwise ?? unlisted
    }

    func texts(_ field: Field, in element: XMLElement) -> [String] {
        raws(field, in: element).map { crosswalked($0, field, unlisted: $0) }
    }

    func text(_ field: Field, in element: XMLElement) -> String? {
        raw(field, in: element).map { crosswalked($0, field, unlisted: $0) }
    }

    /// `YYYY-MM-DD` from the field's format (ISO 8601 date or date-time by default); nil when it does not parse.
    func date(_ field: Field, in element: XMLElement) -> String? {
        guard let value = text(field, in: element) else { return nil }
        return field.dateFormat.map { $0.iso(value) } ?? XMLDate.iso(value)
    }

    /// An exact decimal with the field's decimal mark, its grouping separator dropped; nil when not a number.
    func decimal(_ field: Field, in element: XMLElement) -> ExactDecimal? {
        guard var value = text(field, in: element) else { return nil }
        if let separator = field.groupingSeparator { value.removeAll { $0 == separator } }
        return ExactDecimal(value, decimalMarks: [field.decimalMark])
    }
}
