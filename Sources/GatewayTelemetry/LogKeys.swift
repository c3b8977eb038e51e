/// The metadata keys the gateway uses in log records.
public enum LogKeys {
    /// The partner id.
    public static let partner = "edi.partner"
    /// The EDI standard (X12, EDIFACT, XML).
    public static let standard = "edi.standard"
    /// The SHA-256 of the file's bytes (hex).
    public static let fileSHA256 = "file.sha256"
    /// The interchange control number (ISA13 / UNB5).
    public static let interchangeControlNumber = "edi.interchange.control_number"
    /// The ledger id of the file.
    public static let fileID = "file.id"
    /// The file's name as received.
    public static let fileName = "file.name"
    /// The file's ledger state.
    public static let state = "file.state"
    /// Why a file was quarantined or rejected.
    public static let reason = "file.reason"
}
