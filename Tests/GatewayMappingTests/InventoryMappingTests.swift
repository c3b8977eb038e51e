import CanonicalModel
import EDIFormat
import Foundation
import Testing

@testable import GatewayMapping

/// Inputs for the inventory, remittance and warehouse mapping tests: the shipped samples, the shared corpus,
/// and small documents built in the tests (with their counts computed).
enum SupplyMappingFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let context = MappingContext(partner: "test", time: "2024-03-20T06:00:00Z", fileSHA256: nil)

    static func sample(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent("Samples").appendingPathComponent(relative)))
    }

    /// A file of `../shared/corpus`, or nil (with a notice) when the corpus is absent.
    static func corpus(_ relative: String) -> [UInt8]? {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/corpus").appendingPathComponent(
            relative)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            print("notice: ../shared/corpus/\(relative) is absent; skipped")
            return nil
        }
        return [UInt8](data)
    }

    static func translate(_ bytes: [UInt8]) -> Translation {
        Translator.translate(EDIParser.parse(bytes), context: context)
    }

    /// The transaction sets of a file, whatever validation says of them.
    static func sets(_ bytes: [UInt8]) -> [TransactionSet] {
        EDIParser.parse(bytes).interchanges.flatMap(\.transactionSets)
    }

    /// An X12 interchange holding one transaction set, with SE01 counted.
    static func x12(
        _ type: String, group: String, version: String = "004010", segments: [String]
    ) -> [UInt8] {
        let isa12 = version.hasPrefix("005") ? "00501" : "00401"
        let isa11 = version.hasPrefix("005") ? "^" : "U"
        let body = ["ST*\(type)*0001"] + segments + ["SE*\(segments.count + 2)*0001"]
        let lines =
            [
                "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240320*0600*\(isa11)*\(isa12)*000000777*0*P*>",
                "GS*\(group)*SENDER*RECEIVER*20240320*0600*777*X*\(version)",
            ] + body + ["GE*1*777", "IEA*1*000000777"]
        return Array(lines.map { $0 + "~\n" }.joined().utf8)
    }

    /// An EDIFACT interchange holding one message, with UNT counted. `una` sets the service characters.
    static func edifact(_ type: String, una: String = "UNA:+.? '", segments: [String]) -> [UInt8] {
        let body = ["UNH+1+\(type):D:96A:UN"] + segments + ["UNT+\(segments.count + 2)+1"]
        let lines =
            [una, "UNB+UNOC:3+5412345000037:14+5412345000013:14+240320:0600+ICR0777"] + body + ["UNZ+1+ICR0777"]
        return Array(lines.map { $0 == una ? $0 + "\n" : $0 + "'\n" }.joined().utf8)
    }
}

/// Inventory reports mapped to the canonical model: the primer's examples (§4.5), documents built here, and
/// every 846 of the shared corpus.
@Suite struct InventoryMappingTests {
    static func reports(_ translation: Translation) -> [InventoryReport] {
        translation.events.compactMap { event in
            if case .inventoryReport(let report) = event.data { return report }
            return nil
        }
    }

    static func report(_ translation: Translation) throws -> InventoryReport {
        try #require(Self.reports(translation).first)
    }

    @Test func x12InventoryGivesThePrimersCanonicalResult() throws {
        let translation = SupplyMappingFixtures.translate(try SupplyMappingFixtures.sample("x12/846-inventory.edi"))
        #expect(translation.events.count == 1 && translation.issues.isEmpty)
        let event = try #require(translation.events.first)
        #expect(event.type == "edigate.inventory.v1" && event.subject == "INVRPT-0312")
        #expect(event.ediinterchange == "000005004" && event.edigroup == "5004" && event.ediset == "0001")
        let report = try Self.report(translation)
        #expect(report.reportNumber == "INVRPT-0312" && report.reportDate == "2024-03-12")
        #expect(report.reportType == "SI" && report.purpose == Purpose(code: "00", meaning: "original"))
        #expect(report.items.count == 2)
        let first = report.items[0]
        #expect(first.items.contains(ItemIdentifier(qualifier: "VN", value: "WID-100")))
        let upc = try #require(first.items.first { $0.qualifier == "UP" })
        #expect(upc.value == "012345678905" && upc.gtin14 == "00012345678905" && upc.checkDigitValid == true)
        #expect(first.description == "Blue widget, large")
        #expect(first.quantities.map(\.type) == ["available", "onHand"])
        #expect(first.quantities.map(\.qualifier) == ["33", "17"])
        #expect(first.quantities.map(\.quantity) == [ExactDecimal(140), ExactDecimal(150)])
        #expect(first.quantities.allSatisfy { $0.unit == UnitOfMeasure(x12: "EA") })
        let second = report.items[1]
        #expect(second.items == [ItemIdentifier(qualifier: "VN", value: "WID-200")])
        #expect(second.quantities.count == 1 && second.quantities[0].type == "available")
        #expect(second.quantities[0].quantity == ExactDecimal(0))
        #expect(second.quantities[0].unit?.original == "CA" && second.quantities[0].unit?.rec20 == "CS")
        #expect(report.declaredLineCount == 2 && report.declaredQuantityTotal == ExactDecimal(290))
        #expect(report.computedQuantityTotal == ExactDecimal(290))
    }

    @Test func edifactInventoryGivesThePrimersCanonicalResult() throws {
        let translation = SupplyMappingFixtures.translate(try SupplyMappingFixtures.sample("edifact/invrpt-d96a.edi"))
        #expect(translation.events.count == 1 && translation.issues.isEmpty)
        let event = try #require(translation.events.first)
        #expect(event.subject == "INVRPT-0312" && event.ediinterchange == "ICR5004" && event.ediset == "1")
        let report = try Self.report(translation)
        #expect(report.reportType == "35" && report.purpose.meaning == "original" && report.reportDate == "2024-03-12")
        let reporter = try #require(report.parties.first)
        #expect(reporter.role == "reportingParty" && reporter.originalRole == "GY")
        #expect(reporter.identifiers == [Identifier(value: "5412345000013", qualifier: "9", scheme: "GLN")])
        #expect(report.items.map(\.lineNumber) == ["1", "2"])
        #expect(report.items.map { $0.items.first?.gtin14 } == ["04001234000015", "04001234000022"])
        #expect(report.items.map { $0.quantities.first?.type } == ["actualStock", "actualStock"])
        #expect(report.items.map { $0.quantities.first?.quantity } == [ExactDecimal(150), ExactDecimal(0)])
        #expect(report.items.allSatisfy { $0.quantities.count == 1 && $0.quantities[0].unit == nil })
        #expect(report.declaredLineCount == nil && report.computedQuantityTotal == ExactDecimal(150))
    }

    @Test func x12QuantityLoopsLocationsAndDatesIn005010() throws {
        let bytes = SupplyMappingFixtures.x12(
            "846", group: "IB", version: "005010",
            segments: [
                "BIA*00*MM*R-77*20240320", "DTM*007*20240320", "N1*WH*North DC*92*DC1", "N3*1 Dock Rd",
                "N4*Reno*NV*89501*US", "LIN*1*UK*10012345678902*SK*A-1", "REF*ZZ*BIN7", "SDQ*EA*92*S01*5*S02*7",
                "QTY*17*12*EA", "DTM*018*20240401", "QTY*QH*2", "UIT*CA", "CTT*1*14",
            ])
        let translation = SupplyMappingFixtures.translate(bytes)
        #expect(translation.issues.isEmpty, "\(translation.issues)")
        let report = try Self.report(translation)
        #expect(report.reportNumber == "R-77" && report.reportType == "MM")
        #expect(report.dates == [InventoryDate(qualifier: "007", date: "2024-03-20")])
        let warehouse = try #require(report.parties.first)
        #expect(warehouse.role == "warehouse" && warehouse.name == "North DC" && warehouse.city == "Reno")
        let item = try #require(report.items.first)
        #expect(item.items.first?.gtin14 == "10012345678902" && item.items.first?.checkDigitValid == true)
        #expect(item.references == [Reference(qualifier: "ZZ", value: "BIN7")])
        #expect(item.locationQuantities.map(\.location) == ["S01", "S02"])
        #expect(item.locationQuantities.map(\.quantity) == [ExactDecimal(5), ExactDecimal(7)])
        #expect(item.locationQuantities.allSatisfy { $0.locationQualifier == "92" && $0.unit?.original == "EA" })
        #expect(item.quantities.map(\.type) == ["onHand", "onHold"])
        #expect(item.quantities[0].dates == [InventoryDate(qualifier: "018", date: "2024-04-01")])
        #expect(item.quantities[1].unit?.rec20 == "CS", "the UIT gives the unit")
        #expect(report.declaredQuantityTotal == ExactDecimal(14) && report.computedQuantityTotal == ExactDecimal(14))
    }

    @Test func edifactDecimalCommaLocationsMovementsAndPackaging() throws {
        let bytes = SupplyMappingFixtures.edifact(
            "INVRPT", una: "UNA:+,? '",
            segments: [
                "BGM+78+MOVE-1+9", "DTM+137:20240320:102", "NAD+GY+5412345000013::9", "LOC+18+WH-NORTH",
                "LIN+1++4001234000015:EN", "PIA+1+WID-100:SA", "IMD+F++:::Blue widget", "LOC+14+AISLE-3",
                "QTY+145:12,5:KGM", "INV+2", "LOC+18+BIN-9", "DTM+179:20240319:102",
                "CPS+1", "PAC+2++CT", "QTY+52:6", "QTY+198:3",
            ])
        let translation = SupplyMappingFixtures.translate(bytes)
        #expect(translation.issues.isEmpty, "\(translation.issues)")
        let report = try Self.report(translation)
        #expect(
            report.reportType == "78" && report.locations == [InventoryLocation(qualifier: "18", value: "WH-NORTH")])
        let item = try #require(report.items.first)
        #expect(item.items.contains(ItemIdentifier(qualifier: "SA", value: "WID-100")))
        #expect(item.description == "Blue widget" && item.locations.map(\.value) == ["AISLE-3"])
        #expect(item.quantities.count == 1, "QTY inside CPS/PAC counts packages")
        let stock = try #require(item.quantities.first)
        #expect(stock.quantity == ExactDecimal("12.5") && stock.unit == UnitOfMeasure(rec20: "KGM"))
        #expect(stock.movementDirection == "inbound" && stock.location?.value == "BIN-9")
        #expect(stock.dates == [InventoryDate(qualifier: "179", date: "2024-03-19")])
    }

    // MARK: - The shared corpus

    /// ISA11 is a space where 00401 requires `U`: the interchange is rejected, so no event. Read directly, the
    /// set is report 10353 of 2004-08-11 with one item and four quantities.
    @Test func corpusOOP846Example1() throws {
        guard let bytes = SupplyMappingFixtures.corpus("x12/oop_846_Example1.txt") else { return }
        let translation = SupplyMappingFixtures.translate(bytes)
        #expect(translation.events.isEmpty && translation.issues.map(\.code) == [.interchangeRejected])
        let set = try #require(SupplyMappingFixtures.sets(bytes).first)
        let report = try #require(X12InventoryMapper.map(set))
        #expect(report.reportNumber == "10353" && report.reportDate == "2004-08-11" && report.reportType == "CM")
        #expect(report.currency == "USD" && report.dates == [InventoryDate(qualifier: "007", date: "2004-08-11")])
        #expect(report.parties.map(\.role) == ["shipTo", "seller"])
        #expect(report.parties.map(\.name) == ["EMS PLANT E88", "XYZ Corporation"])
        #expect(report.parties.map { $0.identifiers.first?.value } == ["SAN003", "XYZ001"])
        #expect(report.items.count == 1)
        let item = report.items[0]
        #expect(item.lineNumber == "1" && item.items.count == 4)
        #expect(item.items.first == ItemIdentifier(qualifier: "BP", value: "46L5055"))
        #expect(item.quantities.map(\.qualifier) == ["34", "QH", "QB", "87"])
        #expect(item.quantities.map(\.quantity) == [5250, 100, 50, 75].map { ExactDecimal($0) })
        #expect(item.quantities.allSatisfy { $0.unit?.original == "EA" }, "each QTY's unit is in the UIT after it")
        #expect(report.declaredLineCount == nil && report.computedQuantityTotal == ExactDecimal(5475))
    }

    /// Rejected (ISA11 again, and REF/QTY errors where terminators are missing): no event. Read directly: five
    /// items, on hand per item.
    @Test func corpusOOP846Example2() throws {
        guard let bytes = SupplyMappingFixtures.corpus("x12/oop_846_Example2.txt") else { return }
        let translation = SupplyMappingFixtures.translate(bytes)
        #expect(translation.events.isEmpty && translation.issues.map(\.code) == [.interchangeRejected])
        let set = try #require(SupplyMappingFixtures.sets(bytes).first)
        let report = try #require(X12InventoryMapper.map(set))
        #expect(report.reportNumber == "20030828234648" && report.reportDate == "2003-08-28")
        #expect(report.items.count == 5)
        #expect(
            report.items.map { $0.items.first?.value } == ["38490-B", "38499-B", "38496-B", "38502-B", "35933"])
        #expect(report.items[0].quantities.map(\.quantity) == [ExactDecimal("1998.61")])
        #expect(report.items[0].quantities[0].type == "onHand" && report.items[0].quantities[0].unit?.original == "FT")
        #expect(report.items[0].references == [Reference(qualifier: "ZZ", value: "ASIA")])
        // The third item's REF swallowed its QTY 17 (no terminator); its QTY 63 carries a DTM 371.
        #expect(report.items[2].quantities.map(\.qualifier) == ["63"])
        #expect(report.items[2].quantities[0].dates == [InventoryDate(qualifier: "371", date: "2003-08-22")])
        #expect(report.computedQuantityTotal == ExactDecimal("15677.04"))
    }
}
