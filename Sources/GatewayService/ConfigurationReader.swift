/// Reads typed values out of a `ConfigurationNode`, collecting every problem instead of stopping at the first.
struct ConfigurationReader {
    /// The partner's own file: where a missing key is reported.
    let file: String
    var problems: [ConfigurationProblem] = []

    init(file: String) {
        self.file = file
    }

    mutating func report(_ node: ConfigurationNode?, _ path: String, _ message: String) {
        problems.append(ConfigurationProblem(file: node?.file ?? file, keyPath: path, message: message))
    }

    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// The node at `key` when it is a mapping; unknown keys are reported. Nil when absent or null.
    mutating func mapping(
        _ node: ConfigurationNode?, _ path: String, allowed: [String], required: Bool = false
    ) -> ConfigurationNode? {
        guard let node, !node.isNull else {
            if required { report(nil, path, "required") }
            return nil
        }
        guard case .mapping(let pairs, _) = node else {
            report(node, path, "expected a mapping, got \(Self.describe(node))")
            return nil
        }
        for (key, value) in pairs where !allowed.contains(key) {
            report(value, Self.join(path, key), "unknown key (expected one of: \(allowed.joined(separator: ", ")))")
        }
        return node
    }

    mutating func string(
        _ parent: ConfigurationNode?, _ key: String, _ path: String, required: Bool = false,
        length: ClosedRange<Int>? = nil, oneOf choices: [String]? = nil
    ) -> String? {
        let keyPath = Self.join(path, key)
        guard let node = parent?.value(key), !node.isNull else {
            if required { report(parent, keyPath, "required") }
            return nil
        }
        guard case .scalar(let text, _, _) = node else {
            report(node, keyPath, "expected a string, got \(Self.describe(node))")
            return nil
        }
        if let length, !length.contains(text.count) {
            let range =
                length.lowerBound == length.upperBound
                ? "\(length.lowerBound)" : "\(length.lowerBound)-\(length.upperBound)"
            report(node, keyPath, "expected \(range) characters, got \(text.count)")
            return nil
        }
        if let choices, !choices.contains(text) {
            report(node, keyPath, "expected one of \(choices.joined(separator: ", ")), got \"\(text)\"")
            return nil
        }
        return text
    }

    mutating func int(
        _ parent: ConfigurationNode?, _ key: String, _ path: String, required: Bool = false, range: ClosedRange<Int>
    ) -> Int? {
        let keyPath = Self.join(path, key)
        guard let node = parent?.value(key), !node.isNull else {
            if required { report(parent, keyPath, "required") }
            return nil
        }
        guard case .scalar(let text, _, _) = node, let value = Int(text) else {
            report(node, keyPath, "expected an integer, got \(Self.describe(node))")
            return nil
        }
        guard range.contains(value) else {
            report(node, keyPath, "expected \(range.lowerBound)...\(range.upperBound), got \(value)")
            return nil
        }
        return value
    }

    mutating func bool(_ parent: ConfigurationNode?, _ key: String, _ path: String) -> Bool? {
        let keyPath = Self.join(path, key)
        guard let node = parent?.value(key), !node.isNull else { return nil }
        if case .scalar(let text, _, _) = node {
            switch text.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        report(node, keyPath, "expected true or false, got \(Self.describe(node))")
        return nil
    }

    mutating func strings(
        _ parent: ConfigurationNode?, _ key: String, _ path: String, length: ClosedRange<Int>? = nil
    ) -> [String]? {
        let keyPath = Self.join(path, key)
        guard let node = parent?.value(key), !node.isNull else { return nil }
        guard case .sequence(let items, _) = node else {
            report(node, keyPath, "expected a list, got \(Self.describe(node))")
            return nil
        }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(keyPath)[\(index)]"
            guard case .scalar(let text, _, false) = item else {
                report(item, itemPath, "expected a string, got \(Self.describe(item))")
                continue
            }
            if let length, !length.contains(text.count) {
                report(
                    item, itemPath, "expected \(length.lowerBound)-\(length.upperBound) characters, got \(text.count)")
                continue
            }
            result.append(text)
        }
        return result
    }

    /// A secret: only `env:NAME` or `file:/path`; an inline value is refused (and never echoed).
    /// `password` and `passphrase` are checked everywhere by `refuseInlineSecrets`, so only `key` reports here.
    mutating func secret(_ parent: ConfigurationNode?, _ key: String, _ path: String) -> SecretReference? {
        let keyPath = Self.join(path, key)
        guard let node = parent?.value(key), !node.isNull else { return nil }
        guard case .scalar(let text, _, _) = node, let reference = SecretReference(text) else {
            if ["password", "passphrase"].contains(key) { return nil }
            report(
                node, keyPath, "inline secrets are refused; give a reference: env:VARIABLE or file:/path/to/secret")
            return nil
        }
        return reference
    }

    static func describe(_ node: ConfigurationNode) -> String {
        switch node {
        case .scalar(let text, _, let isNull): return isNull ? "null" : "\"\(text)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    /// Every `password:` or `passphrase:` anywhere in the tree that is not a reference (even under unknown keys).
    mutating func refuseInlineSecrets(_ node: ConfigurationNode, _ path: String) {
        switch node {
        case .mapping(let pairs, _):
            for (key, value) in pairs {
                let keyPath = Self.join(path, key)
                if ["password", "passphrase"].contains(key) {
                    if case .scalar(let text, _, false) = value, SecretReference(text) != nil { continue }
                    if value.isNull { continue }
                    report(
                        value, keyPath,
                        "inline secrets are refused; give a reference: env:VARIABLE or file:/path/to/secret")
                } else {
                    refuseInlineSecrets(value, keyPath)
                }
            }
        case .sequence(let items, _):
            for (index, item) in items.enumerated() { refuseInlineSecrets(item, "\(path)[\(index)]") }
        case .scalar:
            break
        }
    }
}
