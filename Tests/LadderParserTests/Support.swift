import Foundation
import LadderModel
import LadderParser

/// Parses files given as `relative path → text`, as if they were under `content/`.
func parse(_ files: [String: String], drafts: Bool = false) -> (Framework, [Diagnostic]) {
    let sources = files.keys.sorted().map { path in
        SourceFile(path: "content/\(path)", relativePath: path, bytes: Array(files[path]!.utf8))
    }
    return FrameworkParser.parse(sources, options: ParseOptions(includeDrafts: drafts))
}

/// The same, for raw bytes (encodings, BOMs, binary files).
func parse(bytes files: [String: [UInt8]]) -> (Framework, [Diagnostic]) {
    FrameworkParser.parse(files.keys.sorted().map { SourceFile(path: "content/\($0)", relativePath: $0, bytes: files[$0]!) })
}

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

extension Framework {
    func track(_ slug: String) -> Track? { tracks.first { $0.slug == slug } }
}

/// A repeatable random source (SplitMix64) for generated inputs.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
