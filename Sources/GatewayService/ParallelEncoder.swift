import Dispatch
import Foundation

/// JSON encoding of many values across the machine's cores (a large file's events: tens of thousands), in
/// order, with sorted keys and unescaped slashes. Foundation's encoder is the bottleneck otherwise.
enum ParallelEncoder {
    struct Failure: Error, CustomStringConvertible {
        var index: Int
        var message: String
        var description: String { "encoding value \(index): \(message)" }
    }

    static func encode<Value: Encodable & Sendable>(_ values: [Value]) throws -> [Data] {
        let count = values.count
        guard count > 256 else { return try values.map(encoder().encode) }
        let chunks = min(ProcessInfo.processInfo.activeProcessorCount * 4, (count + 255) / 256)
        let size = (count + chunks - 1) / chunks
        var results = [Data](repeating: Data(), count: count)
        let failure = FirstFailure()
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let encoder = encoder()
                // Each chunk writes only its own slots.
                for index in (chunk * size)..<min(count, (chunk + 1) * size) {
                    do {
                        output[index] = try encoder.encode(values[index])
                    } catch {
                        failure.record(Failure(index: index, message: "\(error)"))
                        return
                    }
                }
            }
        }
        if let first = failure.first { throw first }
        return results
    }

    /// The first failure of any chunk (chunks run at once).
    final class FirstFailure: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Failure?
        func record(_ failure: Failure) { lock.withLock { value = value ?? failure } }
        var first: Failure? { lock.withLock { value } }
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
