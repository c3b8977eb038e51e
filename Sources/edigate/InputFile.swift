import ArgumentParser
import EDIFormat
import Foundation
import GatewayTransport

/// An EDI file read and parsed for a CLI verb.
struct InputFile {
    let path: String
    let bytes: [UInt8]
    let parsed: ParsedInput

    /// The most a gzipped input may expand to (zip-bomb guard).
    static let gzipLimit = 1 << 30

    /// Reads and parses `path`; exits with status 2 when it cannot be read. gzip input (found by its
    /// magic bytes 1f 8b, not its name) is decompressed first; corrupt, truncated or over-cap gzip exits 2.
    static func load(_ path: String, strictCharacterSet: Bool = false) throws -> InputFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write(Data("\(path): cannot read the file\n".utf8))
            throw ExitCode(ExitStatus.unreadable)
        }
        var bytes = [UInt8](data)
        if Gzip.isGzip(bytes) {
            do {
                bytes = try Gzip.decompress(bytes, limit: gzipLimit)
            } catch {
                FileHandle.standardError.write(Data("\(path): cannot decompress gzip: \(error)\n".utf8))
                throw ExitCode(ExitStatus.unreadable)
            }
        }
        let parsed = EDIParser.parse(bytes, options: ValidationOptions(strictCharacterSet: strictCharacterSet))
        return InputFile(path: path, bytes: bytes, parsed: parsed)
    }

    /// The exit status the findings call for.
    var status: Int32 {
        if !parsed.isEDI { return ExitStatus.unreadable }
        return parsed.hasErrors ? ExitStatus.findings : ExitStatus.clean
    }
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Writes bytes to standard output as they are.
func writeOut(_ bytes: [UInt8]) {
    FileHandle.standardOutput.write(Data(bytes))
}
