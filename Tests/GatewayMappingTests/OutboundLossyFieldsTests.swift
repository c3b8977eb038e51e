import CanonicalModel
import EDIFormat
import Testing

@testable import GatewayMapping

/// Fields that cannot round-trip, each compared after normalising it, with the reason (docs/outbound.md).
@Suite struct OutboundLossyFieldsTests {
    typealias Fx = OutboundFixtures

    static func invoice(_ document: CanonicalDocument) throws -> Invoice {
        guard case .invoice(let invoice) = document else { throw RenderError(.unsupportedType, "not an invoice") }
        return invoice
    }

    /// The 810 has no line amount and no summary totals but TDS: the inbound mapper computes the line amount as
    /// quantity × price, and the EDIFACT-only totals (MOA 79/125/124) have no X12 element.
    @Test func x12InvoiceDropsTheAmountsIthasNoElementFor() throws {
        var invoice = try Self.invoice(try Fx.sample("edifact/invoic-d96a.edi")[0])
        invoice.lines[0].lineAmount = Fx.decimal("120")  // MOA 203 after a line discount: not 10 × 12.5
        invoice.lines[0].unit = UnitOfMeasure(x12: "EA")
        invoice.lines[1].unit = UnitOfMeasure(x12: "EA")
        // X12 code values where the EDIFACT ones do not fit the X12 elements (BIG07, ITD01, TXI01).
        invoice.invoiceType = InvoiceType.x12("DI")
        invoice.purpose = Purpose.x12("00")
        invoice.terms[0].type = "01"
        invoice.taxes[0].type = "VA"
        for index in invoice.lines.indices {
            invoice.lines[index].taxes[0].type = "VA"
            invoice.lines[index].priceBasis = nil
        }
        let back = try Self.invoice(try Fx.x12RoundTrip([.invoice(invoice)])[0])
        var expected = invoice
        for index in expected.lines.indices {
            expected.lines[index].lineAmount = expected.lines[index].quantity!.multiplied(
                by: expected.lines[index].unitPrice!)
        }
        expected.declaredLineTotal = nil
        expected.declaredTaxableAmount = nil
        expected.declaredTaxAmount = nil
        // The identifier scheme is derived from the qualifier by each standard's own list (EDIFACT 9 = GLN,
        // X12 9 = DUNS+4): it is not carried, the qualifier is.
        for index in expected.parties.indices {
            expected.parties[index].identifiers = expected.parties[index].identifiers.map {
                Identifier(value: $0.value, qualifier: $0.qualifier, scheme: Identifier.x12Scheme($0.qualifier ?? ""))
            }
        }
        // TXI has no taxable amount.
        expected.taxes[0].taxableAmount = nil
        for index in expected.lines.indices { expected.lines[index].taxes[0].taxableAmount = nil }
        #expect(Fx.withoutComputed(.invoice(back)) == Fx.withoutComputed(.invoice(expected)))
        #expect(back.computedLineTotal == Fx.decimal("185"))
    }

    /// BSN04 (time) is mandatory: a notice date without a time goes out as 0000 and comes back with T00:00.
    /// HL ids are numbered depth first, whatever the document said.
    @Test func x12ShipNoticeTimeAndHierarchyIds() throws {
        guard case .shipNotice(var notice) = try Fx.sample("x12/856-ship-notice.edi")[0] else {
            Issue.record("not a ship notice")
            return
        }
        notice.noticeDateTime = nil
        notice.orders[0].hierarchyId = "ORDER-A"
        let back = try Fx.x12RoundTrip([.shipNotice(notice)])
        var expected = notice
        expected.noticeDateTime = "2024-03-14T00:00"
        expected.orders[0].hierarchyId = "2"
        #expect(back == [.shipNotice(expected)])
    }

    /// ORDRSP has no purpose (BGM 1225 is the ack type) and the inbound mapper reads no schedule splits.
    @Test func ordrspDropsPurposeAndSplits() throws {
        var ack = OutboundRoundTripTests.ackWithDelimiters()
        ack.ackType = AckType.edifact("4")
        for index in ack.lines.indices {
            ack.lines[index].status = ack.lines[index].status.map { AckLineStatus.edifact($0.code == "IA" ? "5" : "3") }
            ack.lines[index].unit = ack.lines[index].unit.map { UnitOfMeasure(rec20: $0.original) }
            ack.lines[index].confirmedUnit = ack.lines[index].confirmedUnit.map { UnitOfMeasure(rec20: $0.original) }
            ack.lines[index].priceBasis = ack.lines[index].priceBasis ?? "AAA"
        }
        ack.parties = ack.parties.map { party in
            var edifact = party
            edifact.identifiers = party.identifiers.map {
                Identifier(
                    value: $0.value, qualifier: $0.qualifier, scheme: Identifier.edifactScheme($0.qualifier ?? ""))
            }
            return edifact
        }
        let back = try Fx.edifactRoundTrip([.orderAck(ack)])
        var expected = ack
        expected.purpose = nil
        for index in expected.lines.indices { expected.lines[index].splits = [] }
        #expect(back == [.orderAck(expected)])
    }
}
