import EDIXML
import Foundation
import GatewayMapping

/// `partner.yaml` (merged over the defaults) to a `PartnerConfiguration`, every problem into the reader.
enum PartnerParser {
    static let topKeys = [
        "id", "name", "identities", "channels", "documents", "acknowledgements", "stableFile", "envelope", "mapping",
    ]

    static func parse(
        _ node: ConfigurationNode, own: ConfigurationNode, directoryName: String, directory: String,
        reader: inout ConfigurationReader
    ) -> PartnerConfiguration? {
        reader.refuseInlineSecrets(own, "")
        guard let root = reader.mapping(node, "", allowed: topKeys, required: true) else { return nil }
        let id = reader.string(root, "id", "", required: true, length: 1...64)
        if let id {
            if id != directoryName {
                reader.report(
                    root.value("id"), "id", "expected \"\(directoryName)\" (the directory's name), got \"\(id)\"")
            } else if !id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }) {
                reader.report(root.value("id"), "id", "expected lower-case letters, digits, - and _")
            }
        }
        let name = reader.string(root, "name", "", required: true, length: 1...200)
        let identities = parseIdentities(root.value("identities"), reader: &reader)
        let channels = parseChannels(root.value("channels"), reader: &reader)
        let documents = parseDocuments(root.value("documents"), reader: &reader)
        let acknowledgements = parseAcknowledgements(root.value("acknowledgements"), reader: &reader)
        let stableFile = parseStableFile(root.value("stableFile"), reader: &reader)
        let envelope = parseEnvelope(root.value("envelope"), reader: &reader)
        let mapping = parseMapping(root.value("mapping"), directory: directory, reader: &reader)
        guard let id, let name, let identities, let channels, let documents, let acknowledgements, let stableFile,
            let envelope, let mapping
        else { return nil }
        return PartnerConfiguration(
            id: id, name: name, directory: directory, identities: identities, channels: channels, documents: documents,
            acknowledgements: acknowledgements, stableFile: stableFile, envelope: envelope, mapping: mapping)
    }

    static func parseIdentities(
        _ node: ConfigurationNode?, reader: inout ConfigurationReader
    ) -> PartnerConfiguration.Identities? {
        let path = "identities"
        guard let node = reader.mapping(node, path, allowed: ["x12", "edifact", "cxml", "ubl"], required: true) else {
            return nil
        }
        var result = PartnerConfiguration.Identities()
        var failed = false
        if let x12 = reader.mapping(node.value("x12"), "\(path).x12", allowed: ["qualifier", "id", "applicationCodes"])
        {
            let qualifier = reader.string(x12, "qualifier", "\(path).x12", required: true, length: 2...2)
            let id = reader.string(x12, "id", "\(path).x12", required: true, length: 1...15)
            let codes = reader.strings(x12, "applicationCodes", "\(path).x12", length: 2...15)
            if let qualifier, let id {
                result.x12 = .init(qualifier: qualifier, id: id, applicationCodes: codes ?? [id])
            } else {
                failed = true
            }
        }
        if let edifact = reader.mapping(node.value("edifact"), "\(path).edifact", allowed: ["id", "qualifier"]) {
            let id = reader.string(edifact, "id", "\(path).edifact", required: true, length: 1...35)
            let qualifier = reader.string(edifact, "qualifier", "\(path).edifact", length: 1...4)
            if let id { result.edifact = .init(id: id, qualifier: qualifier ?? "") } else { failed = true }
        }
        if let cxml = reader.mapping(node.value("cxml"), "\(path).cxml", allowed: ["domain", "identity"]) {
            let domain = reader.string(cxml, "domain", "\(path).cxml", required: true, length: 1...64)
            let identity = reader.string(cxml, "identity", "\(path).cxml", required: true, length: 1...256)
            if let domain, let identity {
                result.cxml = .init(domain: domain, identity: identity)
            } else {
                failed = true
            }
        }
        if let ubl = reader.mapping(node.value("ubl"), "\(path).ubl", allowed: ["endpoint", "scheme"]) {
            let endpoint = reader.string(ubl, "endpoint", "\(path).ubl", required: true, length: 1...256)
            let scheme = reader.string(ubl, "scheme", "\(path).ubl", length: 1...16)
            if let endpoint { result.ubl = .init(endpoint: endpoint, scheme: scheme) } else { failed = true }
        }
        if !failed && result.x12 == nil && result.edifact == nil && result.cxml == nil && result.ubl == nil {
            reader.report(node, path, "at least one of x12, edifact, cxml, ubl is required")
            return nil
        }
        return failed ? nil : result
    }

    static func parseChannels(
        _ node: ConfigurationNode?, reader: inout ConfigurationReader
    ) -> PartnerConfiguration.Channels? {
        guard let node = reader.mapping(node, "channels", allowed: ["inbound", "outbound"]) else {
            return .init()
        }
        var failed = false
        func channel(_ key: String, reader: inout ConfigurationReader) -> PartnerConfiguration.Channel? {
            let path = "channels.\(key)"
            guard let channel = reader.mapping(node.value(key), path, allowed: ["spool", "sftp"]) else { return nil }
            let spool = channel.value("spool")
            let sftp = channel.value("sftp")
            if (spool == nil) == (sftp == nil) {
                reader.report(channel, path, "expected exactly one of spool, sftp")
                failed = true
                return nil
            }
            if let spool = reader.mapping(spool, "\(path).spool", allowed: ["path"]) {
                guard let directory = reader.string(spool, "path", "\(path).spool", required: true, length: 1...1024)
                else {
                    failed = true
                    return nil
                }
                return .spool(path: directory)
            }
            let sftpPath = "\(path).sftp"
            let keys = [
                "host", "port", "user", "key", "passphrase", "password", "hostKey", "directory", "archiveDirectory",
                "pattern", "pollSeconds", "temporaryName", "trustOnFirstUse", "timeoutSeconds",
            ]
            guard let sftp = reader.mapping(sftp, sftpPath, allowed: keys) else {
                failed = true
                return nil
            }
            let host = reader.string(sftp, "host", sftpPath, required: true, length: 1...253)
            let port = reader.int(sftp, "port", sftpPath, range: 1...65535) ?? 22
            let user = reader.string(sftp, "user", sftpPath, required: true, length: 1...64)
            let key = reader.secret(sftp, "key", sftpPath)
            let passphrase = reader.secret(sftp, "passphrase", sftpPath)
            let password = reader.secret(sftp, "password", sftpPath)
            let hostKey = reader.string(sftp, "hostKey", sftpPath, required: true, length: 1...4096)
            let directory = reader.string(sftp, "directory", sftpPath, required: true, length: 1...1024)
            let archive = reader.string(sftp, "archiveDirectory", sftpPath, length: 1...1024)
            let pattern = reader.string(sftp, "pattern", sftpPath, length: 1...256)
            let poll = reader.int(sftp, "pollSeconds", sftpPath, range: 1...86_400)
            let temporaryName = reader.string(sftp, "temporaryName", sftpPath, length: 1...256)
            if let temporaryName, !temporaryName.contains("{name}") {
                reader.report(sftp, "\(sftpPath).temporaryName", "must contain {name}, e.g. \".{name}.part\"")
                failed = true
            }
            let trust = reader.bool(sftp, "trustOnFirstUse", sftpPath)
            let timeout = reader.int(sftp, "timeoutSeconds", sftpPath, range: 1...3600)
            if sftp.value("key") == nil && sftp.value("password") == nil {
                reader.report(sftp, sftpPath, "expected key or password (as env:NAME or file:/path)")
                failed = true
            }
            guard let host, let user, let hostKey, let directory else {
                failed = true
                return nil
            }
            return .sftp(
                .init(
                    host: host, port: port, user: user, key: key, passphrase: passphrase, password: password,
                    hostKey: hostKey, directory: directory, archiveDirectory: archive, pattern: pattern ?? "*",
                    pollSeconds: poll ?? 60, temporaryName: temporaryName ?? ".{name}.part",
                    trustOnFirstUse: trust ?? false, timeoutSeconds: timeout ?? 60))
        }
        let inbound = channel("inbound", reader: &reader)
        let outbound = channel("outbound", reader: &reader)
        return failed ? nil : .init(inbound: inbound, outbound: outbound)
    }

    static func parseDocuments(
        _ node: ConfigurationNode?, reader: inout ConfigurationReader
    ) -> PartnerConfiguration.Documents? {
        guard let node = reader.mapping(node, "documents", allowed: ["accepted", "sent"]) else {
            return .init(accepted: [], sent: [])
        }
        let accepted = reader.strings(node, "accepted", "documents", length: 1...64)
        let sent = reader.strings(node, "sent", "documents", length: 1...64)
        return .init(accepted: accepted ?? [], sent: sent ?? [])
    }

    static func parseAcknowledgements(
        _ node: ConfigurationNode?, reader: inout ConfigurationReader
    ) -> PartnerConfiguration.AcknowledgementPolicy? {
        let path = "acknowledgements"
        let node = reader.mapping(node, path, allowed: ["x12", "ta1OnRequest", "edifact", "slaHours"])
        let x12 = reader.string(
            node, "x12", path, oneOf: PartnerConfiguration.AcknowledgementPolicy.X12.allCases.map(\.rawValue))
        let edifact = reader.string(
            node, "edifact", path, oneOf: PartnerConfiguration.AcknowledgementPolicy.EDIFACT.allCases.map(\.rawValue))
        let ta1 = reader.bool(node, "ta1OnRequest", path)
        let sla = reader.int(node, "slaHours", path, range: 1...720)
        return .init(
            x12: x12.flatMap(PartnerConfiguration.AcknowledgementPolicy.X12.init(rawValue:)) ?? .fa997,
            ta1OnRequest: ta1 ?? true,
            edifact: edifact.flatMap(PartnerConfiguration.AcknowledgementPolicy.EDIFACT.init(rawValue:)) ?? .contrl,
            slaHours: sla ?? 24)
    }

    static func parseStableFile(
        _ node: ConfigurationNode?, reader: inout ConfigurationReader
    ) -> PartnerConfiguration.StableFilePolicy? {
        let path = "stableFile"
        let node = reader.mapping(
            node, path, allowed: ["quietMilliseconds", "minimumAgeMilliseconds", "doneFileSuffix", "ignore"])
        let quiet = reader.int(node, "quietMilliseconds", path, range: 0...86_400_000)
        let age = reader.int(node, "minimumAgeMilliseconds", path, range: 0...86_400_000)
        let done = reader.string(node, "doneFileSuffix", path, length: 1...32)
        let ignore = reader.strings(node, "ignore", path, length: 1...256)
        let standard = PartnerConfiguration.StableFilePolicy.standard
        return .init(
            quietMilliseconds: quiet ?? standard.quietMilliseconds,
            minimumAgeMilliseconds: age ?? standard.minimumAgeMilliseconds, doneFileSuffix: done,
            ignore: ignore ?? standard.ignore)
    }

    static func parseEnvelope(
        _ node: ConfigurationNode?, reader: inout ConfigurationReader
    ) -> PartnerConfiguration.OutboundEnvelope? {
        let path = "envelope"
        let node = reader.mapping(
            node, path, allowed: ["delimiters", "version", "usage", "senderId", "senderQualifier"])
        let delimitersPath = "\(path).delimiters"
        let delimiters = reader.mapping(
            node?.value("delimiters"), delimitersPath,
            allowed: ["element", "component", "repetition", "segment", "release"])
        func character(_ key: String, _ fallback: Character?, reader: inout ConfigurationReader) -> Character? {
            guard let text = reader.string(delimiters, key, delimitersPath, length: 1...1) else { return fallback }
            return text.first
        }
        let element = character("element", "*", reader: &reader)!
        let component = character("component", ">", reader: &reader)!
        let repetition = character("repetition", "^", reader: &reader)
        let segment = character("segment", "~", reader: &reader)!
        let release = character("release", nil, reader: &reader)
        let all = [element, component, segment] + [repetition, release].compactMap { $0 }
        if Set(all).count != all.count {
            reader.report(delimiters ?? node, delimitersPath, "the delimiters must all differ")
        }
        if let bad = all.first(where: { $0.isLetter || $0.isNumber || $0 == " " }) {
            reader.report(
                delimiters ?? node, delimitersPath, "\"\(bad)\" cannot be a delimiter (letter, digit or space)")
        }
        let version = reader.string(node, "version", path, length: 1...12)
        let usage = reader.string(node, "usage", path, oneOf: ["P", "T", "I"])
        let senderID = reader.string(node, "senderId", path, length: 1...35)
        let senderQualifier = reader.string(node, "senderQualifier", path, length: 1...4)
        return .init(
            delimiters: .init(
                element: element, component: component, repetition: repetition, segment: segment, release: release),
            version: version ?? "00401", usage: usage ?? "P", senderID: senderID ?? "EDIGATE",
            senderQualifier: senderQualifier ?? "ZZ")
    }

    static func parseMapping(
        _ node: ConfigurationNode?, directory: String, reader: inout ConfigurationReader
    ) -> PartnerConfiguration.MappingOverlays? {
        guard let node = reader.mapping(node, "mapping", allowed: ["xmlMaps", "xsd"]) else {
            return .init(xmlMaps: [], xsd: nil)
        }
        let maps = reader.strings(node, "xmlMaps", "mapping", length: 1...1024) ?? []
        var xsd: String?
        if let path = reader.string(node, "xsd", "mapping", length: 1...1024) {
            let file = path.hasPrefix("/") ? path : "\(directory)/\(path)"
            do {
                _ = try XMLSchema(contentsOf: file)
                xsd = file
            } catch {
                reader.report(node.value("xsd"), "mapping.xsd", "\(file): \(error)")
            }
        }
        for (index, map) in maps.enumerated() {
            let file = map.hasPrefix("/") ? map : "\(directory)/\(map)"
            let itemPath = "mapping.xmlMaps[\(index)]"
            guard let data = FileManager.default.contents(atPath: file) else {
                reader.report(node.value("xmlMaps"), itemPath, "cannot read \(file)")
                continue
            }
            do {
                _ = try XMLMap(yaml: String(decoding: data, as: UTF8.self), source: file)
            } catch {
                for problem in error.problems {
                    reader.report(node.value("xmlMaps"), itemPath, problem)
                }
            }
        }
        return .init(xmlMaps: maps, xsd: xsd)
    }
}
