import CanonicalModel
import EDIFormat

/// X12 940 (004010 and 005010) to a canonical `WarehouseShippingOrder`, primer §4.7.
enum X12WarehouseShippingOrderMapper {
    static func map(_ set: TransactionSet) -> WarehouseShippingOrder? {
        var order = WarehouseShippingOrder(orderNumber: "", purpose: WarehouseShippingOrder.purpose(forStatus: ""))
        var parties = SupplyX12Parties()
        var line: WarehouseOrderLine?
        var lineHasItem = false
        func closeLine() {
            if let current = line { order.lines.append(current) }
            line = nil
            lineHasItem = false
        }
        for segment in set.segments {
            let value = { (position: Int) in segment.string(position).trimmingSpaces }
            if line == nil && parties.read(segment) { continue }
            switch segment.tagString {
            case "W05":
                order.purpose = WarehouseShippingOrder.purpose(forStatus: value(1))
                order.orderNumber = value(2)
                order.purchaseOrderNumber = value(3).nonEmpty
            case "N9":
                let reference = Reference(qualifier: value(1), value: value(2).nonEmpty ?? value(3))
                if line != nil { line!.references.append(reference) } else { order.references.append(reference) }
            case "G62" where line == nil:
                guard let date = ISODate.fromX12(value(2)) else { break }
                order.dates.append(WarehouseDate(qualifier: value(1), date: date))
                switch value(1) {
                case "10": if order.requestedShipDate == nil { order.requestedShipDate = date }
                case "02": if order.requestedDeliveryDate == nil { order.requestedDeliveryDate = date }
                default: break
                }
            case "NTE" where line == nil:
                if let text = value(2).nonEmpty { order.notes.append(text) }
            case "W66":
                order.carrier = WarehouseCarrierReader.w66(segment)
            case "LX":
                closeLine()
                line = WarehouseOrderLine(lineNumber: value(1))
            case "W01":
                if line == nil || lineHasItem {
                    closeLine()
                    line = WarehouseOrderLine(lineNumber: String(order.lines.count + 1))
                }
                line!.quantityOrdered = ExactDecimal(value(1))
                if let unit = value(2).nonEmpty { line!.unit = UnitOfMeasure(x12: unit) }
                line!.items = WarehouseCarrierReader.items(
                    segment, caseCodes: [3], pairs: [(4, 5), (6, 7), (15, 16)])
                line!.lotNumber = value(13).nonEmpty
                lineHasItem = true
            case "G69" where line != nil:
                if let text = value(1).nonEmpty {
                    line!.description = [line!.description, text].compactMap { $0 }.joined(separator: " ")
                }
            case "W76":
                closeLine()
                order.declaredQuantityTotal = ExactDecimal(value(1))
                order.declaredWeight = ExactDecimal(value(2))
                if let unit = value(3).nonEmpty { order.weightUnit = UnitOfMeasure(x12: unit) }
            default:
                break
            }
        }
        closeLine()
        order.parties = parties.finish()
        order.computedQuantityTotal = ExactDecimal.sum(order.lines.compactMap(\.quantityOrdered))
        return order
    }
}

/// X12 945 (004010 and 005010) to a canonical `WarehouseShipmentAdvice`, primer §4.7.
enum X12WarehouseShipmentAdviceMapper {
    static func map(_ set: TransactionSet) -> WarehouseShipmentAdvice? {
        var advice = WarehouseShipmentAdvice(shipmentNumber: "")
        var parties = SupplyX12Parties()
        var line: WarehouseShipmentLine?
        var lineHasItem = false
        func closeLine() {
            if let current = line { advice.lines.append(current) }
            line = nil
            lineHasItem = false
        }
        for segment in set.segments {
            let value = { (position: Int) in segment.string(position).trimmingSpaces }
            if line == nil && parties.read(segment) { continue }
            switch segment.tagString {
            case "W06":
                advice.reportingCode = value(1).nonEmpty
                advice.depositorOrderNumber = value(2).nonEmpty
                advice.shipDate = ISODate.fromX12(value(3))
                advice.shipmentNumber = value(4).nonEmpty ?? value(2)
                advice.agentShipmentId = value(5).nonEmpty
                advice.purchaseOrderNumber = value(6).nonEmpty
            case "N9":
                let reference = Reference(qualifier: value(1), value: value(2).nonEmpty ?? value(3))
                if line != nil { line!.references.append(reference) } else { advice.references.append(reference) }
            case "G62" where line == nil:
                guard let date = ISODate.fromX12(value(2)) else { break }
                advice.dates.append(WarehouseDate(qualifier: value(1), date: date))
                if value(1) == "11" && advice.shipDate == nil { advice.shipDate = date }
            case "NTE" where line == nil:
                if let text = value(2).nonEmpty { advice.notes.append(text) }
            case "W27":
                var carrier = WarehouseCarrier()
                carrier.transportationMethod = value(1).nonEmpty
                carrier.transportationMethodMeaning = value(1).nonEmpty.map(WarehouseCarrier.transportationMeaning)
                carrier.scac = value(2).nonEmpty
                carrier.routing = value(3).nonEmpty
                carrier.paymentMethod = value(4).nonEmpty
                carrier.paymentMethodMeaning = value(4).nonEmpty.map(WarehouseCarrier.paymentMeaning)
                advice.carrier = carrier
            case "LX":
                closeLine()
                line = WarehouseShipmentLine(lineNumber: value(1))
            case "W12":
                if line == nil || lineHasItem {
                    closeLine()
                    line = WarehouseShipmentLine(lineNumber: String(advice.lines.count + 1))
                }
                line!.status = value(1).nonEmpty
                line!.statusMeaning = value(1).nonEmpty.map(WarehouseShipmentLine.statusMeaning)
                line!.quantityOrdered = ExactDecimal(value(2))
                line!.quantityShipped = ExactDecimal(value(3))
                line!.quantityDifference = ExactDecimal(value(4))
                if let unit = value(5).nonEmpty { line!.unit = UnitOfMeasure(x12: unit) }
                line!.items = WarehouseCarrierReader.items(
                    segment, caseCodes: [6, 16], pairs: [(7, 8), (17, 18), (21, 22)])
                line!.lotNumber = value(9).nonEmpty
                line!.weight = ExactDecimal(value(10))
                line!.weightQualifier = value(11).nonEmpty
                line!.weightUnitCode = value(12).nonEmpty
                lineHasItem = true
            case "G69" where line != nil:
                if let text = value(1).nonEmpty {
                    line!.description = [line!.description, text].compactMap { $0 }.joined(separator: " ")
                }
            case "W03":
                closeLine()
                advice.declaredUnitsShipped = ExactDecimal(value(1))
                advice.declaredWeight = ExactDecimal(value(2))
                if let unit = value(3).nonEmpty { advice.weightUnit = UnitOfMeasure(x12: unit) }
            default:
                break
            }
        }
        closeLine()
        advice.parties = parties.finish()
        advice.computedUnitsShipped = ExactDecimal.sum(advice.lines.compactMap(\.quantityShipped))
        return advice
    }
}

/// Segments the 940 and 945 share: W66 (carrier), and item identifiers in W01 / W12.
enum WarehouseCarrierReader {
    /// W66: 01 payment method, 02 transportation method, 03 pallet exchange, 04 unit load option, 05 routing,
    /// 06 FOB point code, 07 FOB point, 08 COD method of payment, 09 COD amount (N2), 10 SCAC.
    static func w66(_ segment: Segment) -> WarehouseCarrier {
        let value = { (position: Int) in segment.string(position).trimmingSpaces }
        var carrier = WarehouseCarrier()
        carrier.paymentMethod = value(1).nonEmpty
        carrier.paymentMethodMeaning = value(1).nonEmpty.map(WarehouseCarrier.paymentMeaning)
        carrier.transportationMethod = value(2).nonEmpty
        carrier.transportationMethodMeaning = value(2).nonEmpty.map(WarehouseCarrier.transportationMeaning)
        carrier.palletExchange = value(3).nonEmpty
        carrier.unitLoadOption = value(4).nonEmpty
        carrier.routing = value(5).nonEmpty
        carrier.fobPointCode = value(6).nonEmpty
        carrier.fobPoint = value(7).nonEmpty
        carrier.codMethod = value(8).nonEmpty
        carrier.codAmount = ExactDecimal(impliedDecimals: value(9), places: 2)
        carrier.scac = value(10).nonEmpty
        return carrier
    }

    /// The U.P.C. case codes (element 438, given the X12 235 qualifier `UA`) and the qualifier/ID pairs.
    static func items(_ segment: Segment, caseCodes: [Int], pairs: [(Int, Int)]) -> [ItemIdentifier] {
        let value = { (position: Int) in segment.string(position).trimmingSpaces }
        var items: [ItemIdentifier] = []
        for position in caseCodes {
            if let code = value(position).nonEmpty { items.append(ItemIdentifier(qualifier: "UA", value: code)) }
        }
        for (qualifier, id) in pairs {
            if let id = value(id).nonEmpty { items.append(ItemIdentifier(qualifier: value(qualifier), value: id)) }
        }
        return items
    }
}
