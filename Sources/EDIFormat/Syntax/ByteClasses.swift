/// A 256-entry table telling the scanning loop which bytes matter, so ordinary bytes cost one load.
struct ByteClasses: Sendable {
    static let ordinary: UInt8 = 0
    static let element: UInt8 = 1
    static let terminator: UInt8 = 2
    static let release: UInt8 = 3
    static let lineBreak: UInt8 = 4

    private var table: [UInt8]

    init(delimiters: Delimiters) {
        table = [UInt8](repeating: ByteClasses.ordinary, count: 256)
        table[0x0D] = ByteClasses.lineBreak
        table[0x0A] = ByteClasses.lineBreak
        // Delimiters win over line breaks: a newline terminator is a terminator.
        if let release = delimiters.release { table[Int(release)] = ByteClasses.release }
        table[Int(delimiters.element)] = ByteClasses.element
        table[Int(delimiters.segment)] = ByteClasses.terminator
        if delimiters.component == 0x0D || delimiters.component == 0x0A {
            table[Int(delimiters.component)] = ByteClasses.ordinary
        }
        if let repetition = delimiters.repetition, repetition == 0x0D || repetition == 0x0A {
            table[Int(repetition)] = ByteClasses.ordinary
        }
    }

    func withTable<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        table.withUnsafeBufferPointer(body)
    }
}
