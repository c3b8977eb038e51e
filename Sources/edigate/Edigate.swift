import ArgumentParser

/// The `edigate` command line: thin verbs over the same functions the gateway uses.
@main
struct Edigate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edigate",
        abstract: "An EDI and file-exchange gateway: X12, EDIFACT and partner XML.",
        subcommands: [
            ParseCommand.self, ValidateCommand.self, AckCommand.self, TranslateCommand.self, PartnersCommand.self,
            RunCommand.self, StatusCommand.self, ReplayCommand.self, EventsCommand.self, AcksCommand.self,
            SendCommand.self, SFTPCommand.self, SettlementCommand.self,
        ]
    )
}

/// Exit codes shared by the verbs that read EDI files.
enum ExitStatus {
    /// The file is clean (warnings allowed).
    static let clean: Int32 = 0
    /// The file has error findings.
    static let findings: Int32 = 1
    /// The file could not be read or is not EDI.
    static let unreadable: Int32 = 2
}
