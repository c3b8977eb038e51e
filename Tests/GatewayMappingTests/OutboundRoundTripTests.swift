import CanonicalModel
import EDIFormat
import Foundation
import Testing

@testable import GatewayMapping

/// The outbound property: render → EDIParser → inbound mapper gives the same canonical document.
@Suite struct OutboundRoundTripTests {
    typealias Fx = OutboundFixtures

    static let x12Samples = [
        "x12/855-po-ack.edi", "x12/856-ship-notice.edi", "x12/810-invoice.edi", "x12/820-remittance.edi",
        "x12/940-warehouse-order.edi", "x12/945-warehouse-advice.edi",
    ]
    static let edifactSamples = [
        "edifact/ordrsp-d96a.edi", "edifact/desadv-d96a.edi", "edifact/invoic-d96a.edi", "edifact/remadv-d96a.edi",
    ]

    @Test(arguments: x12Samples) func x12SampleRoundTrips(_ sample: String) throws {
        let documents = try Fx.sample(sample)
        #expect(documents.count == 1)
        #expect(try Fx.x12RoundTrip(documents) == documents)
        #expect(try Fx.x12RoundTrip(documents, envelope: Fx.x12Envelope(version: .v5010)) == documents)
    }

    @Test(arguments: edifactSamples) func edifactSampleRoundTrips(_ sample: String) throws {
        let documents = try Fx.sample(sample)
        #expect(documents.count == 1)
        #expect(try Fx.edifactRoundTrip(documents) == documents)
        var comma = Delimiters.edifactDefault(syntaxVersion: 4)
        comma.decimalMark = UInt8(ascii: ",")
        let envelope = Fx.edifactEnvelope(delimiters: comma, syntaxVersion: 4)
        #expect(try Fx.edifactRoundTrip(documents, envelope: envelope) == documents)
    }

    /// Several documents: one set each in one group, numbered from the given first control number.
    @Test func controlNumbersComeOutAsGiven() throws {
        let x12 = try Fx.sample("x12/810-invoice.edi")
        var second = x12[0]
        if case .invoice(var invoice) = second {
            invoice.invoiceNumber = "INV-88002"
            second = .invoice(invoice)
        }
        let bytes = try OutboundRenderer.x12(
            x12 + [second], envelope: Fx.x12Envelope(control: "123456789", group: 77, firstSet: 41))
        let (documents, parsed) = Fx.reread(bytes)
        #expect(documents == x12 + [second])
        let report = try #require(parsed.interchanges.first?.report)
        #expect(report.envelope.controlNumber == "123456789")
        #expect(report.groups.map(\.controlNumber) == ["77"])
        #expect(report.groups.first?.functionalIdentifier == "IN")
        #expect(report.groups.first?.sets.map(\.controlNumber) == ["0041", "0042"])
        #expect(report.envelope.senderID.trimmingCharacters(in: .whitespaces) == "SELLERCO")

        let edifact = try Fx.sample("edifact/invoic-d96a.edi")
        let rendered = try OutboundRenderer.edifact(
            edifact + edifact, envelope: Fx.edifactEnvelope(control: "ICR900", firstSet: 7))
        let (again, parsedEDIFACT) = Fx.reread(rendered)
        #expect(again == edifact + edifact)
        let edifactReport = try #require(parsedEDIFACT.interchanges.first?.report)
        #expect(edifactReport.envelope.controlNumber == "ICR900")
        #expect(edifactReport.groups.flatMap(\.sets).map(\.controlNumber) == ["7", "8"])
    }

    @Test func shortX12ControlNumberIsZeroPadded() throws {
        let bytes = try OutboundRenderer.x12(
            try Fx.sample("x12/855-po-ack.edi"), envelope: Fx.x12Envelope(control: "42"))
        let (_, parsed) = Fx.reread(bytes)
        #expect(parsed.interchanges.first?.report.envelope.controlNumber == "000000042")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(
            text.hasPrefix(
                "ISA*00*          *00*          *ZZ*SELLERCO       *ZZ*BUYERCO        *240320*0600*U*00401*000000042*0*P*>~"
            ))
        #expect(text.contains("IEA*1*000000042~"))
    }

    /// Test usage, the D01B directory, syntax 4, CRLF between segments and delimiters of the caller's choice.
    @Test func envelopeSettingsComeOutAsGiven() throws {
        let ack = try Fx.sample("x12/855-po-ack.edi")
        var x12 = Fx.x12Envelope(version: .v5010)
        x12.isTest = true
        x12.segmentSuffix = Array("\r\n".utf8)
        x12.delimiters = Delimiters(
            element: UInt8(ascii: "|"), component: UInt8(ascii: ":"), repetition: UInt8(ascii: "!"),
            segment: UInt8(ascii: "~"))
        x12.applicationSender = "SELLAPP"
        let bytes = try OutboundRenderer.x12(ack, envelope: x12)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("ISA|00|"))
        #expect(
            text.contains(
                "|240320|0600|!|00501|000004711|0|T|:~\r\nGS|PR|SELLAPP|BUYERCO|20240320|0600|4711|X|005010~\r\n"))
        let (documents, parsed) = Fx.reread(bytes)
        #expect(documents == ack)
        #expect(parsed.interchanges.first?.report.envelope.usage == "T")

        let ordrsp = try Fx.sample("edifact/ordrsp-d96a.edi")
        var edifact = Fx.edifactEnvelope(syntaxVersion: 4)
        edifact.isTest = true
        edifact.directory = .d01B
        edifact.syntaxIdentifier = "UNOW"
        let rendered = String(decoding: try OutboundRenderer.edifact(ordrsp, envelope: edifact), as: UTF8.self)
        #expect(
            rendered.hasPrefix(
                "UNA:+.?*'\nUNB+UNOW:4+5412345000013:14+5412345000037:14+20240320:0600+ICR4711++++++1'\n"))
        #expect(rendered.contains("UNH+1+ORDRSP:D:01B:UN'"))
        #expect(Fx.reread(Array(rendered.utf8)).0 == ordrsp)
    }

    // MARK: - Errors

    @Test func missingInvoiceNumberThrows() throws {
        var invoice = Invoice(invoiceNumber: "")
        invoice.invoiceDate = "2024-03-15"
        invoice.declaredTotalAmount = Fx.decimal("1")
        #expect(throws: RenderError.self) { try OutboundRenderer.x12([.invoice(invoice)], envelope: Fx.x12Envelope()) }
        do {
            _ = try OutboundRenderer.x12([.invoice(invoice)], envelope: Fx.x12Envelope())
        } catch let error as RenderError {
            #expect(error.code == .missingField)
            #expect(error.message.contains("invoiceNumber (BIG02)"))
        }
        do {
            _ = try OutboundRenderer.edifact([.invoice(invoice)], envelope: Fx.edifactEnvelope())
            Issue.record("expected an error")
        } catch let error as RenderError {
            #expect(error.code == .missingField)
        }
    }

    @Test func otherErrors() throws {
        func code(_ body: () throws -> [UInt8]) -> RenderError.Code? {
            do {
                _ = try body()
                return nil
            } catch let error as RenderError {
                return error.code
            } catch {
                return nil
            }
        }
        let ack = try Fx.sample("x12/855-po-ack.edi")
        let invoice = try Fx.sample("x12/810-invoice.edi")
        #expect(code { try OutboundRenderer.x12([], envelope: Fx.x12Envelope()) } == .noDocuments)
        #expect(code { try OutboundRenderer.x12(ack + invoice, envelope: Fx.x12Envelope()) } == .mixedTypes)
        let order = CanonicalDocument.order(Order(orderNumber: "PO1", purpose: Purpose.x12("00")))
        #expect(code { try OutboundRenderer.x12([order], envelope: Fx.x12Envelope()) } == .unsupportedType)
        let warehouse = try Fx.sample("x12/940-warehouse-order.edi")
        #expect(code { try OutboundRenderer.edifact(warehouse, envelope: Fx.edifactEnvelope()) } == .unsupportedType)
        #expect(
            code { try OutboundRenderer.x12(ack, envelope: Fx.x12Envelope(control: "1234567890")) } == .invalidEnvelope)
        if case .invoice(var threeDecimals) = invoice[0] {
            threeDecimals.declaredTotalAmount = Fx.decimal("0.005")
            #expect(
                code { try OutboundRenderer.x12([.invoice(threeDecimals)], envelope: Fx.x12Envelope()) }
                    == .unrepresentable)
            threeDecimals.declaredTotalAmount = nil
            #expect(
                code { try OutboundRenderer.x12([.invoice(threeDecimals)], envelope: Fx.x12Envelope()) }
                    == .missingField)
        }
    }

    // MARK: - Delimiters in the data

    static func ackWithDelimiters() -> OrderAck {
        var ack = OrderAck(orderNumber: "PO-77")
        ack.purpose = Purpose.x12("00")
        ack.ackType = AckType.x12("AC")
        ack.orderDate = "2024-03-10"
        ack.ackDate = "2024-03-11"
        ack.sellerOrderNumber = "SO-1"
        ack.currency = "USD"
        ack.references = [Reference(qualifier: "VR", value: "V-1")]
        var seller = Fx.party("SE", "Widget Works", id: "WW01", qualifier: "92", x12: true)
        seller.street = ["1 Main St", "Unit 4", "Back door"]
        seller.city = "Springfield"
        seller.region = "IL"
        seller.postalCode = "62702"
        seller.country = "US"
        ack.parties = [seller, Fx.party("BY", "Buyer Co", id: "0012", qualifier: "1", x12: true)]
        var first = OrderAckLine(lineNumber: "1")
        first.orderedQuantity = Fx.decimal("10")
        first.unit = UnitOfMeasure(x12: "EA")
        first.unitPrice = Fx.decimal("0.005")
        first.priceBasis = "PE"
        first.items = [
            ItemIdentifier(qualifier: "UP", value: "012345678905"), ItemIdentifier(qualifier: "VN", value: "WID-100"),
        ]
        first.description = "Widget * large ~ with > and ^ inside"
        first.status = AckLineStatus.x12("IA")
        first.confirmedQuantity = Fx.decimal("10")
        first.confirmedUnit = UnitOfMeasure(x12: "EA")
        first.confirmedShipDate = "2024-03-18"
        var second = OrderAckLine(lineNumber: "2")
        second.orderedQuantity = Fx.decimal("4")
        second.unit = UnitOfMeasure(x12: "CA")
        second.unitPrice = Fx.decimal("1234567.89")
        second.items = [ItemIdentifier(qualifier: "VN", value: "WID-200")]
        second.status = AckLineStatus.x12("IQ")
        second.confirmedQuantity = Fx.decimal("2")
        second.confirmedUnit = UnitOfMeasure(x12: "CA")
        second.confirmedDeliveryDate = "2024-03-20"
        var split = OrderAckSplit(status: AckLineStatus.x12("IB"))
        split.quantity = Fx.decimal("2")
        split.unit = UnitOfMeasure(x12: "CA")
        split.shipDate = "2024-04-01"
        second.splits = [split]
        ack.lines = [first, second]
        ack.declaredLineCount = 2
        ack.declaredTotalAmount = Fx.decimal("4938271.61")
        return ack
    }

    @Test func x12PicksOtherDelimitersWhenTheDataHoldsThem() throws {
        let ack = Self.ackWithDelimiters()
        let bytes = try OutboundRenderer.x12([.orderAck(ack)], envelope: Fx.x12Envelope(version: .v5010))
        let (documents, parsed) = Fx.reread(bytes)
        #expect(documents == [.orderAck(ack)])
        let delimiters = try #require(parsed.interchanges.first?.delimiters)
        let used = Set(Self.ackWithDelimiters().lines.compactMap(\.description).flatMap(\.utf8))
        for byte in [delimiters.element, delimiters.segment, delimiters.component]
            + [delimiters.repetition].compactMap({ $0 })
        {
            #expect(!used.contains(byte), "delimiter \(UnicodeScalar(byte)) is in the data")
        }
    }

    @Test func x12RejectsDelimitersInTheDataWhenAskedTo() throws {
        var envelope = Fx.x12Envelope()
        envelope.chooseX12Delimiters = false
        #expect {
            try OutboundRenderer.x12([.orderAck(Self.ackWithDelimiters())], envelope: envelope)
        } throws: { error in
            (error as? RenderError)?.code == .delimiterInData
        }
    }
}
