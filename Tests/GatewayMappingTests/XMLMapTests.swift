import CanonicalModel
import EDIXML
import Foundation
import Testing

@testable import GatewayMapping

/// YAML maps for partners' own XML dialects (docs/xml-maps.md): the shipped ACME sample, up-front
/// validation, root selection and schema conformance.
@Suite struct XMLMapTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let samples = root.appendingPathComponent("Samples/xml-maps")
    static let context = MappingContext(partner: "acme", time: "2024-03-10T09:16:00Z", fileSHA256: "abc")

    static func sampleMap() throws -> XMLMap {
        let yaml = try String(
            contentsOf: samples.appendingPathComponent("acme-purchase-order.map.yaml"), encoding: .utf8)
        return try XMLMap(yaml: yaml, source: "acme-purchase-order.map.yaml")
    }

    static func sampleBytes() throws -> [UInt8] {
        [UInt8](try Data(contentsOf: samples.appendingPathComponent("acme-purchase-order.xml")))
    }

    static func problems(_ yaml: String) -> [String] {
        do {
            _ = try XMLMap(yaml: yaml, source: "maps/acme.yaml")
            return []
        } catch {
            return error.problems
        }
    }

    @Test func theSampleMapsToTheExpectedOrder() throws {
        let translation = try Self.sampleMap().translate(try Self.sampleBytes(), context: Self.context)
        #expect(translation.issues.isEmpty, "\(translation.issues)")
        #expect(translation.events.count == 1)
        let event = try #require(translation.events.first)
        #expect(event.type == "edigate.order.v1" && event.subject == "ACME-2024-0815")
        #expect(event.edistandard == "XML" && event.ediinterchange == "ACME-2024-0815" && event.ediset == "1")
        #expect(event.edigroup == nil && event.edipartner == "acme")
        guard case .order(let order) = event.data else {
            Issue.record("not an order")
            return
        }

        var expected = Order(orderNumber: "ACME-2024-0815", purpose: Purpose(code: "NEU", meaning: "original"))
        expected.orderDate = "2024-03-10"
        expected.orderType = "SA"
        expected.currency = "EUR"
        expected.requestedDeliveryDate = "2024-03-20"
        expected.declaredTotalAmount = ExactDecimal("1234.5")
        expected.computedTotalAmount = ExactDecimal("1234.5")
        expected.notes = ["Anlieferung bitte an Rampe 3", "Lieferschein in zweifacher Ausfertigung"]
        expected.references = [
            Reference(qualifier: "CT", value: "K-2024-77"), Reference(qualifier: "costCentre", value: "4711"),
        ]
        var buyer = Party(role: "buyer", originalRole: "AG")
        buyer.identifiers = [Identifier(value: "4012345000009", qualifier: "ILN", scheme: "GLN")]
        buyer.name = "ACME Handel GmbH"
        buyer.street = ["Hauptstrasse 1", "Gebaeude B"]
        buyer.postalCode = "10115"
        buyer.city = "Berlin"
        buyer.country = "DE"
        var shipTo = Party(role: "shipTo", originalRole: "WE")
        shipTo.identifiers = [Identifier(value: "4012345000016", qualifier: "ILN", scheme: "GLN")]
        shipTo.name = "ACME Zentrallager"
        shipTo.street = ["Industrieweg 12"]
        shipTo.postalCode = "04109"
        shipTo.city = "Leipzig"
        shipTo.country = "DE"
        var seller = Party(role: "seller", originalRole: "seller")
        seller.identifiers = [Identifier(value: "70012", qualifier: "Lieferantennummer", scheme: "assignedByBuyer")]
        seller.name = "Schreibwaren Schulz KG"
        expected.parties = [buyer, shipTo, seller]

        var first = OrderLine(lineNumber: "10")
        first.quantity = ExactDecimal(100)
        first.unit = UnitOfMeasure(rec20: "H87")
        first.unit?.original = "STK"
        first.unitPrice = ExactDecimal("1.25")
        first.description = "Kugelschreiber blau"
        var gtin = ItemIdentifier(qualifier: "EN", value: "4006381333931")
        gtin.gtin14 = "04006381333931"
        gtin.checkDigitValid = true
        first.items = [gtin, XMLItem.identifier(kind: "buyerItem", qualifier: "BP", value: "ACME-55")]
        var second = OrderLine(lineNumber: "20")
        second.quantity = ExactDecimal(5)
        second.unit = UnitOfMeasure(rec20: "CT")
        second.unit?.original = "KRT"
        second.unitPrice = ExactDecimal("221.9")
        second.description = "Kopierpapier A4, 5 x 500 Blatt"
        second.requestedDeliveryDate = "2024-03-18"
        second.items = [
            XMLItem.identifier(kind: "vendorItem", qualifier: "SA", value: "SCH-4410"),
            XMLItem.identifier(kind: "buyerItem", qualifier: "BP", value: "ACME-91"),
        ]
        expected.lines = [first, second]

        #expect(order.lines == expected.lines)
        #expect(order.parties == expected.parties)
        #expect(order == expected)
        // Spot checks that do not depend on building `expected` right.
        #expect(order.lines[0].items[0].kind == "gtin" && order.lines[0].items[0].checkDigitValid == true)
        #expect(order.lines[1].unit == UnitOfMeasure(rec20: "CT").with(original: "KRT"))
        #expect(order.declaredLineCount == nil && order.declaredQuantityTotal == nil)
        #expect(order.requestedShipDate == nil && order.contacts.isEmpty)
    }

    @Test func theSampleEventValidatesAgainstTheOrderSchema() throws {
        let bytes = try Self.sampleBytes()
        let context = MappingContext(partner: "acme", time: "2024-03-10T09:16:00Z", fileSHA256: SHA256.hex(bytes))
        let translation = try Self.sampleMap().translate(bytes, context: context)
        let event = try #require(translation.events.first)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edigate-xml-map-\(UUID().uuidString).json")
        try encoder.encode(event).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import json, sys, jsonschema
            event = json.load(open(sys.argv[2]))
            schema = json.load(open(f"{sys.argv[1]}/{event['type']}.json"))
            validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
            errors = [f"{e.json_path}: {e.message[:200]}" for e in validator.iter_errors(event)]
            print("\\n".join(errors) or "valid")
            sys.exit(1 if errors else 0)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, Self.root.appendingPathComponent("schemas").path, file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && text.hasPrefix("valid"), "\(text)")
    }

    @Test func aDocumentWithAnotherRootGivesNoEvent() throws {
        let map = try Self.sampleMap()
        let other = Array(#"<Rechnung xmlns="urn:acme-handel:bestellung:2"><Kopf belegnummer="1"/></Rechnung>"#.utf8)
        let translation = map.translate(other, context: Self.context)
        #expect(translation.events.isEmpty)
        #expect(translation.issues.map(\.code) == [.unsupportedType])
        #expect(translation.issues.first?.message.contains("Rechnung") == true)
        // The right local name in another namespace is not this map's either.
        let foreign = Array(#"<Bestellung xmlns="urn:other"><Kopf belegnummer="1"/></Bestellung>"#.utf8)
        #expect(map.translate(foreign, context: Self.context).events.isEmpty)
        #expect(XMLMap.select([map], for: other) == nil)
        #expect(XMLMap.select([map], for: try Self.sampleBytes())?.root == "Bestellung")
    }

    @Test func refusedAndNumberlessDocumentsGiveIssuesNotEvents() throws {
        let map = try Self.sampleMap()
        let broken = map.translate(Array("<Bestellung><Kopf>".utf8), context: Self.context)
        #expect(broken.events.isEmpty && broken.issues.map(\.code) == [.xmlRejected])
        let numberless = map.translate(
            Array(#"<Bestellung xmlns="urn:acme-handel:bestellung:2"><Kopf/></Bestellung>"#.utf8),
            context: Self.context)
        #expect(numberless.events.isEmpty && numberless.issues.map(\.code) == [.xmlRejected])
    }

    @Test func validationReportsEveryProblemWithItsKeyPath() {
        let yaml = """
            document: invoice
            colour: blue
            crosswalks:
              roles: { AG: buyer, XX: customer }
            fields:
              orderNumber: ""
              orderDate: { path: Kopf/Datum, format: dd.MM.yyyy.QQ }
              purpose: { path: Kopf/@art, crosswalk: purposes }
              currency: { path: Kopf/W, constant: EUR }
              orderType: { constant: $nope }
              notes: { path: "Kopf/@a/b" }
              references:
                - { path: Kopf/Ref }
            parties:
              - path: Partner/@rolle
                role: { path: "@rolle", crosswalk: roles }
                colour: red
            lines:
              quantity: { path: Menge, decimalMark: ",,", format: yyyy }
              items:
                - { path: EAN, kind: barcode }
            """
        let problems = Self.problems(yaml)
        let expected = [
            "maps/acme.yaml: colour: unknown key (expected one of: document, root, namespace, fields, parties, lines, constants, crosswalks)",
            "maps/acme.yaml: document: unknown document 'invoice' (known: order)",
            "maps/acme.yaml: root: is required",
            "maps/acme.yaml: fields.orderNumber: path is empty",
            "maps/acme.yaml: fields.orderDate.format: unknown date pattern letter 'Q' in 'dd.MM.yyyy.QQ'",
            "maps/acme.yaml: fields.purpose.crosswalk: no crosswalk named 'purposes'",
            "maps/acme.yaml: fields.orderType.constant: no constant named 'nope'",
            "maps/acme.yaml: fields.currency: give exactly one of path or constant",
            "maps/acme.yaml: fields.notes.path: bad step '@a' in 'Kopf/@a/b'",
            "maps/acme.yaml: fields.references[0].qualifier: is required",
            "maps/acme.yaml: parties[0].colour: unknown key (expected one of: path, role, identifiers, name, street, city, region, postalCode, country)",
            "maps/acme.yaml: parties[0].path: a group path selects elements; it cannot end in @attribute or text()",
            "maps/acme.yaml: crosswalks.roles: 'customer' is not one of: billTo, buyer, other, payer, remitTo, seller, shipFrom, shipTo",
            "maps/acme.yaml: lines.quantity.format: unknown key (expected one of: path, constant, default, crosswalk, otherwise, decimalMark, groupingSeparator)",
            "maps/acme.yaml: lines.path: is required",
            "maps/acme.yaml: lines.items[0].kind: 'barcode' is not one of: buyerItem, gtin, manufacturerPart, other, sku, vendorItem",
            "maps/acme.yaml: lines.quantity.decimalMark: must be one character that is not a digit",
        ]
        for problem in expected {
            #expect(problems.contains(problem), "missing: \(problem)\nall:\n\(problems.joined(separator: "\n"))")
        }
        #expect(Set(problems) == Set(expected), "\(problems.joined(separator: "\n"))")
    }

    @Test func aMinimalMapNeedsOnlyDocumentRootAndOrderNumber() throws {
        let map = try XMLMap(yaml: "document: order\nroot: PO\nfields:\n  orderNumber: \"@no\"\n", source: "min.yaml")
        let translation = map.translate(Array(#"<PO no=" 42 "/>"#.utf8), context: Self.context)
        let event = try #require(translation.events.first)
        guard case .order(let order) = event.data else { throw Failure.notAnOrder }
        #expect(order == Order(orderNumber: "42", purpose: Purpose(code: "", meaning: "original")))
        #expect(Self.problems("document: order\nroot: PO\n") == ["maps/acme.yaml: fields: is required"])
        #expect(Self.problems("- a\n- b\n") == ["maps/acme.yaml: (top): expected a mapping"])
    }

    @Test func pathsAndDateFormats() throws {
        let document = try XMLDocument(
            parsing: Array(
                #"<a:R xmlns:a="urn:x"><a:P t="X">one</a:P><P t="Y"> two </P><P t="Y" v="3"/></a:R>"#.utf8)
        ).root
        #expect(try XMLPath(parsing: "P").values(in: document) == ["one", "two"])
        #expect(try XMLPath(parsing: "P[@t='Y']").values(in: document) == ["two"])
        #expect(try XMLPath(parsing: "P[@t=\"Y\"]/@v").values(in: document) == ["3"])
        #expect(try XMLPath(parsing: "./P/text()").values(in: document) == ["one", "two"])
        #expect(try XMLPath(parsing: "Q/P").values(in: document).isEmpty)
        for bad in ["", "/P", "P//Q", "P[t='Y']", "P[@t=Y]", "@", "P/@v/Q"] {
            #expect(throws: XMLMapError.self, "\(bad)") { try XMLPath(parsing: bad) }
        }
        #expect(try DateFormat(parsing: "yyyyMMdd").iso("20240310") == "2024-03-10")
        #expect(try DateFormat(parsing: "dd.MM.yyyy").iso("10.03.2024") == "2024-03-10")
        #expect(try DateFormat(parsing: "MM/dd/yy HH:mm").iso("03/10/24 09:15") == "2024-03-10")
        #expect(try DateFormat(parsing: "dd.MM.yyyy").iso("10.13.2024") == nil)
        #expect(try DateFormat(parsing: "dd.MM.yyyy").iso("2024-03-10") == nil)
        #expect(throws: XMLMapError.self) { try DateFormat(parsing: "dd.MM") }
    }

    @Test func crosswalkMissesUseOtherwiseOrTheValueAsSent() throws {
        let yaml = """
            document: order
            root: PO
            crosswalks:
              units: { STK: H87 }
              purposes: { N: original }
              roles: { AG: buyer }
            fields:
              orderNumber: "@no"
              purpose: { path: "@art", crosswalk: purposes }
            parties:
              - { path: P, role: { path: "@r", crosswalk: roles } }
              - { path: Q, role: { path: "@r", crosswalk: roles, otherwise: shipTo } }
            lines:
              path: L
              unit: { path: "@u", crosswalk: units }
            """
        let map = try XMLMap(yaml: yaml, source: "x.yaml")
        let xml = #"<PO no="1" art="Z"><P r="ZZ"/><Q r="YY"/><L u="BOX"/><L u="STK"/></PO>"#
        let event = try #require(map.translate(Array(xml.utf8), context: Self.context).events.first)
        guard case .order(let order) = event.data else { throw Failure.notAnOrder }
        #expect(order.purpose == Purpose(code: "Z", meaning: "other"))
        #expect(order.parties.map(\.role) == ["other", "shipTo"])
        #expect(order.parties.map(\.originalRole) == ["ZZ", "YY"])
        #expect(
            order.lines.map(\.unit) == [UnitOfMeasure(rec20: "BOX"), UnitOfMeasure(rec20: "H87").with(original: "STK")])
        #expect(order.lines.map(\.lineNumber) == ["1", "2"])
    }

    enum Failure: Error { case notAnOrder }
}

extension UnitOfMeasure {
    fileprivate func with(original: String) -> UnitOfMeasure {
        var unit = self
        unit.original = original
        return unit
    }
}
