import EDIFormat

/// One trading partner, as `Partners/<id>/partner.yaml` over `Partners/_defaults/partner.yaml` describes it
/// (architecture §4, docs/partners.md). Secrets are never held here, only references to them.
public struct PartnerConfiguration: Sendable, Hashable {
    public var id: String
    public var name: String
    /// The partner's own directory (`Partners/<id>`), for its samples and mapping overlays.
    public var directory: String
    public var identities: Identities
    public var channels: Channels
    public var documents: Documents
    public var acknowledgements: AcknowledgementPolicy
    public var stableFile: StableFilePolicy
    public var envelope: OutboundEnvelope
    public var mapping: MappingOverlays

    public struct Identities: Sendable, Hashable {
        public var x12: X12Identity?
        public var edifact: EDIFACTIdentity?
        public var cxml: CXMLIdentity?
        public var ubl: UBLIdentity?
    }

    /// ISA05/ISA06 (and ISA07/ISA08 when we receive from them), and the GS02 application codes they use.
    public struct X12Identity: Sendable, Hashable {
        public var qualifier: String
        public var id: String
        public var applicationCodes: [String]
    }

    /// UNB S002 0004 and 0007.
    public struct EDIFACTIdentity: Sendable, Hashable {
        public var id: String
        public var qualifier: String
    }

    /// cXML `From/Credential@domain` and `Identity`.
    public struct CXMLIdentity: Sendable, Hashable {
        public var domain: String
        public var identity: String
    }

    /// The UBL sending party's `PartyIdentification/ID` (optionally with its `schemeID`).
    public struct UBLIdentity: Sendable, Hashable {
        public var endpoint: String
        public var scheme: String?
    }

    public struct Channels: Sendable, Hashable {
        public var inbound: Channel?
        public var outbound: Channel?
    }

    public enum Channel: Sendable, Hashable {
        case spool(path: String)
        case sftp(SFTPChannel)
    }

    public struct SFTPChannel: Sendable, Hashable {
        public var host: String
        public var port: Int
        public var user: String
        /// Private key and its passphrase, or a password: references only.
        public var key: SecretReference?
        public var passphrase: SecretReference?
        public var password: SecretReference?
        /// The server's host key (`ssh-ed25519 AAAA...`) or its SHA256 fingerprint; unknown hosts are refused.
        public var hostKey: String
        /// The remote directory read from (inbound) or written to (outbound).
        public var directory: String
        /// Inbound: where a fetched file is moved on the server after commit (nil: deleted).
        public var archiveDirectory: String?
        /// Inbound: the names taken (a glob); the partner's `stableFile.ignore` applies too.
        public var pattern: String
        /// How often the server is listed (inbound) and pending deliveries retried (outbound).
        public var pollSeconds: Int
        /// Outbound: the name written before the final rename; `{name}` is the file's name.
        public var temporaryName: String
        /// Accept an unknown host key the first time (only when explicitly set).
        public var trustOnFirstUse: Bool
        /// Bound on connecting and on any operation without an answer.
        public var timeoutSeconds: Int
    }

    public struct Documents: Sendable, Hashable {
        /// Transaction set or message types we accept from them (`850`, `ORDERS`, `cXML:OrderRequest`, `UBL:Order`).
        public var accepted: [String]
        /// Types we send them.
        public var sent: [String]
    }

    public struct AcknowledgementPolicy: Sendable, Hashable {
        public enum X12: String, Sendable, Hashable, CaseIterable {
            case ta1, fa997 = "997", fa999 = "999", none
        }
        public enum EDIFACT: String, Sendable, Hashable, CaseIterable {
            case contrl, none
        }
        public var x12: X12
        /// Also send a TA1 when the interchange asks for one (ISA14 = 1).
        public var ta1OnRequest: Bool
        public var edifact: EDIFACT
        /// Hours within which the partner must acknowledge what we send (ack audit raises `overdue` after).
        public var slaHours: Int
    }

    /// When a file in an inbound channel is stable enough to claim.
    public struct StableFilePolicy: Sendable, Hashable {
        public var quietMilliseconds: Int
        public var minimumAgeMilliseconds: Int
        /// When set, a file is taken only once `<file><suffix>` exists (e.g. `.done`).
        public var doneFileSuffix: String?
        /// Glob patterns never taken (writers' temporary names).
        public var ignore: [String]

        /// The built-in policy (what `_defaults/` ships): 2 s quiet, 5 s old, writers' temporary names ignored.
        public static let standard = StableFilePolicy(
            quietMilliseconds: 2000, minimumAgeMilliseconds: 5000, doneFileSuffix: nil,
            ignore: [".*", "*.part", "*.tmp"])
    }

    public struct OutboundEnvelope: Sendable, Hashable {
        public var delimiters: EnvelopeDelimiters
        /// X12 ISA12 (e.g. `00401`) or the EDIFACT syntax version (`3`, `4`).
        public var version: String
        /// `P` production, `T` test, `I` information (ISA15; T sets UNB 0035 = 1).
        public var usage: String
        /// Our identity in what we send them: ISA06 / UNB S002 0004 (and GS02), and its qualifier (ISA05 / 0007).
        public var senderID: String
        public var senderQualifier: String
    }

    public struct EnvelopeDelimiters: Sendable, Hashable {
        public var element: Character
        public var component: Character
        public var repetition: Character?
        public var segment: Character
        public var release: Character?
    }

    public struct MappingOverlays: Sendable, Hashable {
        /// YAML XML maps (docs/xml-maps.md), as paths relative to the partner's directory.
        public var xmlMaps: [String]
        /// An XSD the partner's XML documents must satisfy (resolved path), checked before mapping.
        public var xsd: String?
    }
}

/// A secret by reference: `env:NAME` or `file:/path`. The value is read only when a channel opens.
public enum SecretReference: Sendable, Hashable, CustomStringConvertible {
    case environment(String)
    case file(String)

    public init?(_ text: String) {
        if text.hasPrefix("env:"), text.count > 4 {
            self = .environment(String(text.dropFirst(4)))
        } else if text.hasPrefix("file:"), text.count > 5 {
            self = .file(String(text.dropFirst(5)))
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .environment(let name): return "env:\(name)"
        case .file(let path): return "file:\(path)"
        }
    }
}

/// One problem in the partner configuration: `file: keyPath: message`.
public struct ConfigurationProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// Dotted key path (`identities.x12.id`, `documents.accepted[2]`); empty for the file as a whole.
    public var keyPath: String
    public var message: String

    public init(file: String, keyPath: String, message: String) {
        self.file = file
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        keyPath.isEmpty ? "\(file): \(message)" : "\(file): \(keyPath): \(message)"
    }
}
