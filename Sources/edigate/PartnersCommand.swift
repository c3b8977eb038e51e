import ArgumentParser
import Foundation
import GatewayService

/// `edigate partners ...`: the partner configuration in `Partners/`.
struct PartnersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partners", abstract: "Check the partner configuration (Partners/).",
        subcommands: [PartnersCheckCommand.self])
}

/// `edigate partners check [DIR]`: every configuration problem at once (file and key path), then a dry run
/// of each partner's `samples/` through parse, route, map and acknowledge. Writes nothing.
/// Exit 0 when all is well, 1 when there is any problem, 2 when the directory cannot be read.
struct PartnersCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate Partners/ and dry-run each partner's samples (no spool, no store is touched).")

    @Argument(help: "The partners directory (default: Partners).") var directory: String?
    @Option(name: .customLong("partners"), help: "The partners directory (same as the argument).")
    var partnersOption: String?
    @Option(help: "The event time for the dry run (RFC 3339; default: now, UTC).") var time: String?
    @Option(help: "Accepted like on every command; the check writes nothing, so no spool is touched.")
    var spool: String?

    func run() throws {
        let root = directory ?? partnersOption ?? "Partners"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            printError("\(root): not a directory")
            throw ExitCode(ExitStatus.unreadable)
        }
        let loaded = PartnerRegistry.load(directory: root)
        for problem in loaded.problems {
            print(problem.description)
        }
        let now = time ?? TranslateCommand.utcNow()
        let clock = AckCommand.utcNow()
        let dryRun = PartnerDryRun(
            registry: PartnerRegistry(partners: loaded.partners), time: now, date: clock.date, clock: clock.time)
        var sampleProblems = 0
        for partner in loaded.partners {
            print("\(partner.id): \(partner.name): ok")
            for line in dryRun.run(partner) {
                print(line.text)
                if line.isProblem { sampleProblems += 1 }
            }
        }
        printError(
            "\(root): \(loaded.partners.count) partner(s), \(loaded.problems.count) configuration problem(s), \(sampleProblems) sample problem(s)"
        )
        if !loaded.problems.isEmpty || sampleProblems > 0 { throw ExitCode(ExitStatus.findings) }
    }
}
