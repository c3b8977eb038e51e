import CanonicalModel
import EDIFormat

/// EDIFACT ORDERS (D96A, D01B, EANCOM) to a canonical `Order`, primer §4.1.
enum EDIFACTOrderMapper {
    static func map(_ set: TransactionSet) -> Order {
        var order = Order(orderNumber: "", purpose: Purpose.edifact(""))
        var line: OrderLine?
        var party: Party?
        var afterSummary = false
        func closeLine() {
            if let current = line { order.lines.append(current) }
            line = nil
        }
        func closeParty() {
            if let current = party { order.parties.append(current) }
            party = nil
        }
        for segment in set.segments {
            let component = { (position: Int, index: Int) in segment[position][component: index].string.trimmingSpaces }
            switch segment.tagString {
            case "BGM":
                order.orderType = component(1, 1).nonEmpty
                order.orderNumber = component(2, 1)
                order.purpose = Purpose.edifact(component(3, 1))
            case "DTM":
                let date = ISODate.fromEDIFACT(component(1, 2), format: component(1, 3))
                switch component(1, 1) {
                case "137": if line == nil { order.orderDate = date }
                case "2":
                    if line != nil { line!.requestedDeliveryDate = date } else { order.requestedDeliveryDate = date }
                case "10": if line == nil { order.requestedShipDate = date }
                default: break
                }
            case "FTX":
                let text = (1...5).map { component(4, $0) }.filter { !$0.isEmpty }.joined(separator: " ")
                if !text.isEmpty { order.notes.append(text) }
            case "RFF" where line == nil && party == nil:
                order.references.append(Reference(qualifier: component(1, 1), value: component(1, 2)))
            case "NAD":
                closeParty()
                party = PartySegments.edifact(nad: segment)
            case "CTA":
                var contact = Contact(role: component(1, 1))
                contact.name = component(2, 2).nonEmpty ?? component(2, 1).nonEmpty
                order.contacts.append(contact)
            case "COM" where !order.contacts.isEmpty:
                switch component(1, 2) {
                case "TE": order.contacts[order.contacts.count - 1].phone = component(1, 1).nonEmpty
                case "EM": order.contacts[order.contacts.count - 1].email = component(1, 1).nonEmpty
                default: break
                }
            case "CUX":
                if component(1, 1) == "2" || order.currency == nil { order.currency = isoCurrency(component(1, 2)) }
            case "LIN":
                closeParty()
                closeLine()
                var new = OrderLine(lineNumber: component(1, 1))
                if let id = component(3, 1).nonEmpty {
                    new.items.append(ItemIdentifier(qualifier: component(3, 2), value: id))
                }
                line = new
            case "PIA" where line != nil:
                line!.items += ItemSegments.edifactPIA(segment)
            case "IMD" where line != nil:
                if let text = ItemSegments.edifactIMD(segment) { line!.description = text }
            case "QTY" where line != nil:
                let quantity = number(component(1, 2))
                switch component(1, 1) {
                case "21":
                    line!.quantity = quantity
                    if let unit = component(1, 3).nonEmpty { line!.unit = UnitOfMeasure(rec20: unit) }
                case "59": line!.packSize = quantity
                default: break
                }
            case "PRI" where line != nil:
                let qualifier = component(1, 1)
                if qualifier == "AAA" || (qualifier == "AAB" && line!.unitPrice == nil) {
                    line!.unitPrice = number(component(1, 2))
                    line!.priceBasis = qualifier
                }
            case "UNS":
                closeParty()
                closeLine()
                afterSummary = true
            case "CNT" where component(1, 1) == "2":
                order.declaredLineCount = Int(component(1, 2))
            case "MOA" where afterSummary:
                if ["79", "86", "128", "9"].contains(component(1, 1)) {
                    order.declaredTotalAmount = number(component(1, 2))
                }
            default:
                break
            }
        }
        closeParty()
        closeLine()
        order.computedTotalAmount = OrderTotals.computed(order.lines)
        return order
    }

    /// EDIFACT numbers: the point or the decimal comma (primer §5.2, lenient on input).
    static func number(_ text: String) -> ExactDecimal? {
        ExactDecimal(text, decimalMarks: [".", ","])
    }
}
