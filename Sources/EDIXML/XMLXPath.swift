import CLibXML2

/// XPath 1.0 over a partner document, parsed with the same hardening as ``XMLDocument`` (no DOCTYPE, no network,
/// no entity substitution).
///
/// Unlike ``XMLElement``'s local-name lookups, XPath names are namespace-aware: register every prefix the
/// expression uses (`["cbc": "urn:oasis:…:CommonBasicComponents-2"]`), or use `*[local-name()='ID']`. An
/// unprefixed name only matches elements in no namespace (XPath 1.0 has no default namespace).
public enum XMLXPath {
    /// Parses `bytes` and evaluates `expression` against the document node.
    ///
    /// - Parameter namespaces: prefix → namespace URI, registered for the expression only.
    /// - Throws: the parse's ``XMLError`` (`.malformed`, `.doctype`), or `.xpath` for an expression that does not
    ///   compile or evaluate (unknown prefix or function, syntax error).
    public static func evaluate(
        _ expression: String, in bytes: [UInt8], namespaces: [String: String] = [:],
        options: XMLDocument.Options = .init()
    ) throws(XMLError) -> XPathResult {
        let document = try HardenedParser.parse(bytes, options: options)
        defer { xmlFreeDoc(document) }
        return try evaluate(expression, in: document, namespaces: namespaces)
    }

    static func evaluate(_ expression: String, in document: xmlDocPtr, namespaces: [String: String])
        throws(XMLError) -> XPathResult
    {
        guard let context = xmlXPathNewContext(document) else {
            throw XMLError(kind: .xpath, code: 0, line: 0, message: "out of memory")
        }
        defer { xmlXPathFreeContext(context) }
        // Errors go to this callback instead of stderr; libxml2 leaves their message empty (see `message(for:)`).
        let errors = XPathErrors()
        context.pointee.userData = Unmanaged.passUnretained(errors).toOpaque()
        context.pointee.error = { userData, error in
            guard let userData, let error else { return }
            let errors = Unmanaged<XPathErrors>.fromOpaque(userData).takeUnretainedValue()
            if errors.first == nil { errors.first = (Int(error.pointee.code), Int(error.pointee.int1)) }
        }
        for (prefix, uri) in namespaces.sorted(by: { $0.key < $1.key })
        where xmlXPathRegisterNs(context, prefix, uri) != 0 {
            throw XMLError(kind: .xpath, code: 0, line: 0, message: "cannot register namespace prefix '\(prefix)'")
        }
        return try HardenedParser.quietly { () throws(XMLError) -> XPathResult in
            try withExtendedLifetime(errors) { () throws(XMLError) -> XPathResult in
                guard let compiled = xmlXPathCtxtCompile(context, expression) else {
                    throw error(errors, expression: expression, compiling: true, fallback: "invalid XPath expression")
                }
                defer { xmlXPathFreeCompExpr(compiled) }
                guard let object = xmlXPathCompiledEval(compiled, context) else {
                    throw error(
                        errors, expression: expression, compiling: false,
                        fallback: "XPath expression could not be evaluated")
                }
                defer { xmlXPathFreeObject(object) }
                if errors.first != nil {
                    throw error(
                        errors, expression: expression, compiling: false,
                        fallback: "XPath expression could not be evaluated")
                }
                return result(object)
            }
        }
    }

    private static func result(_ object: xmlXPathObjectPtr) -> XPathResult {
        switch object.pointee.type {
        case XPATH_NODESET, XPATH_XSLT_TREE:
            guard let set = object.pointee.nodesetval, let table = set.pointee.nodeTab else { return .nodes([]) }
            return .nodes((0..<Int(set.pointee.nodeNr)).compactMap { table[$0].map(XPathNode.init) })
        case XPATH_BOOLEAN: return .boolean(object.pointee.boolval != 0)
        case XPATH_NUMBER: return .number(object.pointee.floatval)
        case XPATH_STRING: return .string(object.pointee.stringval.map { String(cString: $0) } ?? "")
        default:
            guard let raw = xmlXPathCastToString(object) else { return .string("") }
            defer { cxml_free(raw) }
            return .string(String(cString: raw))
        }
    }

    /// The error to throw; the offset libxml2 reports is only meaningful while compiling.
    private static func error(_ errors: XPathErrors, expression: String, compiling: Bool, fallback: String)
        -> XMLError
    {
        guard let (code, offset) = errors.first else {
            return XMLError(kind: .xpath, code: 0, line: 0, message: "\(fallback): '\(expression)'")
        }
        let place = compiling ? " at offset \(offset)" : ""
        return XMLError(
            kind: .xpath, code: code, line: 0,
            message: "\(message(for: code))\(place) in XPath expression '\(expression)'")
    }

    /// libxml2's text for `XML_XPATH_*` codes (its table is static, and the reported error carries no message).
    static func message(for code: Int) -> String {
        let messages = [
            "ok", "number encoding", "unfinished literal", "start of literal", "expected $ for variable reference",
            "undefined variable", "invalid predicate", "invalid expression", "missing closing curly brace",
            "unregistered function", "invalid operand", "invalid type", "invalid number of arguments",
            "invalid context size", "invalid context position", "memory allocation error", "syntax error",
            "resource error", "sub resource error", "undefined namespace prefix", "encoding error",
            "char out of XML range", "invalid or incomplete context", "stack usage error", "forbidden variable",
        ]
        let index = code - Int(XML_XPATH_EXPRESSION_OK.rawValue)
        return messages.indices.contains(index) ? messages[index] : "XPath error \(code)"
    }
}

/// The first XPath error (libxml2 code, offset in the expression) reported through the context's callback.
private final class XPathErrors {
    var first: (Int, Int)?
}
