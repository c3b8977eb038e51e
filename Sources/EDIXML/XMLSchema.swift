import CLibXML2

#if canImport(Glibc)
    import Glibc  // fopen/fread/errno only (no Foundation: platform notes §1)
#elseif canImport(Darwin)
    import Darwin
#endif

/// A compiled W3C XML Schema (XSD 1.0, libxml2) that validates partner documents.
///
/// The schema document is parsed with the hardened parser (no DOCTYPE, no network); its `xs:include`,
/// `xs:import` and `xs:redefine` locations resolve against `baseURL` and may only name local files: a remote
/// location (`http:`, `https:`, `ftp:`…) is never fetched, and a schema whose import or include cannot be
/// loaded is refused rather than silently compiled without it. libxml2 parses those included files with entity
/// substitution, so schemas are trusted configuration, not partner input.
///
/// Thread safety: the compiled schema is read-only once built and is shared by copies of this value; each
/// ``validate(_:options:)`` call uses its own libxml2 validation context (those are not thread-safe), so one
/// `XMLSchema` may validate from many tasks at once. Compile a schema once and keep it.
public struct XMLSchema: Sendable {
    private let compiled: Compiled

    /// Reads and compiles the schema file at `path` (includes and imports resolve relative to its directory).
    public init(contentsOf path: String) throws(XMLError) {
        try self.init(bytes: Self.read(path), baseURL: path)
    }

    /// Compiles schema `bytes`.
    ///
    /// - Parameter baseURL: the schema's own path or `file:` URL; relative include and import locations resolve
    ///   against its directory (`partners/acme/po.xsd` → `partners/acme/common.xsd`).
    /// - Throws: the parse's ``XMLError`` (`.malformed`, `.doctype`) for the schema document itself, or `.schema`
    ///   with libxml2's first schema-parser error.
    public init(bytes: [UInt8], baseURL: String = "schema.xsd") throws(XMLError) {
        let document = try HardenedParser.parse(bytes, url: baseURL, options: .init())
        guard let parser = xmlSchemaNewDocParserCtxt(document) else {
            xmlFreeDoc(document)
            throw XMLError(kind: .schema, code: 0, line: 0, message: "out of memory")
        }
        defer { xmlSchemaFreeParserCtxt(parser) }
        let errors = SchemaErrors()
        xmlSchemaSetParserStructuredErrors(
            parser,
            { userData, error in
                guard let userData, let error else { return }
                let errors = Unmanaged<SchemaErrors>.fromOpaque(userData).takeUnretainedValue()
                let code = Int(error.pointee.code)
                // A location that could not be loaded (remote, missing) is only a warning to libxml2.
                let unlocated = code == Int(XML_SCHEMAP_WARN_UNLOCATED_SCHEMA.rawValue)
                guard errors.first == nil, unlocated || error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue
                else { return }
                errors.first = XMLError(error.pointee, kind: .schema)
            }, Unmanaged.passUnretained(errors).toOpaque())
        let schema = HardenedParser.quietly { withExtendedLifetime(errors) { xmlSchemaParse(parser) } }
        guard let schema, errors.first == nil else {
            if let schema { xmlSchemaFree(schema) }
            xmlFreeDoc(document)
            throw errors.first ?? XMLError(kind: .schema, code: 0, line: 0, message: "schema could not be compiled")
        }
        compiled = Compiled(schema: schema, document: document)
    }

    /// Validates a document parsed with the hardened parser; returns every validation error (empty: valid).
    ///
    /// - Throws: the parse's ``XMLError`` when `bytes` is not a well-formed, DOCTYPE-free document, `.schema` when
    ///   libxml2 could not run the validation.
    public func validate(_ bytes: [UInt8], options: XMLDocument.Options = .init()) throws(XMLError)
        -> [XMLValidationError]
    {
        let document = try HardenedParser.parse(bytes, options: options)
        defer { xmlFreeDoc(document) }
        guard let context = xmlSchemaNewValidCtxt(compiled.schema) else {
            throw XMLError(kind: .schema, code: 0, line: 0, message: "out of memory")
        }
        defer { xmlSchemaFreeValidCtxt(context) }
        let errors = ValidationErrors()
        xmlSchemaSetValidStructuredErrors(
            context,
            { userData, error in
                guard let userData, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
                Unmanaged<ValidationErrors>.fromOpaque(userData).takeUnretainedValue().list.append(
                    XMLValidationError(error.pointee))
            }, Unmanaged.passUnretained(errors).toOpaque())
        let result = HardenedParser.quietly {
            withExtendedLifetime(errors) { withExtendedLifetime(compiled) { xmlSchemaValidateDoc(context, document) } }
        }
        if result < 0 {
            throw XMLError(
                kind: .schema, code: Int(result), line: 0, message: "validation could not run (internal error)")
        }
        if result > 0 && errors.list.isEmpty {
            return [XMLValidationError(line: 0, message: "document is not valid", code: Int(result))]
        }
        return errors.list
    }

    /// The whole file at `path`, read with C stdio.
    static func read(_ path: String) throws(XMLError) -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            let code = Int(errno)
            throw XMLError(
                kind: .io, code: code, line: 0, message: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            bytes += chunk[..<count]
            if count < chunk.count { break }
        }
        if ferror(file) != 0 {
            throw XMLError(kind: .io, code: Int(errno), line: 0, message: "cannot read \(path)")
        }
        return bytes
    }
}

/// One validation error: where, libxml2's message (`Element 'Quantity': 'ten' is not a valid value of the atomic
/// type 'xs:positiveInteger'.`) and its `xmlParserErrors` code (e.g. 1824 `XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1`).
public struct XMLValidationError: Sendable, Hashable, CustomStringConvertible {
    /// 1-based line of the offending element, 0 when unknown.
    public var line: Int
    public var message: String
    public var code: Int

    public init(line: Int, message: String, code: Int) {
        self.line = line
        self.message = message
        self.code = code
    }

    init(_ error: xmlError) {
        let converted = XMLError(error, kind: .schema)
        self.init(line: converted.line, message: converted.message, code: converted.code)
    }

    public var description: String { "line \(line): \(message) (code \(code))" }
}

/// The compiled schema and the schema document it points into; freed together, schema first.
private final class Compiled: @unchecked Sendable {
    let schema: xmlSchemaPtr
    let document: xmlDocPtr

    init(schema: xmlSchemaPtr, document: xmlDocPtr) {
        self.schema = schema
        self.document = document
    }

    deinit {
        xmlSchemaFree(schema)
        xmlFreeDoc(document)
    }
}

/// The first schema-parser error (or unlocated include/import).
private final class SchemaErrors {
    var first: XMLError?
}

/// Every validation error, in report order.
private final class ValidationErrors {
    var list: [XMLValidationError] = []
}
