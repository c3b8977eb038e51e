import CanonicalModel
import EDIFormat

/// X12 855 (004010 and 005010) to a canonical `OrderAck`, primer §4.2.
enum X12OrderAckMapper {
    static func map(_ set: TransactionSet) -> OrderAck? {
        var ack = OrderAck(orderNumber: "")
        var line: OrderAckLine?
        var acknowledged = false
        var party: Party?
        func closeLine() {
            if let current = line { ack.lines.append(current) }
            line = nil
        }
        func closeParty() {
            if let current = party { ack.parties.append(current) }
            party = nil
        }
        for segment in set.segments {
            let value = { (position: Int) in segment.string(position).trimmingSpaces }
            switch segment.tagString {
            case "BAK":
                ack.purpose = value(1).nonEmpty.map(Purpose.x12)
                ack.ackType = value(2).nonEmpty.map(AckType.x12)
                ack.orderNumber = value(3)
                ack.orderDate = calendarDate(ISODate.fromX12(value(4)))
                ack.sellerOrderNumber = value(8).nonEmpty
                ack.ackDate = calendarDate(ISODate.fromX12(value(9)))
            case "CUR" where line == nil && ack.currency == nil:
                ack.currency = isoCurrency(value(2))
            case "REF" where line == nil && party == nil:
                if let reference = value(2).nonEmpty ?? value(3).nonEmpty {
                    ack.references.append(Reference(qualifier: value(1), value: reference))
                }
            case "N1" where line == nil:
                closeParty()
                party = PartySegments.x12(n1: segment)
            case "N2", "N3", "N4":
                if party != nil { PartySegments.addX12Address(segment, to: &party!) }
            case "PO1":
                closeParty()
                closeLine()
                var new = OrderAckLine(lineNumber: value(1).nonEmpty)
                new.orderedQuantity = ExactDecimal(value(2))
                new.unit = value(3).nonEmpty.map(UnitOfMeasure.init(x12:))
                new.unitPrice = ExactDecimal(value(4))
                new.priceBasis = value(5).nonEmpty
                new.items = itemPairs(segment, from: 6, to: 24)
                line = new
                acknowledged = false
            case "PID" where line != nil:
                if let text = value(5).nonEmpty {
                    line!.description = [line!.description, text].compactMap { $0 }.joined(separator: " ")
                }
            case "ACK" where line != nil:
                let status = AckLineStatus.x12(value(1))
                let quantity = ExactDecimal(value(2))
                let unit = value(3).nonEmpty.map(UnitOfMeasure.init(x12:))
                let date = calendarDate(ISODate.fromX12(value(5)))
                let isShip = ["010", "011", "037", "038", "068"].contains(value(4))
                let isDelivery = ["002", "017", "063", "064", "067", "069"].contains(value(4))
                if acknowledged {
                    var split = OrderAckSplit(status: status)
                    split.quantity = quantity
                    split.unit = unit
                    if isShip { split.shipDate = date }
                    if isDelivery { split.deliveryDate = date }
                    line!.splits.append(split)
                } else {
                    line!.status = status
                    line!.confirmedQuantity = quantity
                    line!.confirmedUnit = unit
                    if isShip { line!.confirmedShipDate = date }
                    if isDelivery { line!.confirmedDeliveryDate = date }
                    acknowledged = true
                }
                for item in itemPairs(segment, from: 7, to: 25) where !line!.items.contains(item) {
                    line!.items.append(item)
                }
            case "CTT":
                closeLine()
                ack.declaredLineCount = Int(value(1)).flatMap { $0 >= 0 ? $0 : nil }
            case "AMT" where value(1) == "TT":
                ack.declaredTotalAmount = ExactDecimal(value(2))
            default:
                break
            }
        }
        closeParty()
        closeLine()
        return ack
    }

    /// Qualifier / ID pairs (X12 235 / 234) from element `first` to element `last` + 1.
    static func itemPairs(_ segment: Segment, from first: Int, to last: Int) -> [ItemIdentifier] {
        stride(from: first, through: last, by: 2).compactMap { position in
            let qualifier = segment.string(position).trimmingSpaces
            guard let id = segment.string(position + 1).trimmingSpaces.nonEmpty, !qualifier.isEmpty else { return nil }
            return ItemIdentifier(qualifier: qualifier, value: id)
        }
    }

    /// The ISO date when it is a real calendar date (the EDI date helpers only reshape the digits).
    static func calendarDate(_ iso: String?) -> String? {
        guard let iso else { return nil }
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]) else { return nil }
        let year = parts[0]
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][parts[1] - 1]
        return (1...days).contains(parts[2]) ? iso : nil
    }
}

/// EDIFACT ORDRSP (D96A, D01B, EANCOM) to a canonical `OrderAck`, primer §4.2.
enum EDIFACTOrderAckMapper {
    static func map(_ set: TransactionSet) -> OrderAck? {
        var ack = OrderAck(orderNumber: "")
        var line: OrderAckLine?
        var party: Party?
        var afterSummary = false
        var previousReference: String?
        func closeLine() {
            if let current = line { ack.lines.append(current) }
            line = nil
        }
        func closeParty() {
            if let current = party { ack.parties.append(current) }
            party = nil
        }
        for segment in set.segments {
            let component = { (position: Int, index: Int) in segment[position][component: index].string.trimmingSpaces }
            let tag = segment.tagString
            defer { previousReference = tag == "RFF" ? component(1, 1) : nil }
            switch tag {
            case "BGM":
                ack.sellerOrderNumber = component(2, 1).nonEmpty
                ack.ackType = component(3, 1).nonEmpty.map(AckType.edifact)
            case "DTM":
                let date = X12OrderAckMapper.calendarDate(ISODate.fromEDIFACT(component(1, 2), format: component(1, 3)))
                switch (component(1, 1), line != nil) {
                case ("137", false): ack.ackDate = date
                case ("4", false): ack.orderDate = date
                case ("171", false) where previousReference == "ON": ack.orderDate = date
                case ("2", true), ("69", true), ("17", true), ("63", true), ("64", true):
                    if line!.confirmedDeliveryDate == nil { line!.confirmedDeliveryDate = date }
                case ("10", true), ("11", true):
                    if line!.confirmedShipDate == nil { line!.confirmedShipDate = date }
                default: break
                }
            case "RFF" where line == nil && party == nil:
                let qualifier = component(1, 1)
                if qualifier == "ON" && ack.orderNumber.isEmpty {
                    ack.orderNumber = component(1, 2)
                } else if let value = component(1, 2).nonEmpty {
                    ack.references.append(Reference(qualifier: qualifier, value: value))
                }
            case "NAD" where line == nil:
                closeParty()
                party = PartySegments.edifact(nad: segment)
            case "CUX":
                if component(1, 1) == "2" || ack.currency == nil { ack.currency = isoCurrency(component(1, 2)) }
            case "LIN":
                closeParty()
                closeLine()
                var new = OrderAckLine(lineNumber: component(1, 1).nonEmpty)
                new.status = component(2, 1).nonEmpty.map(AckLineStatus.edifact)
                if let id = component(3, 1).nonEmpty {
                    new.items.append(ItemIdentifier(qualifier: component(3, 2), value: id))
                }
                line = new
            case "PIA" where line != nil:
                line!.items += ItemSegments.edifactPIA(segment)
            case "IMD" where line != nil:
                if let text = ItemSegments.edifactIMD(segment) { line!.description = text }
            case "QTY" where line != nil:
                let quantity = EDIFACTOrderMapper.number(component(1, 2))
                let unit = component(1, 3).nonEmpty.map(UnitOfMeasure.init(rec20:))
                switch component(1, 1) {
                case "21":
                    line!.orderedQuantity = quantity
                    line!.unit = unit
                case "113":
                    line!.confirmedQuantity = quantity
                    line!.confirmedUnit = unit
                default: break
                }
            case "PRI" where line != nil:
                let qualifier = component(1, 1)
                if qualifier == "AAA" || line!.unitPrice == nil {
                    line!.unitPrice = EDIFACTOrderMapper.number(component(1, 2))
                    line!.priceBasis = qualifier.nonEmpty
                }
            case "UNS":
                closeParty()
                closeLine()
                afterSummary = true
            case "CNT" where component(1, 1) == "2":
                ack.declaredLineCount = Int(component(1, 2)).flatMap { $0 >= 0 ? $0 : nil }
            case "MOA" where afterSummary:
                if ["79", "86", "128", "9"].contains(component(1, 1)) && ack.declaredTotalAmount == nil {
                    ack.declaredTotalAmount = EDIFACTOrderMapper.number(component(1, 2))
                }
            default:
                break
            }
        }
        closeParty()
        closeLine()
        return ack
    }
}
