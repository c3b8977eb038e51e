// libFuzzer entry point for X12 input (see docs/fuzzing.md, scripts/fuzz.sh).
//
// Built with `-DFUZZING -sanitize=fuzzer,address -parse-as-library` by scripts/fuzz.sh, this file
// defines `FuzzX12_main` (the symbol SwiftPM links as `main`) which hands control to libFuzzer's
// `LLVMFuzzerRunDriver`. In a normal build (`swift build`) it is a plain executable that runs the same
// checks over the files and directories given as arguments: a regression runner for saved crashers.
//
// The checks are in Fuzz/FuzzSupport (shared with the other target); this file picks the target.
import FuzzSupport

#if FUZZING
    /// libFuzzer's entry for one input. Also named `LLVMFuzzerTestOneInput` because the libFuzzer runtime
    /// archive references that symbol from its own `main` object, which the linker may pull in.
    @_cdecl("LLVMFuzzerTestOneInput")
    func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let input = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
        FuzzCheck.run(input)
        return 0
    }

    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// SwiftPM links executables with `--defsym main=<module>_main`; with -parse-as-library nothing
    /// defines it, so this does, and hands the command line to libFuzzer.
    @_cdecl("FuzzX12_main")
    func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        FuzzCheck.target = .x12
        var argc = argc
        var argv = argv
        return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) }
    }
#else
    // A declaration, not a bare call: the inactive branch is still parsed in -parse-as-library mode,
    // where expressions are not allowed at top level. `regressionMain` exits with its status.
    let regressionRun: Void = {
        FuzzCheck.target = .x12
        FuzzCheck.regressionMain(Array(CommandLine.arguments.dropFirst()))
    }()
#endif
