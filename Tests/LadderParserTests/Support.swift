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
