import ArgumentParser
import EDIFormat
import Foundation

/// An EDI file read and parsed for a CLI verb.
struct InputFile {
    let path: String
    let bytes: [UInt8]
    let parsed: ParsedInput

    /// Reads and parses `path`; exits with status 2 when it cannot be read.
    static func load(_ path: String, strictCharacterSet: Bool = false) throws -> InputFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write(Data("\(path): cannot read the file\n".utf8))
            throw ExitCode(ExitStatus.unreadable)
        }
        let bytes = [UInt8](data)
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
