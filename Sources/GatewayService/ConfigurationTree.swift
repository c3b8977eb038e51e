import Yams

/// A YAML node that remembers the file it came from, so a value inherited from `_defaults/` is reported
/// against `_defaults/partner.yaml` and a partner's own value against its `partner.yaml`.
indirect enum ConfigurationNode: Sendable {
    case scalar(String, file: String, isNull: Bool)
    case mapping([(key: String, value: ConfigurationNode)], file: String)
    case sequence([ConfigurationNode], file: String)

    var file: String {
        switch self {
        case .scalar(_, let file, _), .mapping(_, let file), .sequence(_, let file): return file
        }
    }

    /// Parses `text`; a YAML error becomes a problem for the whole file.
    static func parse(_ text: String, file: String) -> Result<ConfigurationNode, ConfigurationProblem> {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                return .success(.mapping([], file: file))
            }
            return .success(ConfigurationNode(node, file: file))
        } catch {
            let message = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
            return .failure(ConfigurationProblem(file: file, keyPath: "", message: "not valid YAML: \(message)"))
        }
    }

    init(_ node: Node, file: String) {
        switch node {
        case .scalar(let scalar):
            let isNull =
                scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
            self = .scalar(scalar.string, file: file, isNull: isNull)
        case .mapping(let mapping):
            self = .mapping(
                mapping.map { (key: $0.key.string ?? "\($0.key)", value: ConfigurationNode($0.value, file: file)) },
                file: file)
        case .sequence(let sequence):
            self = .sequence(sequence.map { ConfigurationNode($0, file: file) }, file: file)
        default:
            self = .scalar("", file: file, isNull: true)
        }
    }

    /// `overlay` over `self`: mappings merge key by key (recursively); anything else is replaced.
    func merged(with overlay: ConfigurationNode) -> ConfigurationNode {
        guard case .mapping(let base, let baseFile) = self, case .mapping(let top, let topFile) = overlay else {
            return overlay
        }
        var result = base
        for (key, value) in top {
            if let index = result.firstIndex(where: { $0.key == key }) {
                result[index].value = result[index].value.merged(with: value)
            } else {
                result.append((key, value))
            }
        }
        return .mapping(result, file: top.isEmpty ? baseFile : topFile)
    }

    var isNull: Bool {
        if case .scalar(_, _, true) = self { return true }
        return false
    }

    func value(_ key: String) -> ConfigurationNode? {
        guard case .mapping(let pairs, _) = self else { return nil }
        return pairs.first { $0.key == key }?.value
    }
}
