import Foundation
import GatewayService
import Testing

@Suite struct JSONSchemaValidatorTests {
    typealias Violation = JSONSchemaValidator.Violation

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Parses JSON text the way callers do (JSONSerialization), fragments allowed.
    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    static func validator(_ schema: String) throws -> JSONSchemaValidator {
        try JSONSchemaValidator(schema: try #require(json(schema) as? [String: Any]))
    }

    static func violations(_ schema: String, _ instance: String, rootName: String = "") throws -> [Violation] {
        try validator(schema).validate(json(instance), rootName: rootName)
    }

    // MARK: - Keywords

    @Test func typeKeyword() throws {
        let schema = #"{"type": "string"}"#
        #expect(try Self.violations(schema, #""x""#).isEmpty)
        #expect(
            try Self.violations(schema, "12", rootName: "value") == [
                Violation(path: "value", message: "expected a string, got a number")
            ])
        let cases: [(type: String, passes: [String], fails: [(String, String)])] = [
            ("object", ["{}"], [("[]", "expected an object, got an array")]),
            ("array", ["[1]"], [("{}", "expected an array, got an object")]),
            (
                "integer", ["3", "3.0", "-7"],
                [("3.5", "expected an integer, got a number"), ("true", "expected an integer, got a boolean")]
            ),
            (
                "number", ["3", "3.5"],
                [("\"3\"", "expected a number, got a string"), ("false", "expected a number, got a boolean")]
            ),
            (
                "boolean", ["true", "false"],
                [("1", "expected a boolean, got a number"), ("0", "expected a boolean, got a number")]
            ),
            ("null", ["null"], [("0", "expected null, got a number")]),
        ]
        for (type, passes, fails) in cases {
            let schema = #"{"type": "\#(type)"}"#
            for instance in passes {
                #expect(try Self.violations(schema, instance).isEmpty, "\(instance) as \(type)")
            }
            for (instance, message) in fails {
                #expect(try Self.violations(schema, instance) == [Violation(path: "", message: message)])
            }
        }
        let union = #"{"type": ["string", "null"]}"#
        #expect(try Self.violations(union, "null").isEmpty)
        #expect(try Self.violations(union, #""a""#).isEmpty)
        #expect(
            try Self.violations(union, "{}") == [
                Violation(path: "", message: "expected a string or null, got an object")
            ])
    }

    @Test func booleansAreNotNumbers() throws {
        // JSONSerialization's boolean NSNumber, Swift Bool and NSNumber(value: true) are booleans...
        let boolean = try Self.validator(#"{"type": "boolean"}"#)
        for value: Any in [try Self.json("true"), true, false, NSNumber(value: true), NSNumber(value: false)] {
            #expect(boolean.validate(value).isEmpty, "\(value)")
        }
        // ...and numbers (JSON, NSNumber, Swift) are not, even 0 and 1.
        for value: Any in [try Self.json("1"), try Self.json("0"), NSNumber(value: 1), 1, 0.0, Int8(1)] {
            #expect(boolean.validate(value) == [Violation(path: "", message: "expected a boolean, got a number")])
        }
        let number = try Self.validator(#"{"type": "number"}"#)
        for value: Any in [try Self.json("true"), true, NSNumber(value: false)] {
            #expect(number.validate(value) == [Violation(path: "", message: "expected a number, got a boolean")])
        }
        // enum / const: true is not 1, 1 is 1.0.
        #expect(try Self.violations(#"{"const": 1}"#, "true") == [Violation(path: "", message: "expected 1, got true")])
        #expect(try Self.violations(#"{"const": 1}"#, "1.0").isEmpty)
        #expect(
            try Self.violations(#"{"enum": [true]}"#, "1") == [Violation(path: "", message: "1 is not one of true")])
        #expect(
            try Self.violations(#"{"enum": [0, null]}"#, "false") == [
                Violation(path: "", message: "false is not one of 0, null")
            ])
    }

    @Test func requiredAndProperties() throws {
        let schema = #"""
            {"type": "object", "required": ["invoiceNumber", "lines"],
             "properties": {"invoiceNumber": {"type": "string"}, "lines": {"type": "array", "items": {"type": "object",
               "properties": {"quantity": {"type": "string"}}}}}}
            """#
        #expect(try Self.violations(schema, #"{"invoiceNumber": "A", "lines": []}"#).isEmpty)
        #expect(
            try Self.violations(schema, #"{"lines": []}"#, rootName: "data") == [
                Violation(path: "data", message: "required property \"invoiceNumber\" is missing")
            ])
        #expect(
            try Self.violations(
                schema, #"{"invoiceNumber": 5, "lines": [{}, {"quantity": "1"}, {"quantity": 2}]}"#, rootName: "data")
                == [
                    Violation(path: "data.invoiceNumber", message: "expected a string, got a number"),
                    Violation(path: "data.lines[2].quantity", message: "expected a string, got a number"),
                ])
        // Without a root name, paths start at the first property; odd names are bracketed.
        #expect(
            try Self.violations(
                #"{"properties": {"a b": {"type": "string"}, "c": {"type": "string"}}}"#, #"{"a b": 1, "c": 2}"#)
                == [
                    Violation(path: "[\"a b\"]", message: "expected a string, got a number"),
                    Violation(path: "c", message: "expected a string, got a number"),
                ])
    }

    @Test func additionalProperties() throws {
        let closed = #"{"properties": {"a": {}}, "additionalProperties": false}"#
        #expect(try Self.violations(closed, #"{"a": 1}"#).isEmpty)
        #expect(
            try Self.violations(closed, #"{"a": 1, "zz": 2}"#, rootName: "x") == [
                Violation(path: "x.zz", message: "property \"zz\" is not allowed")
            ])
        let typed = #"{"properties": {"a": {}}, "additionalProperties": {"type": "integer"}}"#
        #expect(try Self.violations(typed, #"{"a": "s", "b": 2}"#).isEmpty)
        #expect(
            try Self.violations(typed, #"{"b": "2"}"#, rootName: "x") == [
                Violation(path: "x.b", message: "expected an integer, got a string")
            ])
        // Without additionalProperties anything goes.
        #expect(try Self.violations(#"{"properties": {"a": {}}}"#, #"{"b": 2}"#).isEmpty)
    }

    @Test func enumAndConst() throws {
        let enumeration = #"{"enum": ["X12", "EDIFACT", "XML"]}"#
        #expect(try Self.violations(enumeration, #""XML""#).isEmpty)
        #expect(
            try Self.violations(enumeration, #""JSON""#, rootName: "edistandard") == [
                Violation(path: "edistandard", message: "\"JSON\" is not one of \"X12\", \"EDIFACT\", \"XML\"")
            ])
        let constant = #"{"const": "1.0"}"#
        #expect(try Self.violations(constant, #""1.0""#).isEmpty)
        #expect(
            try Self.violations(constant, "1.0", rootName: "specversion") == [
                Violation(path: "specversion", message: "expected \"1.0\", got 1")
            ])
        // Structural equality of containers, key order irrelevant, numbers compared numerically.
        let structured = #"{"const": {"a": [1, "b"], "c": null}}"#
        #expect(try Self.violations(structured, #"{"c": null, "a": [1.0, "b"]}"#).isEmpty)
        #expect(
            try Self.violations(structured, #"{"c": null, "a": ["b", 1]}"#) == [
                Violation(path: "", message: #"expected {"a":[1,"b"],"c":null}, got {"a":["b",1],"c":null}"#)
            ])
    }

    @Test func pattern() throws {
        let decimal = #"{"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$"}"#
        #expect(try Self.violations(decimal, #""-12.50""#).isEmpty)
        #expect(
            try Self.violations(decimal, #""1,5""#, rootName: "q") == [
                Violation(path: "q", message: #""1,5" does not match ^-?[0-9]+(\.[0-9]+)?$"#)
            ])
        // Unanchored patterns search.
        let unanchored = #"{"pattern": "[0-9]{2}"}"#
        #expect(try Self.violations(unanchored, #""ab12cd""#).isEmpty)
        #expect(
            try Self.violations(unanchored, #""a1b2""#) == [
                Violation(path: "", message: #""a1b2" does not match [0-9]{2}"#)
            ])
        // Patterns only apply to strings.
        #expect(try Self.violations(unanchored, "7").isEmpty)
        // An invalid pattern is a schema error.
        #expect(throws: (any Error).self) { try Self.validator(#"{"pattern": "([a-z"}"#) }
    }

    @Test func itemsAndMinItems() throws {
        let schema = #"{"type": "array", "minItems": 1, "items": {"type": "string"}}"#
        #expect(try Self.violations(schema, #"["a", "b"]"#).isEmpty)
        #expect(
            try Self.violations(schema, "[]", rootName: "sets") == [
                Violation(path: "sets", message: "expected at least 1 item, got 0")
            ])
        #expect(
            try Self.violations(schema, #"["a", 2, null]"#, rootName: "sets") == [
                Violation(path: "sets[1]", message: "expected a string, got a number"),
                Violation(path: "sets[2]", message: "expected a string, got null"),
            ])
        #expect(
            try Self.violations(#"{"minItems": 2}"#, "[1]") == [
                Violation(path: "", message: "expected at least 2 items, got 1")
            ])
    }

    @Test func minimum() throws {
        let schema = #"{"type": "integer", "minimum": 0}"#
        #expect(try Self.violations(schema, "0").isEmpty)
        #expect(try Self.violations(schema, "12").isEmpty)
        #expect(
            try Self.violations(schema, "-1", rootName: "declaredLineCount") == [
                Violation(path: "declaredLineCount", message: "-1 is less than the minimum 0")
            ])
        #expect(
            try Self.violations(#"{"minimum": 1.5}"#, "1.25") == [
                Violation(path: "", message: "1.25 is less than the minimum 1.5")
            ])
        // Booleans are not numbers for minimum either.
        #expect(try Self.violations(#"{"minimum": 5}"#, "false").isEmpty)
    }

    @Test func formats() throws {
        let dateTime = #"{"type": "string", "format": "date-time"}"#
        for valid in [
            "2024-03-10T09:16:00Z", "2024-03-10t09:16:00.123z", "2024-02-29T23:59:60+05:30",
            "1999-12-31T00:00:00-00:00",
        ] {
            #expect(try Self.violations(dateTime, #""\#(valid)""#).isEmpty, "\(valid)")
        }
        for invalid in [
            "2024-03-10 09:16:00Z", "2024-03-10T09:16Z", "2024-03-10T09:16:00", "2024-13-10T09:16:00Z",
            "2023-02-29T09:16:00Z", "2024-03-10T24:00:00Z", "2024-03-10T09:16:00.Z", "2024-03-10T09:16:00+0530",
        ] {
            #expect(
                try Self.violations(dateTime, #""\#(invalid)""#, rootName: "time") == [
                    Violation(path: "time", message: "\"\(invalid)\" is not a valid RFC 3339 date-time")
                ])
        }
        let date = #"{"format": "date"}"#
        for valid in ["2024-02-29", "2000-02-29", "2023-12-31"] {
            #expect(try Self.violations(date, #""\#(valid)""#).isEmpty, "\(valid)")
        }
        for invalid in ["2023-02-29", "1900-02-29", "2024-04-31", "2024-4-01", "20240401", "2024-04-01T00:00:00Z"] {
            #expect(
                try Self.violations(date, #""\#(invalid)""#) == [
                    Violation(path: "", message: "\"\(invalid)\" is not a valid date (YYYY-MM-DD)")
                ])
        }
        // Other formats are annotations; formats only apply to strings.
        #expect(try Self.violations(#"{"format": "email"}"#, #""not an email""#).isEmpty)
        #expect(try Self.violations(date, "5").isEmpty)
    }

    @Test func unknownKeywordsAreIgnored() throws {
        #expect(
            try Self.violations(#"{"maxLength": 1, "title": "t", "x-edigate": {"type": "integer"}}"#, #""long""#)
                .isEmpty)
    }

    // MARK: - $ref

    @Test func referencesToDefs() throws {
        let schema = #"""
            {"type": "object", "properties": {"amount": {"$ref": "#/$defs/decimal"}, "when": {"$ref": "#/$defs/date"}},
             "$defs": {"decimal": {"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$"},
                       "date": {"$ref": "#/$defs/dateString"}, "dateString": {"type": "string", "format": "date"}}}
            """#
        #expect(try Self.violations(schema, #"{"amount": "1.5", "when": "2024-01-31"}"#).isEmpty)
        #expect(
            try Self.violations(schema, #"{"amount": 1.5, "when": "2024-01-32"}"#, rootName: "data") == [
                Violation(path: "data.amount", message: "expected a string, got a number"),
                Violation(path: "data.when", message: "\"2024-01-32\" is not a valid date (YYYY-MM-DD)"),
            ])
        // $ref alongside other keywords: both apply (2020-12).
        let sibling = ##"{"$ref": "#/$defs/s", "minItems": 2, "$defs": {"s": {"type": "array"}}}"##
        #expect(
            try Self.violations(sibling, "{}") == [Violation(path: "", message: "expected an array, got an object")])
        #expect(
            try Self.violations(sibling, "[1]") == [Violation(path: "", message: "expected at least 2 items, got 1")])
        // JSON pointer escapes and pointers outside $defs.
        let pointers = #"""
            {"properties": {"a": {"$ref": "#/$defs/x~1y"}, "b": {"$ref": "#/properties/a"}, "c": {"$ref": "#/$defs/list/1"}},
             "$defs": {"x/y": {"type": "integer"}, "list": [{}, {"type": "null"}]}}
            """#
        #expect(
            try Self.violations(pointers, #"{"a": "1", "b": 2.5, "c": 0}"#) == [
                Violation(path: "a", message: "expected an integer, got a string"),
                Violation(path: "b", message: "expected an integer, got a number"),
                Violation(path: "c", message: "expected null, got a number"),
            ])
    }

    @Test func recursiveReferences() throws {
        let tree = #"""
            {"$ref": "#/$defs/node",
             "$defs": {"node": {"type": "object", "required": ["name"], "additionalProperties": false,
               "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}}}
            """#
        #expect(
            try Self.violations(tree, #"{"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}]}"#)
                .isEmpty)
        #expect(
            try Self.violations(
                tree, #"{"name": "a", "children": [{"name": "b"}, {"children": [{"name": 3, "x": 1}]}]}"#,
                rootName: "root")
                == [
                    Violation(path: "root.children[1]", message: "required property \"name\" is missing"),
                    Violation(path: "root.children[1].children[0].name", message: "expected a string, got a number"),
                    Violation(path: "root.children[1].children[0].x", message: "property \"x\" is not allowed"),
                ])
        // The root itself, recursively.
        let list = ##"{"type": ["array", "integer"], "items": {"$ref": "#"}}"##
        #expect(try Self.violations(list, "[1, [2, [3]]]").isEmpty)
        #expect(
            try Self.violations(list, #"[1, [2, ["3"]]]"#) == [
                Violation(path: "[1][1][0]", message: "expected an array or an integer, got a string")
            ])
        // A reference loop that never reaches the instance ends with a violation, not a crash.
        let loop = ##"{"$ref": "#/$defs/a", "$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}}"##
        #expect(try Self.violations(loop, "1").count == 1)
    }

    @Test func unresolvableReferencesThrow() throws {
        for schema in [
            ##"{"$ref": "#/$defs/missing", "$defs": {}}"##,
            ##"{"properties": {"a": {"$ref": "other.json#/$defs/x"}}}"##,
            ##"{"items": {"$ref": "https://example.com/schema"}}"##,
            ##"{"$defs": {"a": {"$ref": "#anchor"}}}"##,
        ] {
            #expect(throws: JSONSchemaValidator.SchemaError.self, "\(schema)") { try Self.validator(schema) }
        }
    }

    @Test func validateAtPointer() throws {
        let validator = try Self.validator(
            #"{"properties": {"data": {"type": "object", "required": ["n"]}}, "$defs": {"n": {"type": "integer"}}}"#)
        #expect(
            validator.validate(try Self.json("{}"), at: "#/properties/data", rootName: "data") == [
                Violation(path: "data", message: "required property \"n\" is missing")
            ])
        #expect(validator.validate(try Self.json("1"), at: "#/$defs/n").isEmpty)
        #expect(
            validator.validate(try Self.json("1"), at: "#/$defs/zz", rootName: "v") == [
                Violation(path: "v", message: "schema pointer \"#/$defs/zz\" does not resolve")
            ])
    }

    // MARK: - The real schemas against the golden events

    /// Every event line in every golden under Tests/GatewayMappingTests/Goldens/, with its file name.
    static func goldenEvents() throws -> [(file: String, event: [String: Any])] {
        let goldens = repository.appendingPathComponent("Tests/GatewayMappingTests/Goldens")
        let enumerator = try #require(FileManager.default.enumerator(at: goldens, includingPropertiesForKeys: nil))
        var events: [(file: String, event: [String: Any])] = []
        for case let url as URL in enumerator
        where url.lastPathComponent.hasSuffix(".jsonl") || url.pathExtension == "json" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for line in text.split(whereSeparator: \.isNewline) where !line.allSatisfy(\.isWhitespace) {
                let event = try #require(json(String(line)) as? [String: Any], "\(url.lastPathComponent)")
                events.append((url.lastPathComponent, event))
            }
        }
        return events.sorted { $0.file < $1.file }
    }

    static func schema(for event: [String: Any]) throws -> JSONSchemaValidator {
        let type = try #require(event["type"] as? String)
        return try JSONSchemaValidator(schemaFile: repository.appendingPathComponent("schemas/\(type).json").path)
    }

    @Test func everySchemaLoads() throws {
        let schemas = try FileManager.default.contentsOfDirectory(
            atPath: Self.repository.appendingPathComponent("schemas").path
        )
        .filter { $0.hasSuffix(".json") }
        #expect(schemas.count >= 10)
        for name in schemas {
            #expect(throws: Never.self, "\(name)") {
                try JSONSchemaValidator(schemaFile: Self.repository.appendingPathComponent("schemas/\(name)").path)
            }
        }
    }

    @Test func goldenEventsValidate() throws {
        let events = try Self.goldenEvents()
        #expect(events.count >= 20)
        var types: Set<String> = []
        for (file, event) in events {
            types.insert(event["type"] as? String ?? "")
            let validator = try Self.schema(for: event)
            #expect(validator.validate(event) == [], "\(file)")
            #expect(
                validator.validate(event["data"] as Any, at: "#/properties/data", rootName: "data") == [], "\(file)")
        }
        #expect(types.count >= 8)
    }

    static func invoiceGolden() throws -> [String: Any] {
        let events = try goldenEvents()
        return try #require(events.first { $0.file == "810-invoice.edi.events.jsonl" }?.event)
    }

    static func mutateData(_ event: [String: Any], _ change: (inout [String: Any]) throws -> Void) rethrows
        -> [String: Any]
    {
        var event = event
        var data = event["data"] as? [String: Any] ?? [:]
        try change(&data)
        event["data"] = data
        return event
    }

    @Test func mutatedGoldensGiveTheExpectedViolation() throws {
        let golden = try Self.invoiceGolden()
        let validator = try Self.schema(for: golden)
        #expect(validator.validate(golden).isEmpty)

        // A required field removed.
        let missing = Self.mutateData(golden) { $0["invoiceNumber"] = nil }
        #expect(
            validator.validate(missing) == [
                Violation(path: "data", message: "required property \"invoiceNumber\" is missing")
            ])
        var noTime = golden
        noTime["time"] = nil
        #expect(
            validator.validate(noTime, rootName: "event") == [
                Violation(path: "event", message: "required property \"time\" is missing")
            ])

        // A decimal written as a JSON number.
        let numeric = try Self.mutateData(golden) { data in
            var lines = try #require(data["lines"] as? [[String: Any]])
            lines[1]["quantity"] = try Self.json("2")
            data["lines"] = lines
        }
        #expect(
            validator.validate(numeric) == [
                Violation(path: "data.lines[1].quantity", message: "expected a string, got a number")
            ])
        #expect(
            validator.validate(numeric["data"] as Any, at: "#/properties/data", rootName: "data") == [
                Violation(path: "data.lines[1].quantity", message: "expected a string, got a number")
            ])

        // An unknown property added, on the envelope and deep inside.
        var extra = golden
        extra["correlationid"] = "x"
        #expect(
            validator.validate(extra) == [
                Violation(path: "correlationid", message: "property \"correlationid\" is not allowed")
            ])
        let deepExtra = try Self.mutateData(golden) { data in
            var parties = try #require(data["parties"] as? [[String: Any]])
            parties[2]["gln"] = "4000001000005"
            data["parties"] = parties
        }
        #expect(
            validator.validate(deepExtra) == [
                Violation(path: "data.parties[2].gln", message: "property \"gln\" is not allowed")
            ])

        // A bad date, and a bad date-time.
        let badDate = Self.mutateData(golden) { $0["invoiceDate"] = "15.03.2024" }
        #expect(
            validator.validate(badDate) == [
                Violation(
                    path: "data.invoiceDate", message: #""15.03.2024" does not match ^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#)
            ])
        var badTime = golden
        badTime["time"] = "2024-03-10T09:16:00"
        #expect(
            validator.validate(badTime) == [
                Violation(path: "time", message: "\"2024-03-10T09:16:00\" is not a valid RFC 3339 date-time")
            ])

        // A boolean where a number belongs, and a number where a boolean belongs.
        let flags = try Self.mutateData(golden) { data in
            data["declaredLineCount"] = try Self.json("true")
            var lines = try #require(data["lines"] as? [[String: Any]])
            var items = try #require(lines[0]["items"] as? [[String: Any]])
            items[0]["checkDigitValid"] = try Self.json("1")
            lines[0]["items"] = items
            data["lines"] = lines
        }
        #expect(
            validator.validate(flags) == [
                Violation(path: "data.declaredLineCount", message: "expected an integer, got a boolean"),
                Violation(path: "data.lines[0].items[0].checkDigitValid", message: "expected a boolean, got a number"),
            ])
    }
}
