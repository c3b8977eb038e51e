import CanonicalModel
import EDIFormat

/// X12 820 (004010 and 005010) to a canonical `Remittance`, primer §4.6.
enum X12RemittanceMapper {
    static func map(_ set: TransactionSet) -> Remittance? {
        var remittance = Remittance(paymentReference: "")
        var parties = SupplyX12Parties()
        var line: RemittanceLine?
        var adjustment: RemittanceAdjustment?
        var seenEntity = false
        // Inside an NM1 loop of the ENT loop, or an IT1 loop of the RMR loop: their REF, DTM ... are skipped.
        var inNestedLoop = false
        // After the ENT loops (TXP, DED, LX, N9, RYL): nothing more is read.
        var inTrailingLoops = false
        func closeAdjustment() {
            guard let current = adjustment else { return }
            if line != nil { line!.adjustments.append(current) } else { remittance.adjustments.append(current) }
            adjustment = nil
        }
        func closeLine() {
            closeAdjustment()
            if let current = line { remittance.lines.append(current) }
            line = nil
        }
        for segment in set.segments {
            let value = { (position: Int) in segment.string(position).trimmingSpaces }
            if inTrailingLoops { continue }
            if !seenEntity && parties.read(segment) { continue }
            switch segment.tagString {
            case "BPR":
                remittance.handlingCode = value(1).nonEmpty
                remittance.handling = value(1).nonEmpty.map(Self.handlingMeaning)
                remittance.paymentAmount = ExactDecimal(value(2))
                remittance.creditDebitCode = value(3).nonEmpty
                remittance.paymentMethod = value(4).nonEmpty
                remittance.paymentMethodMeaning = value(4).nonEmpty.map(Self.methodMeaning)
                remittance.paymentFormat = value(5).nonEmpty
                for (role, first) in [("originator", 6), ("receiver", 12)] {
                    var account = RemittanceBankAccount(role: role)
                    account.institutionQualifier = value(first).nonEmpty
                    account.institutionId = value(first + 1).nonEmpty
                    account.accountQualifier = value(first + 2).nonEmpty
                    account.accountNumber = value(first + 3).nonEmpty
                    if account.institutionId != nil || account.accountNumber != nil {
                        remittance.bankAccounts.append(account)
                    }
                }
                remittance.originatingCompanyId = value(10).nonEmpty
                remittance.paymentDate = ISODate.fromX12(value(16))
            case "TRN" where !seenEntity:
                remittance.traceType = value(1).nonEmpty
                remittance.traceNumber = value(2).nonEmpty
                remittance.paymentReference = value(2)
                if remittance.originatingCompanyId == nil { remittance.originatingCompanyId = value(3).nonEmpty }
            case "CUR" where !seenEntity:
                remittance.currency = isoCurrency(value(2))
            case "NTE":
                guard let text = value(2).nonEmpty, !inNestedLoop, adjustment == nil else { break }
                if line != nil { line!.notes.append(text) } else if !seenEntity { remittance.notes.append(text) }
            case "REF":
                guard !inNestedLoop else { break }
                let reference = Reference(qualifier: value(1), value: value(2))
                if adjustment != nil {
                    adjustment!.references.append(reference)
                } else if line != nil {
                    line!.references.append(reference)
                } else if !seenEntity {
                    remittance.references.append(reference)
                }
            case "DTM":
                guard !inNestedLoop, adjustment == nil, let date = ISODate.fromX12(value(2)) else { break }
                if line != nil {
                    if value(1) == "003" && line!.invoiceDate == nil {
                        line!.invoiceDate = date
                    } else {
                        line!.dates.append(RemittanceDate(qualifier: value(1), date: date))
                    }
                } else if !seenEntity {
                    remittance.dates.append(RemittanceDate(qualifier: value(1), date: date))
                }
            case "ENT":
                closeLine()
                seenEntity = true
                inNestedLoop = false
            case "NM1":
                closeLine()
                inNestedLoop = true
            case "ADX":
                closeAdjustment()
                inNestedLoop = false
                var new = RemittanceAdjustment(reasonCode: value(2), amount: ExactDecimal(value(1)))
                if let id = value(4).nonEmpty { new.references.append(Reference(qualifier: value(3), value: id)) }
                adjustment = new
            case "RMR":
                closeLine()
                inNestedLoop = false
                var new = RemittanceLine(referenceQualifier: value(1), referenceNumber: value(2))
                new.paymentActionCode = value(3).nonEmpty
                new.amountPaid = ExactDecimal(value(4))
                new.invoiceAmount = ExactDecimal(value(5))
                new.discountAmount = ExactDecimal(value(6))
                if let reason = value(7).nonEmpty {
                    new.adjustments.append(RemittanceAdjustment(reasonCode: reason, amount: ExactDecimal(value(8))))
                }
                line = new
            case "IT1":
                closeAdjustment()
                inNestedLoop = true
            case "TXP", "DED", "LX", "N9", "RYL":
                closeLine()
                inTrailingLoops = true
            default:
                break
            }
        }
        closeLine()
        remittance.parties = parties.finish()
        remittance.computedPaymentAmount = RemittanceTotals.computed(remittance)
        return remittance
    }

    /// The meaning of a BPR01 transaction handling code (305).
    static func handlingMeaning(_ code: String) -> String {
        [
            "C": "paymentAccompaniesRemittance", "D": "paymentOnly", "H": "notificationOnly", "I": "remittanceOnly",
            "P": "prenotification", "X": "handlingPartyOption",
        ][code] ?? "other"
    }

    /// The meaning of a BPR04 payment method code (591).
    static func methodMeaning(_ code: String) -> String {
        ["ACH": "ach", "CHK": "check", "FWT": "wire", "BOP": "financialInstitutionOption", "NON": "nonPayment"][code]
            ?? "other"
    }
}

/// EDIFACT REMADV (D96A, D01B, EANCOM) to a canonical `Remittance`, primer §4.6.
enum EDIFACTRemittanceMapper {
    static func map(_ set: TransactionSet) -> Remittance? {
        var remittance = Remittance(paymentReference: "")
        var line: RemittanceLine?
        var adjustment: RemittanceAdjustment?
        // Inside an INP or DLI group of a DOC group: their MOA, AJT ... are not the document's.
        var inNestedGroup = false
        var afterSummary = false
        func closeAdjustment() {
            if let current = adjustment { line?.adjustments.append(current) }
            adjustment = nil
        }
        func closeLine() {
            closeAdjustment()
            if let current = line { remittance.lines.append(current) }
            line = nil
            inNestedGroup = false
        }
        for segment in set.segments {
            let component = { (position: Int, index: Int) in segment[position][component: index].string.trimmingSpaces }
            switch segment.tagString {
            case "BGM":
                remittance.adviceNumber = component(2, 1).nonEmpty
                remittance.paymentReference = component(2, 1)
                remittance.purpose = Purpose.edifact(component(3, 1))
            case "DTM":
                guard !inNestedGroup, let date = ISODate.fromEDIFACT(component(1, 2), format: component(1, 3)) else {
                    break
                }
                let qualifier = component(1, 1)
                if line != nil {
                    if ["171", "3"].contains(qualifier) && line!.invoiceDate == nil {
                        line!.invoiceDate = date
                    } else {
                        line!.dates.append(RemittanceDate(qualifier: qualifier, date: date))
                    }
                } else if qualifier == "137" && remittance.adviceDate == nil {
                    remittance.adviceDate = date
                } else if qualifier == "138" && remittance.paymentDate == nil {
                    remittance.paymentDate = date
                } else {
                    remittance.dates.append(RemittanceDate(qualifier: qualifier, date: date))
                }
            case "RFF":
                guard !inNestedGroup else { break }
                let reference = Reference(qualifier: component(1, 1), value: component(1, 2))
                if adjustment != nil {
                    adjustment!.references.append(reference)
                } else if line != nil {
                    line!.references.append(reference)
                } else {
                    remittance.references.append(reference)
                    if ["PQ", "AEK"].contains(reference.qualifier) && remittance.traceNumber == nil {
                        remittance.traceNumber = reference.value.nonEmpty
                    }
                }
            case "FII" where line == nil:
                let qualifier = component(1, 1)
                var account = RemittanceBankAccount(role: Self.bankRole(qualifier))
                account.originalRole = qualifier.nonEmpty
                account.accountNumber = component(2, 1).nonEmpty
                account.accountHolder = component(2, 2).nonEmpty
                account.institutionId = component(3, 1).nonEmpty ?? component(3, 4).nonEmpty
                account.institutionQualifier = component(3, 3).nonEmpty
                remittance.bankAccounts.append(account)
            case "PAI" where line == nil:
                remittance.paymentMethod = component(1, 3).nonEmpty
                remittance.paymentMethodMeaning = component(1, 3).nonEmpty.map(Self.methodMeaning)
            case "FTX" where line == nil:
                let text = (1...5).map { component(4, $0) }.filter { !$0.isEmpty }.joined(separator: " ")
                if !text.isEmpty { remittance.notes.append(text) }
            case "NAD" where line == nil && !afterSummary:
                remittance.parties.append(PartySegments.edifact(nad: segment, role: SupplyPartyRole.role(forCode:)))
            case "CUX" where line == nil:
                if component(1, 1) == "2" || remittance.currency == nil {
                    remittance.currency = isoCurrency(component(1, 2))
                }
            case "DOC":
                closeLine()
                line = RemittanceLine(referenceQualifier: component(1, 1), referenceNumber: component(2, 1))
            case "MOA":
                let qualifier = component(1, 1)
                let amount = EDIFACTOrderMapper.number(component(1, 2))
                if afterSummary {
                    if qualifier == "12" && remittance.paymentAmount == nil { remittance.paymentAmount = amount }
                } else if inNestedGroup || line == nil {
                    break
                } else if adjustment != nil {
                    if adjustment!.amount == nil { adjustment!.amount = amount }
                } else {
                    switch qualifier {
                    case "12": line!.amountPaid = amount
                    case "9": line!.invoiceAmount = amount
                    case "77": if line!.invoiceAmount == nil { line!.invoiceAmount = amount }
                    case "52": line!.discountAmount = amount
                    default: break
                    }
                }
            case "AJT" where line != nil && !inNestedGroup:
                closeAdjustment()
                adjustment = RemittanceAdjustment(reasonCode: component(1, 1), amount: nil)
            case "INP", "DLI":
                closeAdjustment()
                inNestedGroup = line != nil
            case "UNS":
                closeLine()
                afterSummary = true
            default:
                break
            }
        }
        closeLine()
        remittance.computedPaymentAmount = RemittanceTotals.computed(remittance)
        return remittance
    }

    /// The canonical role of an FII 3035 party qualifier.
    static func bankRole(_ qualifier: String) -> String {
        switch qualifier {
        case "OR", "PB": return "originator"
        case "RB", "BF": return "receiver"
        default: return "other"
        }
    }

    /// The meaning of a PAI 4461 payment means code.
    static func methodMeaning(_ code: String) -> String {
        [
            "2": "ach", "3": "ach", "10": "cash", "20": "check", "30": "creditTransfer", "31": "debitTransfer",
            "42": "bankAccount", "49": "directDebit",
        ][code] ?? "other"
    }
}

/// The payment recomputed from the lines.
enum RemittanceTotals {
    /// The sum of the amounts paid, plus the payment-level adjustments; nil when no line has an amount paid.
    static func computed(_ remittance: Remittance) -> ExactDecimal? {
        let paid = remittance.lines.map(\.amountPaid)
        guard paid.contains(where: { $0 != nil }) else { return nil }
        return ExactDecimal.sum((paid + remittance.adjustments.map(\.amount)).compactMap { $0 })
    }
}
