import CanonicalModel

/// The settlement CSV for finance: one row per remittance line (an invoice paid), RFC 4180.
///
/// Columns: `invoice_number` (the line's reference number), `po_number` (the line's first `PO` or `ON`
/// reference), `invoice_amount`, `amount_paid`, `discount` (exact decimals as text, empty when absent),
/// `adjustment_reason` (the line's adjustment reason codes, joined with `;`), `payment_reference`,
/// `payment_date` (`YYYY-MM-DD`). Lines end with CRLF; a field holding a comma, a quote, CR or LF is quoted,
/// with quotes doubled.
public enum SettlementCSV {
    public static let header = [
        "invoice_number", "po_number", "invoice_amount", "amount_paid", "discount", "adjustment_reason",
        "payment_reference", "payment_date",
    ]

    public static func render(_ remittances: [Remittance]) -> String {
        var rows = [header]
        for remittance in remittances {
            for line in remittance.lines {
                let order = line.references.first { ["PO", "ON"].contains($0.qualifier) }?.value
                rows.append([
                    line.referenceNumber, order ?? "", line.invoiceAmount?.description ?? "",
                    line.amountPaid?.description ?? "", line.discountAmount?.description ?? "",
                    line.adjustments.map(\.reasonCode).joined(separator: ";"), remittance.paymentReference,
                    remittance.paymentDate ?? "",
                ])
            }
        }
        return rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
            return value
        }
        return "\"" + value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
