import EDIXML
import Yams

/// A partner's own XML dialect described in YAML (docs/xml-maps.md): which root element it is, and a path
/// for every canonical field, repeating groups, constants and value crosswalks. No Swift code per partner.
///
/// Loading validates everything up front and reports every problem at once, each with its key path
/// (`maps/acme.yaml: fields.orderNumber: path is empty`). ``translate(_:context:)`` then maps documents.
public struct XMLMap: Sendable {
    /// The canonical document a map produces (`document:`); only orders for now.
    public enum Document: String, Sendable, CaseIterable {
        case order
    }

    /// Where the map came from, for messages (`maps/acme.yaml`).
    public var source: String
    public var document: Document
    /// The root element's local name that selects this map (`root:`).
    public var root: String
    /// The root element's namespace URI, when the map requires one (`namespace:`).
    public var namespace: String?
    /// Named literal values (`constants:`), used by fields as `constant: $name`.
    public var constants: [String: String]
    /// Named value tables (`crosswalks:`): value as sent to canonical value.
    public var crosswalks: [String: [String: String]]
    public var order: OrderRules

    /// The rules for `document: order`.
    public struct OrderRules: Sendable {
        public var orderNumber: Field
        public var orderDate: Field?
        /// The value as sent is the purpose code; its crosswalked value the meaning (else `other`).
        public var purpose: Field?
        public var orderType: Field?
        public var currency: Field?
        public var requestedDeliveryDate: Field?
        public var requestedShipDate: Field?
        public var declaredTotalAmount: Field?
        public var notes: Field?
        public var references: [Qualified]
        public var parties: [PartyGroup]
        public var lines: LineGroup?
    }

    /// A repeating group of parties (`parties:` entry).
    public struct PartyGroup: Sendable {
        public var path: XMLPath
        /// The value as sent is the original role; its crosswalked value the canonical role (else `other`).
        public var role: Field
        public var identifiers: [Qualified]
        public var name: Field?
        public var street: Field?
        public var city: Field?
        public var region: Field?
        public var postalCode: Field?
        public var country: Field?
    }

    /// The repeating group of order lines (`lines:`).
    public struct LineGroup: Sendable {
        public var path: XMLPath
        /// Defaults to the 1-based position of the line in the group.
        public var lineNumber: Field?
        public var quantity: Field?
        /// The value as sent is the original unit; its crosswalked value the Rec 20 code (else as sent).
        public var unit: Field?
        public var unitPrice: Field?
        public var priceBasis: Field?
        public var description: Field?
        public var packSize: Field?
        public var requestedDeliveryDate: Field?
        public var items: [Qualified]
    }

    /// An identifier, item id or reference: a value field with constant `kind`, `qualifier` and `scheme`.
    public struct Qualified: Sendable {
        public var value: Field
        public var kind: String?
        public var qualifier: String?
        public var scheme: String?
    }

    /// How one canonical field gets its value: a path or a constant, then an optional crosswalk.
    public struct Field: Sendable {
        public var path: XMLPath?
        public var constant: String?
        /// The value when the path finds nothing.
        public var fallback: String?
        /// The name of a table in ``XMLMap/crosswalks``.
        public var crosswalk: String?
        /// The crosswalked value for a value the table does not list (default: the value as sent).
        public var otherwise: String?
        /// For dates: the format of the value as sent (default ISO 8601).
        public var dateFormat: DateFormat?
        /// For decimals: the decimal mark (`.` unless told) and a grouping separator to drop.
        public var decimalMark: Character = "."
        public var groupingSeparator: Character?
    }
}

/// Why a map was refused: every problem, each as `source: key.path: message`.
public struct XMLMapError: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}
