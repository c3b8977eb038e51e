import CLibXML2

/// The one hardened libxml2 parse behind ``XMLDocument``, ``XMLXPath`` and ``XMLSchema`` (platform notes §1b).
///
/// `XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING` through a per-document parser context; never
/// entity substitution, DTD loading or validation, `XML_PARSE_HUGE`. DOCTYPEs are refused (see ``doctypeError``).
enum HardenedParser {
    /// The parser flags every entry point uses (documents, the streaming reader, schema documents).
    /// `XML_PARSE_BIG_LINES` only keeps line numbers past 65,535 right.
    static let flags = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_BIG_LINES.rawValue)

    /// Runs `body` with libxml2's per-thread generic error handler silenced (errors that bypass the context
    /// callbacks would otherwise go to stderr). `body` must not suspend: the handler belongs to this thread.
    static func quietly<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let saved = cxml_silence_generic_errors()
        defer { cxml_restore_generic_errors(saved) }
        return try body()
    }

    /// Parses `bytes` into a libxml2 document the caller must free with `xmlFreeDoc`.
    ///
    /// - Parameter url: the document's base URL (relative references such as `xs:include` resolve against it).
    static func parse(_ bytes: [UInt8], url: String = "input.xml", options: XMLDocument.Options) throws(XMLError)
        -> xmlDocPtr
    {
        initialise()
        try checkSize(bytes)
        guard let context = xmlNewParserCtxt() else {
            throw XMLError(kind: .malformed, code: 2, line: 0, message: "out of memory")
        }
        defer { xmlFreeParserCtxt(context) }
        // Keep the first error (libxml2's last one is often a consequence, e.g. "premature end of data").
        let errors = FirstError()
        context.pointee._private = Unmanaged.passUnretained(errors).toOpaque()
        context.pointee.sax.pointee.serror = { userData, error in
            guard let userData, let error else { return }
            let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let box = context.pointee._private else { return }
            Unmanaged<FirstError>.fromOpaque(box).takeUnretainedValue().record(error.pointee)
        }
        let parsed = withExtendedLifetime(errors) {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                    xmlCtxtReadMemory(context, pointer, Int32(buffer.count), url, nil, flags)
                }
            }
        }
        guard let document = parsed else { throw errors.first ?? XMLError.last(of: context) }
        if context.pointee.wellFormed == 0 {
            xmlFreeDoc(document)
            throw errors.first ?? XMLError.last(of: context)
        }
        if let refusal = doctypeError(document, bytes: bytes, options: options) {
            xmlFreeDoc(document)
            throw refusal
        }
        return document
    }

    /// Refuses empty input and input libxml2's `int` lengths cannot carry.
    static func checkSize(_ bytes: [UInt8]) throws(XMLError) {
        guard !bytes.isEmpty else { throw XMLError(kind: .malformed, code: 4, line: 1, message: "empty document") }
        guard bytes.count <= Int(Int32.max) else {
            throw XMLError(kind: .malformed, code: 0, line: 0, message: "document too large")
        }
    }

    /// Why `document`'s DOCTYPE is refused, or nil: none, or (when allowed) a bare external reference that declares
    /// nothing itself and was not loaded.
    static func doctypeError(_ document: xmlDocPtr, bytes: [UInt8], options: XMLDocument.Options) -> XMLError? {
        guard let subset = document.pointee.intSubset else { return nil }
        let declares =
            subset.pointee.children != nil || subset.pointee.entities != nil || subset.pointee.pentities != nil
            || subset.pointee.elements != nil || subset.pointee.attributes != nil || subset.pointee.notations != nil
        guard !options.allowsExternalDoctype || declares || document.pointee.extSubset != nil else { return nil }
        return XMLError(
            kind: .doctype, code: 0, line: XMLDocument.doctypeLine(bytes),
            message: declares ? "DOCTYPE with an internal subset (declarations) refused" : "DOCTYPE refused")
    }

    /// `xmlInitParser` once per process before any parse, and the network-refusing external entity loader.
    static func initialise() { _ = initialised }

    /// Thread-safe lazy global: runs once.
    ///
    /// The loader is process-wide (libxml2 has no per-context one for schema imports): it refuses every URL with a
    /// scheme other than `file` (`http`, `https`, `ftp`, …) and hands local paths to libxml2's no-network loader.
    /// Document parses never load entities anyway; this is what keeps `xs:import`/`xs:include` off the network.
    private static let initialised: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader { url, id, context in
            guard let url else { return nil }
            if HardenedParser.isRemote(url) { return nil }
            return xmlNoNetExternalEntityLoader(url, id, context)
        }
    }()

    /// Whether `url` names anything but a local file (a scheme before `://` other than `file`).
    static func isRemote(_ url: UnsafePointer<CChar>) -> Bool {
        let text = String(cString: url)
        guard let range = text.firstRange(of: "://") else {
            // `scheme:opaque` forms with a known network scheme are remote too.
            let lower = text.lowercased()
            return lower.hasPrefix("http:") || lower.hasPrefix("https:") || lower.hasPrefix("ftp:")
        }
        return text[..<range.lowerBound].lowercased() != "file"
    }
}

/// The first error libxml2 reports while parsing one document (reached through the parser context).
final class FirstError {
    var first: XMLError?

    /// Keeps `error` when it is the first one at error level or above.
    func record(_ error: xmlError) {
        guard first == nil, error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        first = XMLError(error)
    }
}
