import Foundation
import LadderHealth
import LadderModel
import LadderParser

/// One fuzzing input: a role file, front matter and Markdown. It goes through the whole reading
/// side: the loader's text checks, the heading rule, front matter, the model and every health
/// check. Anything but a clean return (a crash, a trap, a sanitizer report) is a finding.
func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let files = [
        SourceFile(path: "content/eng/a.md", relativePath: "eng/a.md", bytes: bytes),
        // A second reading of the same bytes as a track file, an ability and an assignment.
        SourceFile(path: "content/eng/_track.md", relativePath: "eng/_track.md", bytes: bytes),
        SourceFile(path: "content/abilities/x.md", relativePath: "abilities/x.md", bytes: bytes),
        SourceFile(path: "content/assignments/y.md", relativePath: "assignments/y.md", bytes: bytes),
    ]
    let (framework, diagnostics) = FrameworkParser.parse(files, options: ParseOptions(includeDrafts: true))
    let report = HealthReport(framework)
    // Every diagnostic must point into the input.
    for diagnostic in diagnostics where diagnostic.location.line < 1 || diagnostic.location.column < 1 {
        fatalError("diagnostic outside the file: \(diagnostic)")
    }
    _ = report.findings.count
    return 0
}

#if FUZZING
    // libFuzzer (linked by `-sanitize=fuzzer`) runs the inputs; see `make fuzz`. It also wants
    // its usual entry point to exist.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { fuzz(data, size) }

    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzer(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(runFuzzer(&argc, &argv) { data, size in fuzz(data, size) })
#else
    // Without the fuzzer: read each file named on the command line once (to replay a crasher).
    for path in CommandLine.arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else { continue }
        _ = data.withUnsafeBytes { fuzz($0.bindMemory(to: UInt8.self).baseAddress, data.count) }
        print("read \(path)")
    }
#endif
