import CanonicalModel
import EDIFormat
import Foundation
import Testing

@testable import GatewayMapping

/// Rendering, re-reading and normalising for the outbound round-trip tests.
enum OutboundFixtures {
    static let context = MappingContext(partner: "outbound-test", time: "2024-03-20T06:00:00Z")

    static func x12Envelope(
        control: String = "000004711", group: Int = 4711, firstSet: Int = 1, version: RenderEnvelope.X12Version = .v4010
    ) -> RenderEnvelope {
        RenderEnvelope(
            senderID: "SELLERCO", senderQualifier: "ZZ", receiverID: "BUYERCO", receiverQualifier: "ZZ",
            date: "20240320", time: "0600", interchangeControlNumber: control, groupControlNumber: group,
            firstSetControlNumber: firstSet, x12Version: version, segmentSuffix: Array("\n".utf8))
    }

    static func edifactEnvelope(
        control: String = "ICR4711", firstSet: Int = 1, delimiters: Delimiters? = nil, syntaxVersion: Int = 3
    ) -> RenderEnvelope {
        RenderEnvelope(
            senderID: "5412345000013", senderQualifier: "14", receiverID: "5412345000037", receiverQualifier: "14",
            date: "20240320", time: "0600", interchangeControlNumber: control, firstSetControlNumber: firstSet,
            syntaxVersion: syntaxVersion, delimiters: delimiters, segmentSuffix: Array("\n".utf8))
    }

    /// The documents a sample maps to.
    static func sample(_ relative: String) throws -> [CanonicalDocument] {
        let url = MappingFixtures.samples.appendingPathComponent(relative)
        let translation = Translator.translate(EDIParser.parse([UInt8](try Data(contentsOf: url))), context: context)
        #expect(translation.issues.isEmpty, "\(relative): \(translation.issues)")
        return translation.events.map(\.data)
    }

    /// Parses rendered bytes, expects no error finding, and maps them back.
    static func reread(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> (
        [CanonicalDocument], ParsedInput
    ) {
        let parsed = EDIParser.parse(bytes)
        let errors = parsed.allFindings.filter(\.isError)
        #expect(
            errors.isEmpty,
            "findings: \(errors.map { "\($0.code.rawValue) \($0.message)" })\n\(String(decoding: bytes, as: UTF8.self))",
            sourceLocation: sourceLocation)
        let translation = Translator.translate(parsed, context: context)
        #expect(translation.issues.isEmpty, "\(translation.issues)", sourceLocation: sourceLocation)
        return (translation.events.map(\.data), parsed)
    }

    static func x12RoundTrip(_ documents: [CanonicalDocument], envelope: RenderEnvelope = x12Envelope()) throws
        -> [CanonicalDocument]
    {
        reread(try OutboundRenderer.x12(documents, envelope: envelope)).0
    }

    static func edifactRoundTrip(_ documents: [CanonicalDocument], envelope: RenderEnvelope = edifactEnvelope())
        throws -> [CanonicalDocument]
    {
        reread(try OutboundRenderer.edifact(documents, envelope: envelope)).0
    }

    /// Fields the inbound mappers compute rather than read (totals recomputed from the lines) are cleared on both
    /// sides of a comparison of hand-built documents: the renderer writes no segment for them.
    static func withoutComputed(_ document: CanonicalDocument) -> CanonicalDocument {
        switch document {
        case .invoice(var invoice):
            invoice.computedLineTotal = nil
            invoice.computedTotalAmount = nil
            return .invoice(invoice)
        case .remittance(var remittance):
            remittance.computedPaymentAmount = nil
            return .remittance(remittance)
        case .warehouseShippingOrder(var order):
            order.computedQuantityTotal = nil
            return .warehouseShippingOrder(order)
        case .warehouseShipmentAdvice(var advice):
            advice.computedUnitsShipped = nil
            return .warehouseShipmentAdvice(advice)
        default:
            return document
        }
    }

    static func party(_ code: String, _ name: String?, id: String, qualifier: String, x12: Bool, supply: Bool = false)
        -> Party
    {
        let role = supply ? SupplyPartyRole.role(forCode: code) : Party.role(forCode: code)
        var party = Party(role: role, originalRole: code)
        party.name = name
        party.identifiers = [
            Identifier(
                value: id, qualifier: qualifier,
                scheme: x12 ? Identifier.x12Scheme(qualifier) : Identifier.edifactScheme(qualifier))
        ]
        return party
    }

    static func decimal(_ text: String) -> ExactDecimal { ExactDecimal(text)! }
}
