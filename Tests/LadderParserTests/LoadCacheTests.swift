import Foundation
import Testing

@testable import LadderParser

/// The preview server's loads take unchanged files from a `LoadCache`; an edited file, or one
/// changed too recently for its times to tell, is always read again.
@Suite struct LoadCacheTests {
    @Test func aSettledFileIsTakenFromTheCacheAndAnEditedOneIsRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("eng"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("eng/1-a.md"), second = folder.appendingPathComponent("eng/2-b.md")
        try "# A\n".write(to: first, atomically: false, encoding: .utf8)
        try "# B\n".write(to: second, atomically: false, encoding: .utf8)
        let cache = LoadCache()
        func load() -> [String] { ContentLoader.load(contentFolder: folder.path, cache: cache).files.map { String(decoding: $0.bytes, as: UTF8.self) } }

        #expect(load() == ["# A\n", "# B\n"])
        #expect(cache.lastReads == 2)
        _ = load()
        #expect(cache.lastReads == 2, "files changed within the last second are read again")
        Thread.sleep(forTimeInterval: 2.1)
        #expect(load() == ["# A\n", "# B\n"])
        #expect(cache.lastReads == 0, "settled files are not read again")
        try "# C\n".write(to: first, atomically: false, encoding: .utf8)  // same size, new content
        #expect(load() == ["# C\n", "# B\n"])
        #expect(cache.lastReads == 1)
    }
}
