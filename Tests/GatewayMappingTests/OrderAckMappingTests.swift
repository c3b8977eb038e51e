import CanonicalModel
import EDIFormat
import Foundation
import Testing

@testable import GatewayMapping

/// PO acknowledgements mapped to the canonical model, checked against what the primer (§4.2) reads off its
/// examples and what a person reads off the corpus files.
@Suite struct OrderAckMappingTests {
    static let fixtures = MappingFixtures(
        context: MappingContext(partner: "sellerco", time: "2024-03-11T14:03:00Z", fileSHA256: "abc"))

    static func translate(_ bytes: [UInt8]) -> Translation { fixtures.translate(bytes) }
    static func sample(_ relative: String) throws -> Translation { try fixtures.sample(relative) }
    static func sampleText(_ relative: String) throws -> String { try fixtures.sampleText(relative) }
    static func corpusFile(_ relative: String) throws -> Translation? { try fixtures.corpusFile(relative) }

    static func acks(_ translation: Translation) -> [OrderAck] {
        translation.events.compactMap { event in
            if case .orderAck(let ack) = event.data { return ack }
            return nil
        }
    }

    @Test func x12AckGivesThePrimersCanonicalResult() throws {
        let translation = try Self.sample("x12/855-po-ack.edi")
        #expect(translation.issues.isEmpty)
        let event = try #require(translation.events.first)
        #expect(translation.events.count == 1)
        #expect(event.type == "edigate.order-ack.v1" && event.subject == "PO4500012345")
        #expect(event.dataschema == "https://edigate.dev/schemas/edigate.order-ack.v1.json")
        #expect(event.ediinterchange == "000005001" && event.edigroup == "5001" && event.ediset == "0001")
        let ack = try #require(Self.acks(translation).first)
        #expect(ack.ackType == AckType(code: "AC", meaning: "detailAndChange"))
        #expect(ack.purpose == Purpose(code: "00", meaning: "original"))
        #expect(ack.orderNumber == "PO4500012345" && ack.orderDate == "2024-03-10")
        #expect(ack.sellerOrderNumber == "SO-7781" && ack.ackDate == "2024-03-11")
        #expect(ack.lines.count == 2 && ack.declaredLineCount == 2)
        let first = ack.lines[0]
        #expect(first.lineNumber == "1")
        #expect(first.status == AckLineStatus(code: "IA", meaning: "accepted"))
        #expect(first.orderedQuantity == ExactDecimal(10) && first.unit == UnitOfMeasure(x12: "EA"))
        #expect(first.confirmedQuantity == ExactDecimal(10) && first.confirmedUnit == UnitOfMeasure(x12: "EA"))
        #expect(first.confirmedShipDate == "2024-03-18" && first.confirmedDeliveryDate == nil)
        #expect(first.unitPrice == ExactDecimal("12.5"))
        #expect(first.items.first?.gtin14 == "00012345678905")
        #expect(first.items.contains(ItemIdentifier(qualifier: "VN", value: "WID-100")))
        #expect(first.splits.isEmpty)
        let second = ack.lines[1]
        #expect(second.status == AckLineStatus(code: "IQ", meaning: "quantityChanged"))
        #expect(
            second.orderedQuantity == ExactDecimal(4) && second.unit?.original == "CA" && second.unit?.rec20 == "CS")
        #expect(second.confirmedQuantity == ExactDecimal(2) && second.confirmedUnit?.rec20 == "CS")
        #expect(second.confirmedShipDate == "2024-03-18")
        #expect(second.items == [ItemIdentifier(qualifier: "VN", value: "WID-200")])
    }

    @Test func edifactAckGivesThePrimersCanonicalResult() throws {
        let translation = try Self.sample("edifact/ordrsp-d96a.edi")
        #expect(translation.issues.isEmpty)
        let event = try #require(translation.events.first)
        #expect(event.subject == "PO4500012345" && event.ediinterchange == "ICR5001" && event.ediset == "1")
        let ack = try #require(Self.acks(translation).first)
        #expect(ack.ackType == AckType(code: "4", meaning: "change"))
        #expect(ack.purpose == nil)
        #expect(ack.orderNumber == "PO4500012345")
        #expect(ack.sellerOrderNumber == "RSP-7781" && ack.ackDate == "2024-03-11")
        #expect(ack.parties.map(\.role) == ["buyer", "seller"])
        #expect(ack.parties.map { $0.identifiers.first?.value } == ["5412345000037", "5412345000013"])
        #expect(ack.lines.count == 2 && ack.declaredLineCount == nil)
        #expect(ack.lines[0].status == AckLineStatus(code: "5", meaning: "accepted"))
        #expect(ack.lines[0].items.first?.gtin14 == "04001234000015")
        #expect(ack.lines[0].orderedQuantity == ExactDecimal(10) && ack.lines[0].confirmedQuantity == nil)
        #expect(ack.lines[1].status == AckLineStatus(code: "3", meaning: "changed"))
        #expect(ack.lines[1].orderedQuantity == ExactDecimal(4) && ack.lines[1].confirmedQuantity == ExactDecimal(2))
    }

    @Test func version005010AndLineSplitsMapTheSame() throws {
        let text = try Self.sampleText("x12/855-po-ack.edi")
            .replacingOccurrences(of: "*U*00401*", with: "*^*00501*").replacingOccurrences(
                of: "*004010~", with: "*005010~"
            )
            .replacingOccurrences(
                of: "ACK*IQ*2*CA*068*20240318~", with: "ACK*IQ*2*CA*068*20240318~ACK*IB*2*CA*067*20240405~"
            )
            .replacingOccurrences(of: "SE*8*0001", with: "SE*9*0001")
        let translation = Self.translate(Array(text.utf8))
        #expect(translation.issues.isEmpty)
        let ack = try #require(Self.acks(translation).first)
        #expect(ack.orderNumber == "PO4500012345" && ack.lines.count == 2)
        let second = ack.lines[1]
        #expect(second.status?.meaning == "quantityChanged" && second.confirmedQuantity == ExactDecimal(2))
        var split = OrderAckSplit(status: AckLineStatus(code: "IB", meaning: "backordered"))
        split.quantity = ExactDecimal(2)
        split.unit = UnitOfMeasure(x12: "CA")
        split.deliveryDate = "2024-04-05"
        #expect(second.splits == [split])
    }

    @Test func edifactDecimalCommaAndLineDates() throws {
        let text = try Self.sampleText("edifact/ordrsp-d96a.edi")
            .replacingOccurrences(of: "UNA:+.? '", with: "UNA:+,? '")
            .replacingOccurrences(of: "QTY+113:2'", with: "QTY+113:2,5:KGM'DTM+69:20240320:102'PRI+AAA:12,75'")
            .replacingOccurrences(of: "UNT+13+1", with: "UNT+15+1")
        let translation = Self.translate(Array(text.utf8))
        #expect(translation.issues.isEmpty)
        let line = try #require(Self.acks(translation).first?.lines.last)
        #expect(line.confirmedQuantity == ExactDecimal("2.5") && line.confirmedUnit == UnitOfMeasure(rec20: "KGM"))
        #expect(line.confirmedDeliveryDate == "2024-03-20" && line.unitPrice == ExactDecimal("12.75"))
    }

    @Test func impossibleDatesAreRejectedOrDropped() throws {
        // The validator rejects a DTM 102 that is not a calendar date, so the set gives no event ...
        let text = try Self.sampleText("edifact/ordrsp-d96a.edi")
            .replacingOccurrences(of: "DTM+137:20240311:102", with: "DTM+137:20240231:102")
        let translation = Self.translate(Array(text.utf8))
        #expect(translation.events.isEmpty && translation.issues.map(\.code) == [.setRejected])
        // ... and the mappers keep only real calendar dates whatever reaches them.
        #expect(X12OrderAckMapper.calendarDate("2024-02-29") == "2024-02-29")
        #expect(X12OrderAckMapper.calendarDate("2000-02-29") == "2000-02-29")
        for impossible in ["2023-02-29", "1900-02-29", "2024-04-31", "1999-97-15", "2024-00-10", "2024-01-00"] {
            #expect(X12OrderAckMapper.calendarDate(impossible) == nil, "\(impossible)")
        }
        #expect(X12OrderAckMapper.calendarDate(nil) == nil)
    }

    // MARK: - Corpus: what a person reads off each file

    @Test func corpusBots855() throws {
        guard let translation = try Self.corpusFile("x12/bots_855-004010UCS-01.x12") else { return }
        #expect(translation.issues.isEmpty)
        let acks = Self.acks(translation)
        #expect(acks.map(\.orderNumber) == ["194207", "194208", "194721", "194722", "194723", "194724"])
        #expect(acks.map(\.lines.count) == [26, 1, 1, 17, 22, 1])
        #expect(acks.map(\.declaredLineCount) == [26, 1, 1, 17, 22, 1])
        #expect(acks.allSatisfy { $0.declaredTotalAmount == nil && $0.orderDate == "2003-05-07" })
        #expect(acks.allSatisfy { $0.ackType == AckType(code: "AP", meaning: "productReplenishment") })
        let first = try #require(acks.first?.lines.first)
        #expect(first.lineNumber == nil && first.orderedQuantity == ExactDecimal(102) && first.unit?.rec20 == "CS")
        #expect(first.items.first?.value == "001119432383" && first.status == nil)
        #expect(acks.first?.parties.map(\.role) == ["shipTo", "seller"])
    }

    @Test func corpusNodeX12855() throws {
        guard let translation = try Self.corpusFile("x12/nodex12_855.edi") else { return }
        let ack = try #require(Self.acks(translation).first)
        #expect(translation.events.count == 1)
        #expect(ack.orderNumber == "POTEST1112" && ack.orderDate == "2020-10-15" && ack.ackDate == "2020-10-15")
        #expect(ack.ackType?.code == "AD" && ack.currency == "USD")
        #expect(ack.lines.count == 4 && ack.declaredLineCount == 4 && ack.declaredTotalAmount == nil)
        #expect(ack.lines.map { $0.status?.code } == ["IA", "IR", "IR", "IA"])
        #expect(ack.lines.map(\.confirmedQuantity) == [3, 0, 0, 2].map { ExactDecimal($0) as ExactDecimal? })
        #expect(ack.lines.map(\.orderedQuantity) == [3, 2, 1, 2].map { ExactDecimal($0) as ExactDecimal? })
        #expect(ack.lines[0].unitPrice == ExactDecimal("4.5") && ack.lines[1].unitPrice == ExactDecimal("15.99"))
        #expect(ack.lines[0].description == "DIC WEBSTERS NEW WORLD")
    }

    @Test func corpusOopAdobe855() throws {
        guard let translation = try Self.corpusFile("x12/oop_855_Example1_Adobe.txt") else { return }
        let ack = try #require(Self.acks(translation).first)
        #expect(translation.events.count == 1)
        #expect(ack.orderNumber == "0132710645" && ack.orderDate == "2009-06-12")
        #expect(ack.lines.count == 1 && ack.declaredLineCount == 1)
        #expect(ack.declaredTotalAmount == ExactDecimal(369))
        #expect(ack.lines[0].lineNumber == "000010" && ack.lines[0].unitPrice == ExactDecimal(369))
        #expect(ack.parties.count == 7 && ack.parties.last?.role == "shipTo")
    }

    @Test func corpusStaediTwo855s() throws {
        guard let translation = try Self.corpusFile("x12/staedi_multi-tx-transaction-type.edi") else { return }
        let acks = Self.acks(translation)
        #expect(acks.map(\.orderNumber) == ["ORDER1", "ORDER2"])
        #expect(acks.allSatisfy { $0.lines.isEmpty && $0.declaredLineCount == nil })
    }

    @Test func corpusEdinetOrdrspIsRejected() throws {
        // UNT01 says 17 segments (there are 31) and UNT02/UNZ02 do not match: rejected, so no event.
        guard let translation = try Self.corpusFile("edifact/edinet_edifact.ORDRSP.edi") else { return }
        #expect(translation.events.isEmpty)
        #expect(translation.issues.map(\.code) == [.interchangeRejected])
    }
}
