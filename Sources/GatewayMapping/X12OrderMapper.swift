import CanonicalModel
import EDIFormat

/// X12 850 (004010 and 005010) to a canonical `Order`, primer §4.1.
enum X12OrderMapper {
    static func map(_ set: TransactionSet) -> Order {
        var order = Order(orderNumber: "", purpose: Purpose.x12(""))
        var line: OrderLine?
        var party: Party?
        func closeLine() {
            if let current = line { order.lines.append(current) }
            line = nil
        }
        func closeParty() {
            if let current = party { order.parties.append(current) }
            party = nil
        }
        for segment in set.segments {
            let value = { (position: Int) in segment.string(position).trimmingSpaces }
            switch segment.tagString {
            case "BEG":
                order.purpose = Purpose.x12(value(1))
                order.orderType = value(2).nonEmpty
                order.orderNumber = value(3)
                order.orderDate = ISODate.fromX12(value(5))
            case "CUR" where value(1) == "BY" || order.currency == nil:
                order.currency = isoCurrency(value(2))
            case "REF" where line == nil:
                order.references.append(Reference(qualifier: value(1), value: value(2)))
            case "PER" where line == nil:
                var contact = Contact(role: value(1))
                contact.name = value(2).nonEmpty
                for pair in [(3, 4), (5, 6), (7, 8)] {
                    switch value(pair.0) {
                    case "TE": contact.phone = value(pair.1).nonEmpty
                    case "EM": contact.email = value(pair.1).nonEmpty
                    default: break
                    }
                }
                order.contacts.append(contact)
            case "DTM":
                let date = ISODate.fromX12(value(2))
                switch value(1) {
                case "002":
                    if line != nil { line!.requestedDeliveryDate = date } else { order.requestedDeliveryDate = date }
                case "010": if line == nil { order.requestedShipDate = date }
                default: break
                }
            case "MSG", "NTE":
                if let text = value(segment.tagString == "NTE" ? 2 : 1).nonEmpty { order.notes.append(text) }
            case "N1" where line == nil:
                closeParty()
                party = PartySegments.x12(n1: segment)
            case "N2" where party != nil, "N3" where party != nil, "N4" where party != nil:
                PartySegments.addX12Address(segment, to: &party!)
            case "PO1":
                closeParty()
                closeLine()
                var new = OrderLine(lineNumber: value(1))
                new.quantity = ExactDecimal(value(2))
                if let unit = value(3).nonEmpty { new.unit = UnitOfMeasure(x12: unit) }
                new.unitPrice = ExactDecimal(value(4))
                new.priceBasis = value(5).nonEmpty
                for position in stride(from: 6, to: 25, by: 2) {
                    if let id = value(position + 1).nonEmpty {
                        new.items.append(ItemIdentifier(qualifier: value(position), value: id))
                    }
                }
                line = new
            case "PID" where line != nil:
                if let text = value(5).nonEmpty {
                    line!.description = [line!.description, text].compactMap { $0 }.joined(separator: " ")
                }
            case "PO4" where line != nil:
                line!.packSize = ExactDecimal(value(1))
            case "CTT":
                closeLine()
                order.declaredLineCount = Int(value(1))
                order.declaredQuantityTotal = ExactDecimal(value(2))
            case "AMT" where value(1) == "TT":
                order.declaredTotalAmount = ExactDecimal(value(2))
            default:
                break
            }
        }
        closeParty()
        closeLine()
        order.computedTotalAmount = OrderTotals.computed(order.lines)
        return order
    }
}

/// Totals recomputed from the lines, to compare with what the document declares.
enum OrderTotals {
    static func computed(_ lines: [OrderLine]) -> ExactDecimal? {
        let products = lines.compactMap { line -> ExactDecimal? in
            guard let quantity = line.quantity, let price = line.unitPrice else { return nil }
            return quantity.multiplied(by: price)
        }
        guard products.count == lines.count else { return nil }
        return ExactDecimal.sum(products)
    }
}

extension String {
    var trimmingSpaces: String {
        guard utf8.first == 0x20 || utf8.last == 0x20 else { return self }
        var view = Substring(self)
        while view.first == " " { view = view.dropFirst() }
        while view.last == " " { view = view.dropLast() }
        return String(view)
    }

    var nonEmpty: String? { isEmpty ? nil : self }
}
