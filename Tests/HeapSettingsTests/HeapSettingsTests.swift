import Foundation
import HeapSettings
import Testing

/// The heaps are advised huge pages: the kernel shows the advice as `hg` among a mapping's
/// VmFlags in /proc/self/smaps.
@Suite struct HeapSettingsTests {
    @Test func theCallingThreadsHeapIsAdvisedHugePages() throws {
        guard FileManager.default.fileExists(atPath: "/sys/kernel/mm/transparent_hugepage/enabled") else {
            print("skipped: this system has no transparent huge pages (no /sys/kernel/mm/transparent_hugepage)")
            return
        }
        heap_settings_grow_in_large_steps()
        heap_settings_make_thread_heap(1)
        heap_settings_advise_huge_pages()
        // A block well past the heap's first 2 MiB (the main heap is advised from its first
        // 2 MiB boundary on), and below the 32 MiB from which malloc maps blocks of their own.
        let block = try #require(malloc(4 << 20))
        defer { free(block) }
        let end = UInt(bitPattern: block) + (4 << 20) - 1
        let mapping = try #require(try mappings().first { $0.range.contains(end) })
        #expect(mapping.flags.contains("hg"), "\(mapping)")
    }

    @Test func onlyAnonymousMappingsAreAdvised() throws {
        heap_settings_advise_huge_pages()
        let advisedFiles = try mappings().filter { $0.name.hasPrefix("/") && $0.flags.contains("hg") }
        #expect(advisedFiles.isEmpty, "\(advisedFiles)")
    }

    private struct Mapping: CustomStringConvertible {
        var range: ClosedRange<UInt>
        var name: String
        var flags: [String] = []
        var description: String { "\(String(range.lowerBound, radix: 16)) \(name) \(flags)" }
    }

    /// The process's mappings with their flags, from /proc/self/smaps.
    private func mappings() throws -> [Mapping] {
        var result: [Mapping] = []
        // Read to its end: /proc files give a size of 0, which whole-file reads take at its word.
        let smaps = try #require(FileHandle(forReadingAtPath: "/proc/self/smaps")).readToEnd() ?? Data()
        for line in String(decoding: smaps, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if line.hasPrefix("VmFlags:") {
                result[result.count - 1].flags = fields.dropFirst().map(String.init)
            } else if let bounds = fields.first?.split(separator: "-"), bounds.count == 2,
                let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16), end > start
            {
                result.append(Mapping(range: start...(end - 1), name: fields.count > 5 ? String(fields[5]) : ""))
            }
        }
        return result
    }
}
