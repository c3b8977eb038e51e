import EDIFormat
import Foundation
import Testing

@testable import GatewayService

/// `Partners/`: loading, validation that reports every problem at once, clashes, routing, the dry run.
@Suite struct PartnerRegistryTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let partners = repository.appendingPathComponent("Partners").path

    @Test func theShippedPartnersLoadCleanly() throws {
        let loaded = PartnerRegistry.load(directory: Self.partners)
        #expect(loaded.problems.map(\.description) == [])
        #expect(loaded.partners.map(\.id) == ["acme-retail", "globex-procurement", "nordic-distribution"])
        let acme = try #require(loaded.partners.first { $0.id == "acme-retail" })
        #expect(acme.identities.x12 == .init(qualifier: "ZZ", id: "ACMERETAIL", applicationCodes: ["ACMERETAIL"]))
        #expect(acme.acknowledgements.x12 == .fa997)
        #expect(acme.acknowledgements.ta1OnRequest)
        // Inherited from _defaults, and overridden key by key.
        #expect(acme.stableFile.quietMilliseconds == 2000)
        #expect(acme.stableFile.doneFileSuffix == ".done")
        guard case .sftp(let sftp) = acme.channels.outbound else {
            Issue.record("acme's outbound channel is SFTP")
            return
        }
        #expect(sftp.key == .file("/etc/edigate/keys/acme-retail_ed25519"))
        #expect(sftp.passphrase == .environment("ACME_RETAIL_KEY_PASSPHRASE"))
        let nordic = try #require(loaded.partners.first { $0.id == "nordic-distribution" })
        #expect(nordic.acknowledgements.slaHours == 48)
        #expect(nordic.envelope.delimiters.segment == "'")
        #expect(nordic.envelope.delimiters.repetition == "^", "inherited from the defaults")
    }

    static func temporaryPartners(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("partners-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root.path
    }

    @Test func aBrokenDirectoryReportsEveryProblemAtOnce() throws {
        let root = try Self.temporaryPartners([
            "_defaults/partner.yaml": """
            acknowledgements:
              x12: "998"
            """,
            "alpha/partner.yaml": """
            id: alpha
            name: Alpha
            identities:
              x12: {qualifier: ZZ, id: ALPHAALPHAALPHA12}
              edifact: {id: "4000000000001", qualifier: "14"}
            channels:
              inbound:
                sftp: {host: sftp.alpha.example, port: 70000, user: u, password: hunter2, hostKey: "SHA256:x", directory: /in}
            stableFile:
              quietMillis: 10
            """,
            "beta/partner.yaml": """
            id: beta
            name: Beta
            identities:
              edifact: {id: "4000000000001", qualifier: "14"}
            """,
            "gamma/partner.yaml": """
            id: gamma
            name: Gamma
            identities:
              edifact: {id: "4000000000001", qualifier: "14"}
            acknowledgements:
              slaHours: many
            """,
            "delta/partner.yaml": "id: [unclosed\n",
            "epsilon/partner.yaml": """
            id: wrong
            identities: {}
            """,
        ])
        let problems = PartnerRegistry.load(directory: root).problems.map(\.description)
        let expected = [
            "\(root)/_defaults/partner.yaml: acknowledgements.x12: expected one of ta1, 997, 999, none, got \"998\"",
            "\(root)/alpha/partner.yaml: channels.inbound.sftp.password: inline secrets are refused; give a reference: env:VARIABLE or file:/path/to/secret",
            "\(root)/alpha/partner.yaml: identities.x12.id: expected 1-15 characters, got 17",
            "\(root)/alpha/partner.yaml: channels.inbound.sftp.port: expected 1...65535, got 70000",
            "\(root)/alpha/partner.yaml: stableFile.quietMillis: unknown key (expected one of: quietMilliseconds, minimumAgeMilliseconds, doneFileSuffix, ignore)",
            "\(root)/gamma/partner.yaml: acknowledgements.slaHours: expected an integer, got \"many\"",
            "\(root)/epsilon/partner.yaml: id: expected \"epsilon\" (the directory's name), got \"wrong\"",
            "\(root)/epsilon/partner.yaml: name: required",
            "\(root)/epsilon/partner.yaml: identities: at least one of x12, edifact, cxml, ubl is required",
            "\(root)/gamma/partner.yaml: identities.edifact: identity 4000000000001:14 is also partner beta's; each sender must route to one partner",
        ]
        for line in expected {
            #expect(problems.contains(line), "missing: \(line)\nall:\n\(problems.joined(separator: "\n"))")
        }
        #expect(problems.contains { $0.hasPrefix("\(root)/delta/partner.yaml: not valid YAML") })
        #expect(!problems.joined().contains("hunter2"), "an inline secret is never echoed")
        // The defaults' bad value is reported once, against the defaults, not once per partner.
        #expect(problems.filter { $0.contains("\"998\"") }.count == 1)
    }

    @Test func clashesAreFoundBetweenValidPartners() throws {
        let root = try Self.temporaryPartners([
            "one/partner.yaml": "id: one\nname: One\nidentities:\n  x12: {qualifier: ZZ, id: SAMEID}\n",
            "two/partner.yaml": "id: two\nname: Two\nidentities:\n  x12: {qualifier: ZZ, id: SAMEID}\n",
            "three/partner.yaml": "id: three\nname: Three\nidentities:\n  cxml: {domain: NetworkID, identity: X}\n",
            "four/partner.yaml": "id: four\nname: Four\nidentities:\n  cxml: {domain: NetworkID, identity: X}\n",
        ])
        let problems = PartnerRegistry.load(directory: root).problems.map(\.description)
        #expect(problems.count == 2, "\(problems)")
        #expect(problems.contains { $0.contains("identities.x12: identity ZZ/SAMEID is also partner") })
        #expect(problems.contains { $0.contains("identities.cxml: identity NetworkID/X is also partner") })
    }

    @Test func routesByTheEnvelopeSender() throws {
        let registry = PartnerRegistry(partners: PartnerRegistry.load(directory: Self.partners).partners)
        var x12 = EnvelopeHeader()
        x12.senderQualifier = "ZZ"
        x12.senderID = "ACMERETAIL     "
        #expect(registry.partner(for: x12, standard: .x12)?.id == "acme-retail")
        x12.senderQualifier = "01"
        #expect(registry.partner(for: x12, standard: .x12) == nil, "the qualifier is part of the identity")
        var edifact = EnvelopeHeader()
        edifact.senderID = "7310000000040"
        edifact.senderQualifier = "14"
        #expect(registry.partner(for: edifact, standard: .edifact)?.id == "nordic-distribution")
        #expect(registry.partner(for: edifact, standard: .x12) == nil)
        #expect(
            registry.partner(forXML: .cxml(domain: "networkid", identity: "GLOBEX-PROC"))?.id == "globex-procurement")
        #expect(registry.partner(forXML: .ubl(scheme: "0088", endpoint: "7300010000001"))?.id == "globex-procurement")
        #expect(registry.partner(forXML: .ubl(scheme: "0192", endpoint: "7300010000001")) == nil)
    }

    @Test func theDryRunRoutesMapsAndAcknowledgesEverySample() throws {
        let loaded = PartnerRegistry.load(directory: Self.partners)
        let dryRun = PartnerDryRun(
            registry: PartnerRegistry(partners: loaded.partners), time: "2024-04-10T12:00:00Z", date: "20240410",
            clock: "1200")
        let lines = loaded.partners.flatMap(dryRun.run)
        #expect(lines.filter(\.isProblem).map(\.text) == [])
        let text = lines.map(\.text)
        #expect(text.contains("acme-retail: samples/850-order.edi: route: sender ZZ/ACMERETAIL -> acme-retail"))
        #expect(text.contains("acme-retail: samples/850-order.edi: event: edigate.order.v1 ACM-778120"))
        #expect(
            text.contains("acme-retail: samples/850-order.edi: ack: 997 for group PO 511: A (1 of 1 set(s) accepted)"))
        #expect(
            text.contains(
                "acme-retail: samples/997-for-our-856.edi: ack: none (acknowledgements are never acknowledged)"))
        #expect(
            text.contains(
                "nordic-distribution: samples/orders-d96a.edi: ack: CONTRL UCI 7 (accepted), 1 of 1 message(s) accepted"
            ))
        #expect(
            text.contains(
                "globex-procurement: samples/ubl-order.xml: route: sender UBL 0088:7300010000001 -> globex-procurement")
        )
    }
}
