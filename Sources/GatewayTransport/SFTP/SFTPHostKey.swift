import CLibSSH

/// The pinned host key of an endpoint, parsed: a public key (from a known_hosts-style line) or a fingerprint.
enum SFTPHostKeyPin: Sendable, Hashable {
    /// No pin configured.
    case none
    /// "SHA256:<base64>" without "=" padding.
    case fingerprint(String)
    /// A public key: its type name ("ssh-ed25519") and its "SHA256:" fingerprint.
    case key(type: String, fingerprint: String)

    /// Parses `text`: "SHA256:…", or "[host]:port ssh-ed25519 AAAA… comment", or "ssh-ed25519 AAAA…". Returns nil
    /// when `text` is neither.
    static func parse(_ text: String) -> SFTPHostKeyPin? {
        let trimmed = trim(text)
        if trimmed.isEmpty { return SFTPHostKeyPin.none }
        if trimmed.hasPrefix("SHA256:") {
            return .fingerprint(normalizeFingerprint(trimmed))
        }
        let tokens = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        for (index, token) in tokens.enumerated() where index + 1 < tokens.count {
            let type = ssh_key_type_from_name(token)
            guard type != SSH_KEYTYPE_UNKNOWN else { continue }
            var key: ssh_key?
            guard ssh_pki_import_pubkey_base64(tokens[index + 1], type, &key) == SSH_OK, let key else { return nil }
            defer { ssh_key_free(key) }
            guard let fingerprint = sha256Fingerprint(key) else { return nil }
            return .key(type: token, fingerprint: fingerprint)
        }
        return nil
    }

    /// The fingerprint to compare with the server's, nil for `.none`.
    var fingerprint: String? {
        switch self {
        case .none: nil
        case .fingerprint(let value): value
        case .key(_, let value): value
        }
    }

    /// The host key algorithms to offer (`SSH_OPTIONS_HOSTKEYS`) so that the server presents the pinned type; nil
    /// keeps libssh's default order (ed25519 first), used for fingerprints.
    var hostKeyAlgorithms: String? {
        guard case .key(let type, _) = self else { return nil }
        switch type {
        case "ssh-rsa": return "rsa-sha2-512,rsa-sha2-256,ssh-rsa"
        default: return type
        }
    }

    static func trim(_ text: String) -> String {
        var scalars = Substring(text)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }

    static func normalizeFingerprint(_ text: String) -> String {
        var value = Substring(trim(text))
        while value.hasSuffix("=") { value = value.dropLast() }
        return String(value)
    }

    /// "SHA256:<base64>" of `key`, as `ssh-keygen -lf` prints it.
    static func sha256Fingerprint(_ key: ssh_key) -> String? {
        var hash: UnsafeMutablePointer<UInt8>?
        var length = 0
        guard ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &length) == 0 else { return nil }
        defer { ssh_clean_pubkey_hash(&hash) }
        guard let bytes = hash, let text = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, bytes, length) else {
            return nil
        }
        defer { ssh_string_free_char(text) }
        return normalizeFingerprint(String(cString: text))
    }
}
