import EDIFormat
import Foundation
import GatewayMapping

/// The partners of a `Partners/` directory, and routing of inbound envelopes to them.
public struct PartnerRegistry: Sendable {
    public var partners: [PartnerConfiguration]
    /// `_defaults/`'s stable-file policy: the one for the shared drop (`Spool/inbound/`), routed by envelope.
    public var defaultStableFile: PartnerConfiguration.StableFilePolicy

    public init(
        partners: [PartnerConfiguration],
        defaultStableFile: PartnerConfiguration.StableFilePolicy = .standard
    ) {
        self.partners = partners
        self.defaultStableFile = defaultStableFile
    }

    /// `load`, as a registry of the valid partners (with the defaults' stable-file policy) and the problems.
    public static func open(directory: String) -> (registry: PartnerRegistry, problems: [ConfigurationProblem]) {
        let loaded = load(directory: directory)
        let root = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let file = "\(root)/\(defaultsDirectory)/\(fileName)"
        var reader = ConfigurationReader(file: file)
        var node: ConfigurationNode?
        if FileManager.default.fileExists(atPath: file), case .success(let parsed) = read(file) {
            node = parsed.value("stableFile")
        }
        let policy = PartnerParser.parseStableFile(node, reader: &reader) ?? .standard
        return (PartnerRegistry(partners: loaded.partners, defaultStableFile: policy), loaded.problems)
    }

    public static let defaultsDirectory = "_defaults"
    public static let fileName = "partner.yaml"

    /// Loads every `<partner-id>/partner.yaml` under `directory`, each merged over `_defaults/partner.yaml`.
    /// Every problem is collected (unknown keys, wrong types, lengths, inline secrets, identity clashes);
    /// a partner with problems is left out of `partners`.
    public static func load(directory: String) -> (partners: [PartnerConfiguration], problems: [ConfigurationProblem]) {
        let manager = FileManager.default
        let root = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var problems: [ConfigurationProblem] = []
        guard let entries = try? manager.contentsOfDirectory(atPath: root) else {
            return ([], [ConfigurationProblem(file: root, keyPath: "", message: "cannot read the directory")])
        }
        // The defaults: validated for shape on their own, then under every partner.
        let defaultsFile = "\(root)/\(defaultsDirectory)/\(fileName)"
        var defaults = ConfigurationNode.mapping([], file: defaultsFile)
        if manager.fileExists(atPath: defaultsFile) {
            switch read(defaultsFile) {
            case .success(let node):
                defaults = node
                var reader = ConfigurationReader(file: defaultsFile)
                reader.refuseInlineSecrets(node, "")
                if case .mapping(let pairs, _) = node {
                    for (key, value) in pairs where ["id", "name", "identities"].contains(key) {
                        reader.report(value, key, "not allowed in defaults (each partner has its own)")
                    }
                }
                problems += reader.problems
            case .failure(let problem):
                problems.append(problem)
            }
        }
        var partners: [PartnerConfiguration] = []
        // Every partner that parsed, problems or not: identity clashes are looked for among all of them.
        var parsed: [PartnerConfiguration] = []
        for entry in entries.sorted() where entry != defaultsDirectory && !entry.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            let partnerDirectory = "\(root)/\(entry)"
            guard manager.fileExists(atPath: partnerDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
                continue
            }
            let file = "\(partnerDirectory)/\(fileName)"
            guard manager.fileExists(atPath: file) else {
                problems.append(ConfigurationProblem(file: file, keyPath: "", message: "missing"))
                continue
            }
            switch read(file) {
            case .failure(let problem):
                problems.append(problem)
            case .success(let node):
                var reader = ConfigurationReader(file: file)
                let partner = PartnerParser.parse(
                    defaults.merged(with: node), own: node, directoryName: entry, directory: partnerDirectory,
                    reader: &reader)
                // A problem in the defaults surfaces under every partner; it is reported once.
                problems += reader.problems.filter { !problems.contains($0) }
                if let partner {
                    parsed.append(partner)
                    if reader.problems.isEmpty { partners.append(partner) }
                }
            }
        }
        problems += clashes(parsed)
        return (partners, problems)
    }

    static func read(_ file: String) -> Result<ConfigurationNode, ConfigurationProblem> {
        guard let data = FileManager.default.contents(atPath: file) else {
            return .failure(ConfigurationProblem(file: file, keyPath: "", message: "cannot read the file"))
        }
        return ConfigurationNode.parse(String(decoding: data, as: UTF8.self), file: file)
    }

    /// Two partners claiming the same sender identity: routing would be ambiguous.
    static func clashes(_ partners: [PartnerConfiguration]) -> [ConfigurationProblem] {
        var problems: [ConfigurationProblem] = []
        var seen: [String: String] = [:]
        for partner in partners {
            let file = "\(partner.directory)/\(fileName)"
            var keys: [(path: String, key: String, shown: String)] = []
            if let x12 = partner.identities.x12 {
                keys.append(("identities.x12", "x12|\(x12.qualifier)|\(x12.id)", "\(x12.qualifier)/\(x12.id)"))
            }
            if let edifact = partner.identities.edifact {
                keys.append(
                    (
                        "identities.edifact", "edifact|\(edifact.id)|\(edifact.qualifier)",
                        "\(edifact.id):\(edifact.qualifier)"
                    ))
            }
            if let cxml = partner.identities.cxml {
                keys.append(
                    ("identities.cxml", "cxml|\(cxml.domain)|\(cxml.identity)", "\(cxml.domain)/\(cxml.identity)"))
            }
            if let ubl = partner.identities.ubl {
                keys.append(("identities.ubl", "ubl|\(ubl.scheme ?? "")|\(ubl.endpoint)", ubl.endpoint))
            }
            for (path, key, shown) in keys {
                if let other = seen[key] {
                    problems.append(
                        ConfigurationProblem(
                            file: file, keyPath: path,
                            message:
                                "identity \(shown) is also partner \(other)'s; each sender must route to one partner"))
                } else {
                    seen[key] = partner.id
                }
            }
        }
        return problems
    }

    // MARK: - Routing

    /// The partner whose identity is the envelope's sender: ISA05/ISA06 for X12, UNB S002 for EDIFACT.
    public func partner(for envelope: EnvelopeHeader, standard: Standard) -> PartnerConfiguration? {
        let senderID = envelope.senderID.trimmingCharacters(in: .whitespaces)
        let qualifier = envelope.senderQualifier.trimmingCharacters(in: .whitespaces)
        return partners.first { partner in
            switch standard {
            case .x12:
                guard let x12 = partner.identities.x12 else { return false }
                return x12.qualifier == qualifier && x12.id == senderID
            case .edifact:
                guard let edifact = partner.identities.edifact else { return false }
                return edifact.id == senderID && edifact.qualifier == qualifier
            }
        }
    }

    /// The partner of an XML document's sender: the cXML `From` credential (domain and identity), or the
    /// UBL sending party's identification (its `schemeID`, when configured, must match too).
    public func partner(forXML sender: XMLSender) -> PartnerConfiguration? {
        partners.first { partner in
            switch sender {
            case .cxml(let domain, let identity):
                guard let cxml = partner.identities.cxml else { return false }
                return cxml.identity == identity && cxml.domain.lowercased() == domain.lowercased()
            case .ubl(let scheme, let endpoint):
                guard let ubl = partner.identities.ubl else { return false }
                return ubl.endpoint == endpoint && (ubl.scheme == nil || ubl.scheme == scheme)
            }
        }
    }

    public func partner(id: String) -> PartnerConfiguration? {
        partners.first { $0.id == id }
    }
}

/// Who sent an XML document, as far as routing needs to know.
public enum XMLSender: Sendable, Hashable, CustomStringConvertible {
    case cxml(domain: String, identity: String)
    case ubl(scheme: String?, endpoint: String)

    public var description: String {
        switch self {
        case .cxml(let domain, let identity): return "cXML \(domain)/\(identity)"
        case .ubl(let scheme, let endpoint): return "UBL \(scheme.map { "\($0):" } ?? "")\(endpoint)"
        }
    }
}
