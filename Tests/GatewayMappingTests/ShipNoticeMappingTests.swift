import CanonicalModel
import EDIFormat
import Foundation
import Testing

@testable import GatewayMapping

/// Ship notices mapped to the canonical model: the primer's §4.3 examples, the hierarchy rules, and every
/// 856 / DESADV file of the shared corpus as a person reads it.
@Suite struct ShipNoticeMappingTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    static let context = MappingContext(partner: "sellerco", time: "2024-03-14T16:00:00Z", fileSHA256: "abc")

    static func translate(_ bytes: [UInt8]) -> Translation {
        Translator.translate(EDIParser.parse(bytes), context: context)
    }

    static func translate(sample relative: String) throws -> Translation {
        translate(
            [UInt8](try Data(contentsOf: root.appendingPathComponent("Samples").appendingPathComponent(relative))))
    }

    static func notices(_ translation: Translation) -> [ShipNotice] {
        translation.events.compactMap { event in
            guard case .shipNotice(let notice) = event.data else { return nil }
            return notice
        }
    }

    /// An 856 interchange around the given segments (ST and SE added, SE01 counted).
    static func x12(_ body: [String], version: String = "004010") -> [UInt8] {
        let (isa11, isa12) = version == "005010" ? ("^", "00501") : ("U", "00401")
        let header = [
            "ISA*00*          *00*          *ZZ*SELLERCO       *ZZ*BUYERCO        *240314*1535*\(isa11)*\(isa12)*000007001*0*P*>",
            "GS*SH*SELLERCO*BUYERCO*20240314*1535*7001*X*\(version)", "ST*856*0001",
        ]
        let trailer = ["SE*\(body.count + 2)*0001", "GE*1*7001", "IEA*1*000007001"]
        return Array((header + body + trailer).map { $0 + "~\n" }.joined().utf8)
    }

    /// A DESADV interchange around the given segments (UNH and UNT added, UNT counted).
    static func desadv(_ body: [String], version: String = "D:96A:UN:EAN005") -> [UInt8] {
        let header = [
            "UNA:+.? ", "UNB+UNOC:3+5412345000013:14+5412345000037:14+240314:1535+ICR7003", "UNH+1+DESADV:\(version)",
        ]
        let trailer = ["UNT+\(body.count + 2)+1", "UNZ+1+ICR7003"]
        return Array((header + body + trailer).map { $0 + "'\n" }.joined().utf8)
    }

    enum ShipNoticeTestError: Error { case noShipNotice }

    static func single(_ translation: Translation) throws -> ShipNotice {
        #expect(translation.events.count == 1 && translation.issues.isEmpty, "\(translation.issues)")
        guard let notice = notices(translation).first else { throw ShipNoticeTestError.noShipNotice }
        return notice
    }

    // MARK: The primer's examples (§4.3)

    @Test func x12ShipNoticeGivesThePrimersCanonicalResult() throws {
        let translation = try Self.translate(sample: "x12/856-ship-notice.edi")
        let event = try #require(translation.events.first)
        #expect(event.type == "edigate.ship-notice.v1" && event.subject == "SHIP5501")
        #expect(event.ediinterchange == "000005002" && event.edigroup == "5002" && event.ediset == "0001")
        let notice = try Self.single(translation)
        // shipmentId=SHIP5501 shipDateTime=2024-03-14T15:30 structure=0001 packages=2 (CTN25) grossWeight=24.5 LB
        #expect(notice.shipmentNumber == "SHIP5501")
        #expect(notice.purpose == Purpose(code: "00", meaning: "original"))
        #expect(notice.noticeDate == "2024-03-14" && notice.noticeDateTime == "2024-03-14T15:30")
        #expect(notice.structureCode == "0001")
        #expect(notice.packageCount == 2 && notice.packagingCode == "CTN25")
        #expect(
            notice.measurements == [
                ShipmentMeasurement(
                    kind: "grossWeight", qualifier: "G", value: ExactDecimal("24.5")!, unit: UnitOfMeasure(x12: "LB"))
            ])
        #expect(notice.measurements.first?.unit?.rec20 == "LBR")
        // carrier SCAC=UPSN method=U  billOfLading=BOL778899 proNumber=PRO4455 shipped=2024-03-14
        let carrier = try #require(notice.carrier)
        #expect(carrier.code == "UPSN" && carrier.scheme == "SCAC" && carrier.qualifier == "2")
        #expect(carrier.transportMethod == "U")
        #expect(notice.billOfLading == "BOL778899" && notice.proNumber == "PRO4455")
        #expect(
            notice.references == [
                Reference(qualifier: "BM", value: "BOL778899"), Reference(qualifier: "CN", value: "PRO4455"),
            ])
        #expect(notice.shipDate == "2024-03-14" && notice.shipDateTime == nil)
        #expect(notice.estimatedDeliveryDate == "2024-03-18")
        // shipTo 92/0012 "Acme Store 12"; shipFrom 92/WW01 "Widget Works"
        #expect(notice.parties.map(\.role) == ["shipTo", "shipFrom"])
        #expect(notice.parties[0].name == "Acme Store 12")
        #expect(
            notice.parties[0].identifiers == [Identifier(value: "0012", qualifier: "92", scheme: "assignedByBuyer")])
        #expect(notice.parties[1].name == "Widget Works" && notice.parties[1].identifiers.first?.value == "WW01")
        // order PO4500012345 (2024-03-10), two packs, one item each
        #expect(notice.orders.count == 1 && notice.packs.isEmpty && notice.items.isEmpty)
        let order = notice.orders[0]
        #expect(order.orderNumber == "PO4500012345" && order.orderDate == "2024-03-10" && order.hierarchyId == "2")
        #expect(order.items.isEmpty && order.packs.count == 2)
        let first = order.packs[0]
        #expect(first.hierarchyId == "3" && first.level == "pack")
        #expect(first.sscc == "006141410000000012" && first.ssccCheckDigitValid == true)
        #expect(first.marks == [Reference(qualifier: "GM", value: "00006141410000000012")])
        #expect(first.packs.isEmpty && first.items.count == 1)
        let line1 = first.items[0]
        #expect(line1.hierarchyId == "4" && line1.lineNumber == "1")
        #expect(line1.items.first?.qualifier == "UP" && line1.items.first?.value == "012345678905")
        #expect(line1.items.first?.gtin14 == "00012345678905" && line1.items.first?.checkDigitValid == true)
        #expect(line1.items.contains(ItemIdentifier(qualifier: "VN", value: "WID-100")))
        #expect(line1.shippedQuantity == ExactDecimal(10) && line1.unit == UnitOfMeasure(x12: "EA"))
        #expect(line1.description == "Blue widget, large")
        let second = order.packs[1]
        #expect(second.hierarchyId == "5" && second.sscc == "006141410000000029" && second.ssccCheckDigitValid == true)
        let line2 = try #require(second.items.first)
        #expect(line2.hierarchyId == "6" && line2.lineNumber == "2")
        #expect(line2.items == [ItemIdentifier(qualifier: "VN", value: "WID-200")])
        #expect(line2.shippedQuantity == ExactDecimal(2) && line2.unit?.original == "CA" && line2.unit?.rec20 == "CS")
        // checks: HL count 6 = CTT01; sum SN102 = 12 = CTT02; every HL02 points to an earlier HL01
        #expect(notice.declaredHierarchyCount == 6)
        let shipped = notice.allItems.compactMap(\.shippedQuantity)
        #expect(ExactDecimal.sum(shipped) == notice.declaredQuantityTotal)
        #expect(notice.declaredQuantityTotal == ExactDecimal(12))
        #expect(notice.hierarchyIssues.isEmpty)
        #expect(notice.allPacks.count == 2 && notice.allItems.count == 2)
    }

    @Test func edifactDespatchAdviceGivesThePrimersCanonicalResult() throws {
        let notice = try Self.single(try Self.translate(sample: "edifact/desadv-d96a.edi"))
        // shipment DES5501, despatched 2024-03-14, PO PO4500012345
        #expect(notice.shipmentNumber == "DES5501" && notice.purpose?.meaning == "original")
        #expect(notice.noticeDate == "2024-03-14" && notice.shipDate == "2024-03-14")
        #expect(notice.estimatedDeliveryDate == "2024-03-18")
        #expect(notice.structureCode == nil && notice.declaredLineCount == 2)
        #expect(notice.parties.map(\.role) == ["seller", "shipTo"])
        #expect(notice.parties.map { $0.identifiers.first?.value } == ["5412345000013", "5412345000044"])
        #expect(notice.parties.allSatisfy { $0.identifiers.first?.scheme == "GLN" })
        // CPS+1 is the consignment: no pack of its own, and no package count.
        #expect(notice.packageCount == nil && notice.packs.isEmpty && notice.items.isEmpty)
        #expect(notice.orders.count == 1)
        let order = notice.orders[0]
        #expect(order.orderNumber == "PO4500012345" && order.hierarchyId == nil)
        #expect(order.packs.count == 2 && order.items.isEmpty)
        // Pack 006141410000000012 holds GTIN 4001234000015 × 10; pack 006141410000000029 holds 4001234000022 × 2.
        let expected: [(String, String, String, String, Int)] = [
            ("2", "006141410000000012", "1", "4001234000015", 10), ("3", "006141410000000029", "2", "4001234000022", 2),
        ]
        for (pack, (id, sscc, line, gtin, quantity)) in zip(order.packs, expected) {
            #expect(pack.hierarchyId == id && pack.level == "pack")
            #expect(pack.sscc == sscc && pack.ssccCheckDigitValid == true)
            #expect(pack.marks == [Reference(qualifier: "BJ", value: sscc)])
            #expect(pack.packagingCode == "CT" && pack.packageCount == 1)
            #expect(pack.items.count == 1 && pack.packs.isEmpty)
            #expect(pack.items.first?.lineNumber == line)
            #expect(pack.items.first?.items == [ItemIdentifier(qualifier: "EN", value: gtin)])
            #expect(pack.items.first?.items.first?.gtin14 == "0" + gtin)
            #expect(pack.items.first?.shippedQuantity == ExactDecimal(quantity) && pack.items.first?.unit == nil)
        }
        #expect(notice.hierarchyIssues.isEmpty)
    }

    @Test func bothPrimerExamplesDescribeTheSameShipment() throws {
        let x12 = try Self.single(try Self.translate(sample: "x12/856-ship-notice.edi"))
        let edifact = try Self.single(try Self.translate(sample: "edifact/desadv-d96a.edi"))
        #expect(x12.orders.map(\.orderNumber) == edifact.orders.map(\.orderNumber))
        #expect(x12.allPacks.map(\.sscc) == edifact.allPacks.map(\.sscc))
        #expect(x12.allItems.map(\.shippedQuantity) == edifact.allItems.map(\.shippedQuantity))
    }

    // MARK: The hierarchy

    @Test func structure0004NestsItemsUnderTheirOrdersIn005010() throws {
        let notice = try Self.single(
            Self.translate(
                Self.x12(
                    [
                        "BSN*00*SHIP7004*20240314*1530*0004", "HL*1**S", "HL*2*1*O", "PRF*PO-A***20240301", "HL*3*2*I",
                        "LIN*1*VN*A-1", "SN1*1*5*EA**6*EA", "PO4*12", "HL*4*2*I", "LIN*2*VN*A-2", "SN1*2*1*DZ",
                        "HL*5*1*O", "PRF*PO-B*R1", "REF*IV*INV9", "N1*BY*Store 3*92*003", "HL*6*5*I", "LIN*1*SK*SKU-9",
                        "SN1*1*7*EA", "CTT*6*13",
                    ], version: "005010")))
        #expect(notice.structureCode == "0004" && notice.hierarchyIssues.isEmpty)
        #expect(notice.orders.map(\.orderNumber) == ["PO-A", "PO-B"])
        #expect(notice.orders.map(\.hierarchyId) == ["2", "5"])
        #expect(notice.orders.allSatisfy { $0.packs.isEmpty })
        #expect(notice.orders[0].items.map(\.lineNumber) == ["1", "2"])
        #expect(notice.orders[0].orderDate == "2024-03-01")
        let first = notice.orders[0].items[0]
        #expect(first.shippedQuantity == ExactDecimal(5) && first.orderedQuantity == ExactDecimal(6))
        #expect(first.orderedUnit == UnitOfMeasure(x12: "EA") && first.packSize == ExactDecimal(12))
        #expect(notice.orders[0].items[1].unit?.rec20 == "DZN")
        #expect(notice.orders[1].releaseNumber == "R1")
        #expect(notice.orders[1].references == [Reference(qualifier: "IV", value: "INV9")])
        #expect(notice.orders[1].parties.first?.role == "buyer" && notice.orders[1].parties.first?.name == "Store 3")
        #expect(notice.parties.isEmpty, "order-level N1 stays with its order")
        #expect(notice.orders[1].items.map { $0.items.first?.kind } == ["sku"])
        #expect(notice.allItems.count == 3 && notice.allPacks.isEmpty)
    }

    @Test func tareLevelsHoldTheirPacks() throws {
        let notice = try Self.single(
            Self.translate(
                Self.x12([
                    "BSN*00*SHIP7002*20240314*153045*0001", "HL*1**S", "TD1*PLT94*1****G*310*KG", "HL*2*1*O",
                    "PRF*PO-T", "HL*3*2*T", "MAN*GM*00106141410000000019", "PO4*1****G*300*KG", "HL*4*3*P",
                    "MAN*GM*006141410000000036", "HL*5*4*I", "LIN*1*UP*012345678905", "SN1*1*4*EA",
                    "HL*6*3*P", "MAN*GM*006141410000000043**CP*TRACK1", "HL*7*6*I", "LIN*2*UP*012345678905",
                    "SN1*2*4*EA", "HL*8*2*I", "LIN*3*VN*LOOSE", "SN1*3*1*EA", "CTT*8*9",
                ])))
        #expect(notice.hierarchyIssues.isEmpty)
        #expect(notice.noticeDateTime == "2024-03-14T15:30:45")
        #expect(notice.measurements.first?.kind == "grossWeight" && notice.measurements.first?.unit?.rec20 == "KGM")
        let order = try #require(notice.orders.first)
        #expect(order.packs.count == 1 && order.items.map(\.lineNumber) == ["3"])
        let tare = order.packs[0]
        #expect(tare.level == "tare" && tare.hierarchyId == "3")
        #expect(tare.sscc == "106141410000000019" && tare.ssccCheckDigitValid == true, "AI 00 dropped")
        #expect(tare.measurements.first?.kind == "grossWeight" && tare.measurements.first?.value == ExactDecimal(300))
        #expect(tare.items.isEmpty && tare.packs.map(\.hierarchyId) == ["4", "6"])
        #expect(tare.packs.map(\.sscc) == ["006141410000000036", "006141410000000043"])
        #expect(tare.packs.allSatisfy { $0.level == "pack" && $0.items.count == 1 })
        #expect(
            tare.packs[1].marks == [
                Reference(qualifier: "GM", value: "006141410000000043"), Reference(qualifier: "CP", value: "TRACK1"),
            ])
        #expect(notice.allPacks.count == 3 && notice.allItems.count == 3)
    }

    /// HL02 empty below S, naming no earlier HL, or naming a level that cannot hold the node: the node stays
    /// at the shipment level (with what hangs under it), and the problem is listed.
    @Test func brokenHierarchyKeepsUnmatchedNodesAtTheShipmentLevel() throws {
        let notice = try Self.single(
            Self.translate(
                Self.x12([
                    "BSN*00*SHIP7001*20240314*1530*0004", "HL*1**S", "HL*2**O", "PRF*PO7001", "HL*3**I",
                    "LIN*1*VN*A-1", "SN1*1*5*EA", "HL*4*2*I", "LIN*2*VN*B-2", "SN1*2*3*EA", "HL*5*9*I",
                    "LIN*3*VN*C-3", "SN1*3*1*EA", "HL*6*7*P", "MAN*GM*006141410000000050", "HL*7*6*I",
                    "LIN*4*VN*D-4", "SN1*4*2*EA", "HL*8*4*P", "MAN*GM*006141410000000036", "HL*9*4*Q",
                    "HL*9*1*O", "PRF*PO7002", "CTT*10*11",
                ])))
        #expect(
            notice.hierarchyIssues == [
                ShipmentHierarchyIssue(hierarchyId: "2", parentId: nil, level: "O", problem: "parentMissing"),
                ShipmentHierarchyIssue(hierarchyId: "3", parentId: nil, level: "I", problem: "parentMissing"),
                ShipmentHierarchyIssue(hierarchyId: "5", parentId: "9", level: "I", problem: "parentNotFound"),
                ShipmentHierarchyIssue(hierarchyId: "6", parentId: "7", level: "P", problem: "parentNotFound"),
                ShipmentHierarchyIssue(hierarchyId: "8", parentId: "4", level: "P", problem: "levelNotAllowed"),
                ShipmentHierarchyIssue(hierarchyId: "9", parentId: "4", level: "Q", problem: "unknownLevel"),
                ShipmentHierarchyIssue(hierarchyId: "9", parentId: "1", level: "O", problem: "duplicateId"),
            ])
        // The O with no parent is still an order, and its own child (HL 4) still finds it.
        #expect(notice.orders.map(\.orderNumber) == ["PO7001", "PO7002"])
        #expect(notice.orders[0].items.map(\.hierarchyId) == ["4"])
        #expect(notice.items.map(\.hierarchyId) == ["3", "5"])
        #expect(notice.packs.map(\.hierarchyId) == ["6", "8"])
        #expect(notice.packs[0].items.map(\.hierarchyId) == ["7"], "children of a kept node stay with it")
        #expect(notice.allItems.count == 4 && notice.allPacks.count == 2)
    }

    @Test func ordersNamedOnlyByItemsAreListed() throws {
        let notice = try Self.single(
            Self.translate(
                Self.x12([
                    "BSN*00*SHIP7005*20240314*1530", "HL*1**S", "HL*2*1*I", "LIN*00030*BP*000 260 056",
                    "SN1**1596*EA", "PRF*5500005194***20040917", "HL*3*1*I", "LIN*00010*BP*000 260 120",
                    "SN1**1152*EA", "PRF*5500005194", "CTT*3*2748",
                ])))
        #expect(notice.structureCode == nil && notice.hierarchyIssues.isEmpty)
        #expect(notice.items.map(\.lineNumber) == ["00030", "00010"])
        #expect(notice.items.allSatisfy { $0.orderNumber == "5500005194" })
        #expect(notice.orders.count == 1)
        #expect(notice.orders.first?.orderNumber == "5500005194" && notice.orders.first?.hierarchyId == nil)
        #expect(notice.orders.first?.items.isEmpty == true && notice.orders.first?.packs.isEmpty == true)
    }

    /// DESADV D01B with a decimal comma, a consignment-level PAC, a pallet holding a carton, and a group whose
    /// parent is unknown.
    @Test func despatchAdviceHierarchyAndDecimalComma() throws {
        let notice = try Self.single(
            Self.translate(
                Self.desadv(
                    [
                        "BGM+351+DES7003+9", "DTM+137:202403141530:203", "DTM+11:20240314160000:204",
                        "MEA+AAE+AAD+KGM:120,5", "RFF+ON:PO7003", "DTM+171:20240301:102", "RFF+BM:BOL7003",
                        "NAD+SU+5412345000013::9", "NAD+DP+5412345000044::9", "TDT+20++30++UPSN::182", "CPS+1",
                        "PAC+2++PX", "CPS+2+1", "PAC+1++PX", "MEA+PD+AAB+KGM:60,25", "PCI+33E",
                        "GIN+BJ+006141410000000043", "CPS+3+2", "PAC+4++CT", "QTY+52:10", "LIN+1++4001234000015:EN",
                        "PIA+1+WID-100:SA", "IMD+F++:::Blue widget", "QTY+12:2,5:KGM", "QTY+21:3",
                        "RFF+ON:PO7003:10", "LOC+159+3630::92", "QTY+12:99", "CPS+4+9", "PAC+1++CT",
                        "LIN+2++4001234000022:EN", "QTY+12:1", "CNT+2:2",
                    ], version: "D:01B:UN:EAN007")))
        #expect(notice.shipmentNumber == "DES7003")
        #expect(notice.noticeDateTime == "2024-03-14T15:30" && notice.shipDateTime == "2024-03-14T16:00:00")
        #expect(notice.billOfLading == "BOL7003" && notice.references == [Reference(qualifier: "BM", value: "BOL7003")])
        #expect(notice.carrier?.code == "UPSN" && notice.carrier?.scheme == "SCAC")
        #expect(notice.carrier?.transportMethod == "30")
        #expect(
            notice.measurements == [
                ShipmentMeasurement(
                    kind: "grossWeight", qualifier: "AAD", value: ExactDecimal("120.5")!,
                    unit: UnitOfMeasure(rec20: "KGM"))
            ])
        #expect(notice.packagingCode == "PX" && notice.packageCount == 2, "CPS+1 with children is the consignment")
        let order = try #require(notice.orders.first)
        #expect(notice.orders.count == 1 && order.orderNumber == "PO7003" && order.orderDate == "2024-03-01")
        let pallet = try #require(order.packs.first)
        #expect(order.packs.count == 1 && pallet.level == "tare" && pallet.hierarchyId == "2")
        #expect(pallet.sscc == "006141410000000043" && pallet.ssccCheckDigitValid == true)
        #expect(
            pallet.measurements.first?.value == ExactDecimal("60.25")
                && pallet.measurements.first?.kind == "grossWeight")
        let carton = try #require(pallet.packs.first)
        #expect(carton.level == "pack" && carton.packageCount == 4 && carton.packagingCode == "CT")
        let item = try #require(carton.items.first)
        #expect(item.shippedQuantity == ExactDecimal("2.5") && item.unit == UnitOfMeasure(rec20: "KGM"))
        #expect(item.orderedQuantity == ExactDecimal(3))
        #expect(item.orderNumber == "PO7003" && item.orderLineNumber == "10")
        #expect(item.description == "Blue widget")
        #expect(item.items.map(\.qualifier) == ["EN", "SA"])
        #expect(
            notice.hierarchyIssues == [
                ShipmentHierarchyIssue(hierarchyId: "4", parentId: "9", level: "CPS", problem: "parentNotFound")
            ])
        #expect(notice.packs.map(\.hierarchyId) == ["4"] && notice.packs[0].items.first?.lineNumber == "2")
        #expect(notice.allPacks.count == 3 && notice.allItems.count == 2 && notice.declaredLineCount == 2)
    }

    @Test func despatchAdviceWithoutParentsKeepsEachGroupAsAPack() throws {
        let notice = try Self.single(
            Self.translate(
                Self.desadv([
                    "BGM+351+DES7006", "DTM+137:20240314:102", "RFF+ON:PO-1", "RFF+ON:PO-2", "CPS+1++3",
                    "PAC+1+:35", "PCI+17", "GIN+ML+LOT 1", "CPS+2++1", "PAC+3", "PCI+17", "GIN+ML+S-9+S-11",
                    "LIN+++A-21:IN", "QTY+12:600:PCE", "RFF+ON:PO-2:00010",
                ])))
        #expect(notice.purpose == nil)
        #expect(notice.orders.map(\.orderNumber) == ["PO-1", "PO-2"], "two orders: the packs stay at the shipment")
        #expect(notice.orders.allSatisfy { $0.packs.isEmpty && $0.items.isEmpty })
        #expect(notice.packs.map(\.hierarchyId) == ["1", "2"] && notice.packs.allSatisfy { $0.sscc == nil })
        #expect(notice.packs[1].marks.map(\.value) == ["S-9", "S-11"] && notice.packs[1].packageCount == 3)
        #expect(notice.packs[1].items.first?.orderNumber == "PO-2" && notice.hierarchyIssues.isEmpty)
        #expect(notice.packageCount == nil, "a first group with a GIN is a pack, not the consignment")
    }

    @Test func ssccNormalisation() {
        #expect(ShipmentPack.normalisedSSCC("00006141410000000012") == "006141410000000012")
        #expect(ShipmentPack.normalisedSSCC("006141410000000012") == "006141410000000012")
        #expect(ShipmentPack.normalisedSSCC("01006141410000000012") == nil)
        #expect(ShipmentPack.normalisedSSCC("0000123456781234567892") == nil)
        #expect(ShipmentPack.normalisedSSCC("00614141000000001A") == nil)
        #expect(ShipmentPack.ssccHasValidCheckDigit("006141410000000012"))
        #expect(!ShipmentPack.ssccHasValidCheckDigit("006141410000000013"))
    }

    // MARK: The corpus

    /// What a person reads off one transaction set: shipment number, orders, packs, items.
    struct Reading: Sendable, Hashable, CustomStringConvertible {
        var shipment: String
        var orders: Int
        var packs: Int
        var items: Int

        init(_ shipment: String, _ orders: Int, _ packs: Int, _ items: Int) {
            (self.shipment, self.orders, self.packs, self.items) = (shipment, orders, packs, items)
        }

        init(_ notice: ShipNotice) {
            self.init(notice.shipmentNumber, notice.orders.count, notice.allPacks.count, notice.allItems.count)
        }

        var description: String { "\(shipment): \(orders) orders, \(packs) packs, \(items) items" }
    }

    /// Every 856 and DESADV of the corpus; an empty list: the file is rejected by validation, so no event.
    static let corpusReadings: [(String, [Reading])] = [
        ("x12/bots_856_1.x12", [Reading("15918861602", 1, 3, 58)]),
        ("x12/ediengine_856.Crossdock.OK.edi", [Reading("000009", 2, 5, 5)]),
        ("x12/nodex12_856.edi", []),  // REF02 and N403 hold the repetition separator `-`
        ("x12/oop_856_Example1.txt", [Reading("123456", 1, 0, 3)]),
        ("x12/oop_856_Example3.txt", []),  // multi-byte segment terminator
        ("x12/oop_856_Example4.txt", []),  // N402 too long
        ("x12/oop_856_edi1Source.txt", []),  // as nodex12_856
        (
            "edifact/bots_dutchic_desadv1.edi",
            [Reading("VERZENDVB8", 1, 0, 12)]
                + (1...7).reversed().map { Reading("VERZENDVB\($0)", 1, 0, 2) }
        ),
        // The second message repeats the first's UNH reference and is rejected.
        ("edifact/vscedi_DESADV.edifact", [Reading("20171229", 1, 8, 6)]),
    ]

    @Test(arguments: corpusReadings)
    func corpusFileReadsAsAPersonReadsIt(_ file: String, _ expected: [Reading]) throws {
        let url = Self.corpus.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: Self.corpus.path) else {
            print("ShipNoticeMappingTests: \(Self.corpus.path) is absent; corpus check of \(file) skipped")
            return
        }
        let translation = Self.translate([UInt8](try Data(contentsOf: url)))
        let notices = Self.notices(translation)
        #expect(notices.map { Reading($0) } == expected)
        #expect(translation.events.count == notices.count, "only ship notices")
        if expected.isEmpty {
            #expect(
                translation.issues.contains { $0.code == .setRejected || $0.code == .interchangeRejected },
                "\(translation.issues)")
        }
        for notice in notices {
            #expect(notice.hierarchyIssues.isEmpty)
            #expect(notice.allItems.allSatisfy { $0.shippedQuantity != nil })
        }
    }

    @Test func corpusDetails() throws {
        guard FileManager.default.fileExists(atPath: Self.corpus.path) else {
            print("ShipNoticeMappingTests: \(Self.corpus.path) is absent; corpus details skipped")
            return
        }
        func read(_ file: String) throws -> [ShipNotice] {
            Self.notices(Self.translate([UInt8](try Data(contentsOf: Self.corpus.appendingPathComponent(file)))))
        }
        // 20-digit MAN GM values lose their AI 00; orders, their packs and the carrier are where the file puts them.
        let crossdock = try #require(try read("x12/ediengine_856.Crossdock.OK.edi").first)
        #expect(crossdock.orders.map(\.orderNumber) == ["POREF00", "POREF01"])
        #expect(crossdock.orders.map { $0.packs.count } == [4, 1])
        #expect(crossdock.orders[0].packs.first?.sscc == "000715670002152360")
        #expect(crossdock.orders[1].parties.first?.originalRole == "BY")
        #expect(crossdock.carrier?.code == "OVNT" && crossdock.carrier?.name == "OVERNITE")
        #expect(crossdock.billOfLading == "000001" && crossdock.proNumber == "0000000008741")
        #expect(crossdock.shipDate == "2009-09-21" && crossdock.estimatedDeliveryDate == "2009-09-25")
        #expect(crossdock.packageCount == 5 && crossdock.declaredHierarchyCount == 13)
        // 22-digit MAN GM values are no SSCC: kept as marks only.
        let bots = try #require(try read("x12/bots_856_1.x12").first)
        #expect(bots.allPacks.allSatisfy { $0.sscc == nil && $0.marks.first?.value.count == 22 })
        #expect(bots.allItems.first?.items.map(\.qualifier) == ["UP", "BP"])
        // DESADV quantities with three decimals, the estimated delivery with its time.
        let dutch = try read("edifact/bots_dutchic_desadv1.edi")
        #expect(dutch.first?.allItems.last?.shippedQuantity == ExactDecimal("121212121212.121"))
        #expect(dutch.first?.estimatedDeliveryDateTime == "1998-11-01T12:00")
        // A DESADV that names its order only in the LIN groups.
        let vsc = try #require(try read("edifact/vscedi_DESADV.edifact").first)
        #expect(vsc.orders.map(\.orderNumber) == ["5500011089"] && vsc.orders[0].packs.isEmpty)
        #expect(vsc.allItems.allSatisfy { $0.orderNumber == "5500011089" && $0.orderLineNumber == "00010" })
        #expect(vsc.allPacks.map(\.packageCount) == [1, 3, 2, 1, 3, 1, 1, 1])
    }
}
