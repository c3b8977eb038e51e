import ArgumentParser
import GatewayTelemetry
import Logging

/// `--partners` and `--spool`, shared by the commands that work on a gateway's folders.
struct GatewayOptions: ParsableArguments {
    @Option(help: "The partners directory.") var partners = "Partners"
    @Option(help: "The spool directory.") var spool = "Spool"
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel: Logger.Level = .info
    @Flag(help: "Log one JSON object per line instead of text.") var logJSON = false
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
