import CanonicalModel
import EDIFormat
import Foundation
import Testing

@testable import GatewayMapping

/// Orders mapped to the canonical model, checked against what the primer (§4.1) reads off its examples.
@Suite struct OrderMappingTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")
    static let context = MappingContext(partner: "buyerco", time: "2024-03-10T09:16:00Z", fileSHA256: "abc")

    static func translate(_ relative: String) throws -> Translation {
        let bytes = [UInt8](try Data(contentsOf: samples.appendingPathComponent(relative)))
        return Translator.translate(EDIParser.parse(bytes), context: context)
    }

    static func order(_ translation: Translation) throws -> Order {
        let event = try #require(translation.events.first)
        guard case .order(let order) = event.data else { throw MappingTestError.notAnOrder }
        return order
    }

    enum MappingTestError: Error { case notAnOrder }

    @Test func x12OrderGivesThePrimersCanonicalResult() throws {
        let translation = try Self.translate("x12/850-order.edi")
        #expect(translation.events.count == 1)
        #expect(translation.issues.isEmpty)
        let event = try #require(translation.events.first)
        #expect(event.type == "edigate.order.v1")
        #expect(event.subject == "PO4500012345")
        #expect(event.source == "edigate:buyerco")
        #expect(event.ediinterchange == "000000101" && event.edigroup == "101" && event.ediset == "0001")
        let order = try Self.order(translation)
        #expect(order.orderNumber == "PO4500012345")
        #expect(order.orderDate == "2024-03-10")
        #expect(order.purpose == Purpose(code: "00", meaning: "original"))
        #expect(order.orderType == "SA")
        #expect(order.currency == "USD")
        #expect(order.references == [Reference(qualifier: "DP", value: "042")])
        #expect(order.contacts.first?.role == "BD" && order.contacts.first?.name == "Jane Roe")
        #expect(order.contacts.first?.phone == "5555550100")
        #expect(order.requestedDeliveryDate == "2024-03-20")
        let billTo = try #require(order.parties.first { $0.role == "billTo" })
        #expect(billTo.identifiers == [Identifier(value: "BT01", qualifier: "92", scheme: "assignedByBuyer")])
        #expect(billTo.name == "Buyer Co HQ" && billTo.street == ["100 Main St"])
        #expect(
            billTo.city == "Springfield" && billTo.region == "IL" && billTo.postalCode == "62701"
                && billTo.country == "US")
        let shipTo = try #require(order.parties.first { $0.role == "shipTo" })
        #expect(shipTo.identifiers.first?.value == "0012" && shipTo.name == "Acme Store 12")
        #expect(order.lines.count == 2)
        let first = order.lines[0]
        #expect(first.quantity == ExactDecimal(10) && first.unit == UnitOfMeasure(x12: "EA"))
        #expect(first.unitPrice == ExactDecimal("12.5") && first.priceBasis == "PE")
        #expect(first.items.first?.gtin14 == "00012345678905" && first.items.first?.checkDigitValid == true)
        #expect(first.items.contains(ItemIdentifier(qualifier: "VN", value: "WID-100")))
        #expect(first.description == "Blue widget, large" && first.packSize == ExactDecimal(6))
        let second = order.lines[1]
        #expect(second.quantity == ExactDecimal(4) && second.unit?.rec20 == "CS" && second.unit?.original == "CA")
        #expect(second.unitPrice == ExactDecimal(30) && second.description == "Widget refill case")
        #expect(order.declaredLineCount == 2 && order.declaredQuantityTotal == ExactDecimal(14))
        #expect(order.declaredTotalAmount == ExactDecimal(245) && order.computedTotalAmount == ExactDecimal(245))
    }

    @Test func edifactOrderGivesThePrimersCanonicalResult() throws {
        let translation = try Self.translate("edifact/orders-d96a.edi")
        let order = try Self.order(translation)
        #expect(order.orderNumber == "PO4500012345" && order.purpose.meaning == "original")
        #expect(order.orderDate == "2024-03-10" && order.requestedDeliveryDate == "2024-03-20")
        #expect(order.currency == "EUR")
        #expect(order.notes == ["Leave at dock 3+ rear entrance"])
        #expect(order.references == [Reference(qualifier: "CT", value: "CON-2024-7")])
        #expect(order.parties.map(\.role) == ["buyer", "seller", "shipTo"])
        #expect(
            order.parties.map { $0.identifiers.first?.value } == ["5412345000037", "5412345000013", "5412345000044"])
        #expect(order.parties.allSatisfy { $0.identifiers.first?.scheme == "GLN" })
        #expect(order.lines.count == 2)
        #expect(order.lines[0].items.first?.gtin14 == "04001234000015")
        #expect(order.lines[0].items.contains(ItemIdentifier(qualifier: "SA", value: "WID-100")))
        #expect(order.lines[0].description == "Blue widget, large")
        #expect(order.lines[0].quantity == ExactDecimal(10) && order.lines[0].unit == nil)
        #expect(order.lines[0].unitPrice == ExactDecimal("12.5") && order.lines[0].priceBasis == "AAA")
        #expect(order.lines[1].quantity == ExactDecimal(4) && order.lines[1].unitPrice == ExactDecimal(30))
        #expect(order.declaredLineCount == 2)
    }

    @Test func rejectedSetsAndUnmappedTypesGiveNoEvent() throws {
        let rejected = try Self.translate("edifact/orders-bad-unt.edi")
        #expect(rejected.events.isEmpty)
        #expect(rejected.issues.map(\.code) == [.setRejected])
        // An 830 has no mapper: the 855 sample with its set and group retyped.
        let text = try String(contentsOf: Self.samples.appendingPathComponent("x12/855-po-ack.edi"), encoding: .utf8)
            .replacingOccurrences(of: "ST*855", with: "ST*830").replacingOccurrences(of: "GS*PR", with: "GS*PS")
        let unmapped = Translator.translate(EDIParser.parse(Array(text.utf8)), context: Self.context)
        #expect(unmapped.events.isEmpty)
        #expect(unmapped.issues.map(\.code) == [.unsupportedType])
    }

    @Test func eventIDsAreDeterministic() throws {
        let once = try Self.translate("x12/850-order.edi").events.map(\.id)
        let again = try Self.translate("x12/850-order.edi").events.map(\.id)
        #expect(once == again && once.count == 1 && once[0].count == 32)
        let edifact = try Self.translate("edifact/orders-d96a.edi").events.map(\.id)
        #expect(edifact != once)
        var other = Self.context
        other.partner = "someone-else"
        let bytes = [UInt8](try Data(contentsOf: Self.samples.appendingPathComponent("x12/850-order.edi")))
        let elsewhere = Translator.translate(EDIParser.parse(bytes), context: other).events.map(\.id)
        #expect(elsewhere != once, "the partner is part of the id")
    }
}

@Suite struct CanonicalValueTests {
    @Test(arguments: [
        ("12.5", "12.5"), ("245", "245"), (".5", "0.5"), ("-1250", "-1250"), ("12.50", "12.5"), ("0.05", "0.05"),
    ])
    func decimalsRoundTripAsStrings(_ text: String, _ expected: String) throws {
        #expect(try #require(ExactDecimal(text)).description == expected)
    }

    @Test func impliedDecimalsAndArithmetic() throws {
        // Primer TV19: N2 -1250 = -12.50; N2 5 = 0.05; SAC05 1500 = 15.00.
        #expect(ExactDecimal(impliedDecimals: "-1250", places: 2)?.description == "-12.5")
        #expect(ExactDecimal(impliedDecimals: "5", places: 2)?.description == "0.05")
        #expect(ExactDecimal(impliedDecimals: "1500", places: 2) == ExactDecimal(15))
        let first = try #require(ExactDecimal("10")?.multiplied(by: ExactDecimal("12.5")!))
        let second = try #require(ExactDecimal("4")?.multiplied(by: ExactDecimal("30")!))
        #expect(first.adding(second) == ExactDecimal(245))
        #expect(ExactDecimal.sum([first, second, ExactDecimal("-0.5")!]) == ExactDecimal("244.5"))
        // Checked: 18-digit partner values never trap.
        let huge = try #require(ExactDecimal("999999999999999999"))
        #expect(ExactDecimal.sum(Array(repeating: huge, count: 10)) == nil && huge.multiplied(by: huge) == nil)
        #expect(ExactDecimal.sum([ExactDecimal]()) == nil)
        #expect(ExactDecimal("1,5", decimalMarks: [",", "."]) == ExactDecimal("1.5"))
        #expect(ExactDecimal("1.2.3") == nil && ExactDecimal("12a") == nil && ExactDecimal("") == nil)
    }

    @Test func gtinNormalisationAndCheckDigits() {
        #expect(GTIN.normalise("012345678905") == "00012345678905")
        #expect(GTIN.normalise("4001234000015") == "04001234000015")
        #expect(GTIN.hasValidCheckDigit("00012345678905"))
        #expect(GTIN.hasValidCheckDigit("04001234000015"))
        #expect(!GTIN.hasValidCheckDigit("04001234000016"))
        #expect(GTIN.normalise("WID-100") == nil && GTIN.normalise("12345") == nil)
        #expect(ItemIdentifier(qualifier: "UP", value: "012345678906").checkDigitValid == false)
    }

    @Test func unitsMapX12ToRec20() {
        #expect(UnitOfMeasure(x12: "CA").rec20 == "CS")
        #expect(UnitOfMeasure(x12: "DZ").rec20 == "DZN")
        #expect(UnitOfMeasure(x12: "LB").rec20 == "LBR")
        #expect(UnitOfMeasure(x12: "EA").rec20 == "EA")
    }

    @Test func sha256KnownVectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
