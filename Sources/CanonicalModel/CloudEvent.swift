/// A canonical document with its CloudEvents 1.0 envelope (structured JSON mode), architecture §5.
public struct CloudEvent: Sendable, Hashable, Codable {
    public var specversion = "1.0"
    /// Deterministic: the same document in the same envelope always gets the same id.
    public var id: String
    /// `edigate:<partner>`.
    public var source: String
    /// `edigate.order.v1` ...
    public var type: String
    /// The document number.
    public var subject: String
    /// When the gateway made the event (RFC 3339), passed in by the caller.
    public var time: String
    public var datacontenttype = "application/json"
    public var dataschema: String
    /// Extensions (lower-case alphanumeric names, as CloudEvents requires).
    public var edipartner: String
    public var edistandard: String
    public var ediinterchange: String
    public var edigroup: String?
    public var ediset: String
    public var filesha256: String?
    public var data: CanonicalDocument

    public init(
        partner: String, standard: String, interchange: String, group: String?, set: String, position: Int,
        contentHash: String, time: String, fileSHA256: String?, data: CanonicalDocument
    ) {
        let key = [partner, standard, interchange, group ?? "", set, String(position), contentHash].joined(
            separator: "\u{1F}")
        id = String(SHA256.hex(Array(key.utf8)).prefix(32))
        source = "edigate:\(partner)"
        type = data.eventType
        subject = data.documentNumber
        self.time = time
        dataschema = "https://edigate.dev/schemas/\(data.eventType).json"
        edipartner = partner
        edistandard = standard
        ediinterchange = interchange
        edigroup = group
        ediset = set
        filesha256 = fileSHA256
        self.data = data
    }
}

/// The canonical documents, one case per event type.
public enum CanonicalDocument: Sendable, Hashable, Codable {
    case order(Order)

    public var eventType: String {
        switch self {
        case .order: return "edigate.order.v1"
        }
    }

    public var documentNumber: String {
        switch self {
        case .order(let order): return order.orderNumber
        }
    }

    public init(from decoder: Decoder) throws {
        self = .order(try Order(from: decoder))
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .order(let order): try order.encode(to: encoder)
        }
    }
}
