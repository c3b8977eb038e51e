import CanonicalModel
import EDIFormat
import Foundation
import Testing

@testable import GatewayMapping

/// 3PL warehouse documents mapped to the canonical model: the primer's 940 and 945 (§4.7), documents built
/// here, and every 940 and 945 of the shared corpus.
@Suite struct WarehouseMappingTests {
    static func orders(_ translation: Translation) -> [WarehouseShippingOrder] {
        translation.events.compactMap { event in
            if case .warehouseShippingOrder(let order) = event.data { return order }
            return nil
        }
    }

    static func advices(_ translation: Translation) -> [WarehouseShipmentAdvice] {
        translation.events.compactMap { event in
            if case .warehouseShipmentAdvice(let advice) = event.data { return advice }
            return nil
        }
    }

    @Test func x12940GivesThePrimersCanonicalResult() throws {
        let translation = SupplyMappingFixtures.translate(
            try SupplyMappingFixtures.sample("x12/940-warehouse-order.edi"))
        #expect(translation.events.count == 1 && translation.issues.isEmpty)
        let event = try #require(translation.events.first)
        #expect(event.type == "edigate.warehouse-shipping-order.v1" && event.subject == "ORD-5501")
        #expect(event.ediinterchange == "000007001" && event.edigroup == "7001" && event.ediset == "0001")
        let order = try #require(Self.orders(translation).first)
        #expect(order.orderNumber == "ORD-5501" && order.purpose == Purpose(code: "N", meaning: "original"))
        #expect(order.purchaseOrderNumber == "PO4500012345")
        let shipTo = try #require(order.parties.first { $0.role == "shipTo" })
        #expect(shipTo.identifiers == [Identifier(value: "0012", qualifier: "92", scheme: "assignedByBuyer")])
        #expect(shipTo.name == "Acme Store 12" && shipTo.street == ["12 Market Ave"] && shipTo.postalCode == "62702")
        #expect(order.references == [Reference(qualifier: "DP", value: "042")])
        #expect(order.requestedShipDate == "2024-03-14")
        #expect(order.dates == [WarehouseDate(qualifier: "10", date: "2024-03-14")])
        let carrier = try #require(order.carrier)
        #expect(carrier.paymentMethod == "PP" && carrier.paymentMethodMeaning == "prepaid")
        #expect(carrier.transportationMethod == "U" && carrier.transportationMethodMeaning == "privateParcel")
        #expect(order.lines.map(\.lineNumber) == ["1", "2"])
        #expect(order.lines.map(\.quantityOrdered) == [ExactDecimal(10), ExactDecimal(2)])
        #expect(order.lines.map { $0.unit?.original } == ["EA", "CA"] && order.lines[1].unit?.rec20 == "CS")
        #expect(order.lines[0].items.contains(ItemIdentifier(qualifier: "VN", value: "WID-100")))
        #expect(order.lines[0].items.first { $0.qualifier == "UA" }?.gtin14 == "00012345678905")
        #expect(order.lines[0].description == "Blue widget, large")
        #expect(order.lines[1].items == [ItemIdentifier(qualifier: "VN", value: "WID-200")])
        #expect(order.declaredQuantityTotal == ExactDecimal(12) && order.computedQuantityTotal == ExactDecimal(12))
    }

    @Test func x12945GivesThePrimersCanonicalResult() throws {
        let translation = SupplyMappingFixtures.translate(
            try SupplyMappingFixtures.sample("x12/945-warehouse-advice.edi"))
        #expect(translation.events.count == 1 && translation.issues.isEmpty)
        let event = try #require(translation.events.first)
        #expect(event.type == "edigate.warehouse-shipment-advice.v1" && event.subject == "SHIP5501")
        let advice = try #require(Self.advices(translation).first)
        #expect(advice.shipmentNumber == "SHIP5501" && advice.reportingCode == "F")
        #expect(advice.depositorOrderNumber == "ORD-5501" && advice.purchaseOrderNumber == "PO4500012345")
        #expect(advice.shipDate == "2024-03-14" && advice.dates == [WarehouseDate(qualifier: "11", date: "2024-03-14")])
        #expect(advice.carrier?.scac == "UPSN" && advice.carrier?.transportationMethod == "U")
        #expect(advice.parties.first?.role == "shipTo" && advice.parties.first?.identifiers.first?.value == "0012")
        #expect(advice.lines.count == 2)
        let complete = advice.lines[0]
        #expect(complete.status == "CC" && complete.statusMeaning == "complete")
        #expect(complete.quantityOrdered == ExactDecimal(10) && complete.quantityShipped == ExactDecimal(10))
        #expect(complete.quantityDifference == nil && complete.unit?.original == "EA")
        #expect(complete.items.contains(ItemIdentifier(qualifier: "VN", value: "WID-100")))
        let partial = advice.lines[1]
        #expect(partial.status == "CP" && partial.statusMeaning == "partialNoBackorder")
        #expect(partial.quantityOrdered == ExactDecimal(2) && partial.quantityShipped == ExactDecimal(1))
        #expect(partial.quantityDifference == ExactDecimal(1) && partial.unit?.rec20 == "CS")
        #expect(partial.items == [ItemIdentifier(qualifier: "VN", value: "WID-200")])
        #expect(advice.declaredUnitsShipped == ExactDecimal(11) && advice.computedUnitsShipped == ExactDecimal(11))
        #expect(advice.declaredWeight == ExactDecimal("24.5") && advice.weightUnit == UnitOfMeasure(x12: "LB"))
    }

    @Test func w66ImpliedDecimalsAndLinesWithoutLXIn005010() throws {
        let bytes = SupplyMappingFixtures.x12(
            "940", group: "OW", version: "005010",
            segments: [
                "W05*C*ORD-9*PO-9", "N1*WH*North DC*92*DC1", "N1*CN*Corner Shop", "N4*Reno*NV*89501*US",
                "N9*SI*SHIP-REF", "G62*02*20240322", "NTE*GEN*call before delivery",
                "W66*CC*M***ROUTE-7*OR*DALLAS*C*12550*ABCD", "W01*3*EA**VN*A-1",
                "W01*4*CA**VN*A-2**********UK*10012345678902",
                "W76*7*12.5*LB",
            ])
        let translation = SupplyMappingFixtures.translate(bytes)
        #expect(translation.issues.isEmpty, "\(translation.issues)")
        let order = try #require(Self.orders(translation).first)
        #expect(order.purpose == Purpose(code: "C", meaning: "confirmation"), "C is a confirmation, not a cancel")
        #expect(order.parties.map(\.role) == ["warehouse", "shipTo"] && order.parties[1].originalRole == "CN")
        #expect(order.parties[1].city == "Reno" && order.references == [Reference(qualifier: "SI", value: "SHIP-REF")])
        #expect(order.requestedDeliveryDate == "2024-03-22" && order.requestedShipDate == nil)
        #expect(order.notes == ["call before delivery"])
        let carrier = try #require(order.carrier)
        #expect(carrier.codAmount == ExactDecimal("125.50"), "W66-09 is N2")
        #expect(carrier.scac == "ABCD" && carrier.routing == "ROUTE-7" && carrier.codMethod == "C")
        #expect(carrier.fobPointCode == "OR" && carrier.fobPoint == "DALLAS")
        #expect(carrier.paymentMethodMeaning == "collect" && carrier.transportationMethodMeaning == "motor")
        #expect(order.lines.map(\.lineNumber) == ["1", "2"], "each W01 without an LX is a line")
        #expect(order.lines[1].items.last?.gtin14 == "10012345678902")
        #expect(order.declaredWeight == ExactDecimal("12.5") && order.weightUnit?.rec20 == "LBR")
        #expect(order.computedQuantityTotal == ExactDecimal(7))
    }

    // MARK: - The shared corpus

    /// Rejected (GE02 and IEA02 do not match their headers): no event. Read directly: order 01235639 for
    /// McLane (consignee) from the Simplot depositor, two lines, 1161 cases.
    @Test func corpusOOP940Simplot() throws {
        guard let bytes = SupplyMappingFixtures.corpus("x12/oop_940_simplot.txt") else { return }
        let translation = SupplyMappingFixtures.translate(bytes)
        #expect(translation.events.isEmpty && translation.issues.map(\.code) == [.interchangeRejected])
        let set = try #require(SupplyMappingFixtures.sets(bytes).first)
        let order = try #require(X12WarehouseShippingOrderMapper.map(set))
        #expect(order.orderNumber == "01235639" && order.purchaseOrderNumber == "3353558")
        #expect(order.parties.map(\.role) == ["warehouse", "depositor", "shipTo"])
        #expect(order.parties.map { $0.identifiers.first?.value } == ["708090", "0377912820000", "10126290"])
        #expect(order.parties[2].name == "McLane Foodservice Inc" && order.parties[2].city == "Guilderland Center")
        #expect(order.requestedShipDate == "2011-01-13" && order.requestedDeliveryDate == "2011-01-14")
        #expect(order.references == [Reference(qualifier: "SI", value: "03908202")] && order.notes.count == 2)
        #expect(order.carrier?.paymentMethod == "CC" && order.carrier?.transportationMethod == "H")
        #expect(order.carrier?.routing == "CUST")
        #expect(order.lines.map(\.quantityOrdered) == [ExactDecimal(972), ExactDecimal(189)])
        #expect(order.lines.allSatisfy { $0.unit?.original == "CA" && $0.references.count == 2 })
        #expect(order.lines[0].description == "KFC Fries Seas Wedge 14Cut 6/6#")
        #expect(order.lines[0].items.map(\.value) == ["007117900989", "10071179009894"])
        #expect(order.lines[0].references.first == Reference(qualifier: "LI", value: "1000"))
        #expect(order.declaredQuantityTotal == ExactDecimal(1161) && order.computedQuantityTotal == ExactDecimal(1161))
        #expect(order.declaredWeight == ExactDecimal(44118))
    }

    /// Accepted with a warning (IEA02 equal to ISA13 only as integers): six identical 940s in two interchanges,
    /// each order 538686 for 12 cases.
    @Test func corpusEdiEngineMultipleInterchanges() throws {
        guard let bytes = SupplyMappingFixtures.corpus("x12/ediengine_MultipleInterchangesAndGroups.edi") else {
            return
        }
        let translation = SupplyMappingFixtures.translate(bytes)
        let orders = Self.orders(translation)
        #expect(orders.count == 6 && translation.events.count == 6 && translation.issues.isEmpty)
        #expect(Set(translation.events.map(\.id)).count == 6, "the ids differ by interchange, group and position")
        for order in orders {
            #expect(order.orderNumber == "538686" && order.purpose.meaning == "original")
            #expect(order.purchaseOrderNumber == nil && order.lines.count == 1)
            let line = order.lines[0]
            #expect(line.quantityOrdered == ExactDecimal(12) && line.unit?.original == "CA")
            #expect(line.items.map(\.qualifier) == ["UA", "VN", "UC"])
            #expect(line.items.map(\.value) == ["000100011110", "000100", "DEC0199"])
            #expect(line.lotNumber == "19991205")
        }
    }

    /// Rejected (the GS has nine elements and bad GS03-07; ST02 is ten characters): no event. Read directly:
    /// shipment 2144 of 2002-09-16, three lines, 920 units.
    @Test func corpusOOP945InterAmericanProducts() throws {
        guard let bytes = SupplyMappingFixtures.corpus("x12/oop_945_inter-americanproducts.txt") else { return }
        let translation = SupplyMappingFixtures.translate(bytes)
        #expect(translation.events.isEmpty && translation.issues.map(\.code) == [.setRejected])
        let set = try #require(SupplyMappingFixtures.sets(bytes).first)
        let advice = try #require(X12WarehouseShipmentAdviceMapper.map(set))
        #expect(advice.shipmentNumber == "2144" && advice.reportingCode == "N" && advice.depositorOrderNumber == nil)
        #expect(advice.shipDate == "2002-09-16")
        #expect(advice.parties.map(\.role) == ["billTo", "shipTo"])
        #expect(advice.parties.allSatisfy { $0.identifiers.first?.value == "0733940588254" })
        #expect(advice.carrier?.transportationMethod == "M" && advice.carrier?.scac == "NA")
        #expect(advice.lines.map(\.lineNumber) == ["1", "2", "3"])
        #expect(advice.lines.map(\.quantityShipped) == [120, 400, 400].map { ExactDecimal($0) })
        #expect(advice.lines.allSatisfy { $0.status == "CL" && $0.statusMeaning == "other" })
        #expect(advice.lines[0].references == [Reference(qualifier: "2I", value: "K018293-00010")])
        #expect(advice.lines[0].items == [ItemIdentifier(qualifier: "IN", value: "339408")])
        #expect(advice.lines[0].lotNumber == "19284" && advice.lines[0].weight == ExactDecimal(6600))
        #expect(advice.lines[0].weightQualifier == "A3" && advice.lines[0].weightUnitCode == "L")
        #expect(advice.declaredUnitsShipped == ExactDecimal(920) && advice.computedUnitsShipped == ExactDecimal(920))
        #expect(advice.declaredWeight == ExactDecimal(46600))
    }
}
