import Foundation
import Testing

@testable import LadderPrint

/// A site folder is input too: a tampered framework.json or a planted link cannot make
/// `ladder pdf` write anywhere but its output folder.
@Suite struct PDFSafetyTests {
    func site(tracks: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-pdf-site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "{\"tracks\": \(tracks)}".write(to: folder.appendingPathComponent("framework.json"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test(arguments: ["../../etc", "/tmp/x", "a/b", "", "Eng", "eng\n", "..", "e\u{1B}[31m"])
    func aSlugThatIsNotASlugIsRefused(_ slug: String) throws {
        let encoded = String(decoding: try JSONEncoder().encode(slug), as: UTF8.self)
        let asTrack = try site(tracks: "[{\"slug\": \(encoded), \"roles\": []}]")
        #expect(throws: PDFError.badSlug(slug)) { try PDFPrinter.jobs(site: asTrack, targets: []) }
        let asRole = try site(tracks: "[{\"slug\": \"eng\", \"roles\": [{\"slug\": \(encoded)}]}]")
        #expect(throws: PDFError.badSlug(slug)) { try PDFPrinter.jobs(site: asRole, targets: []) }
    }

    @Test func theRefusalShowsNoControlCharacters() {
        #expect(!PDFError.badSlug("a\u{1B}[2Jb\n").description.contains { $0.asciiValue.map { $0 < 0x20 } ?? false })
    }

    @Test func goodSlugsMakeFileNamesInsideTheOutput() throws {
        let good = try site(tracks: "[{\"slug\": \"eng\", \"roles\": [{\"slug\": \"staff-2\"}]}]")
        let jobs = try PDFPrinter.jobs(site: good, targets: [])
        #expect(jobs.map(\.fileName) == ["eng.pdf", "eng-staff-2.pdf"])
    }

    @Test func anotherPaperSizeNeverWritesThroughALinkedFolder() throws {
        let site = try site(tracks: "[]")
        let elsewhere = site.deletingLastPathComponent().appendingPathComponent("elsewhere-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try "the user's own stylesheet".write(to: elsewhere.appendingPathComponent("paper.css"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("assets").path, withDestinationPath: elsewhere.path)
        let copy = try PDFPrinter.copy(site, withPaper: .letter)
        defer { try? FileManager.default.removeItem(at: copy) }
        #expect(try String(contentsOf: elsewhere.appendingPathComponent("paper.css"), encoding: .utf8) == "the user's own stylesheet")
        #expect(try String(contentsOf: copy.appendingPathComponent("assets/paper.css"), encoding: .utf8).contains("size: letter"))
        var info = stat()
        #expect(lstat(copy.appendingPathComponent("assets").path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR)
    }
}
