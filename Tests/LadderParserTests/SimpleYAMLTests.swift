import Foundation
import LadderModel
import Testing
import Yams

@testable import LadderParser

/// `SimpleYAML` may give up on any text, but what it reads must be exactly what Yams reads:
/// the same values, the same quoting and the same positions.
@Suite struct SimpleYAMLTests {
    /// Yams' reading (nil inside for an empty document), or nil where Yams reports an error.
    private func yams(_ yaml: String) -> YAMLNode?? {
        do { return .some(try Yams.compose(yaml: yaml, .basic).map(YAMLNode.init)) } catch { return nil }
    }

    private func expectAgreement(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        guard let simple = SimpleYAML.read(yaml) else { return false }
        guard let expected = yams(yaml) else {
            Issue.record("SimpleYAML read what Yams rejects: \(yaml.debugDescription)", sourceLocation: sourceLocation)
            return true
        }
        #expect(simple == expected, "\(yaml.debugDescription)", sourceLocation: sourceLocation)
        return true
    }

    @Test func theUsualFrontMatterIsReadWithoutYams() {
        let usual = [
            "level: \"5\"\neligibility_miles: \"+10%\"\nabilities: { required: { ability-02: 3, ability-04: 3 } }\nassignments: { required: [duty-05], common: [duty-04] }\n",
            "title: Staff Engineer\nlevel: 4\ndraft: true\n",
            "titles: { internal: 'Ingénieure principale', external: Principal Engineer, alternatives: [Lead, Architect] }\n",
            "roles: { Senior Engineer: { level: 3 }, Staff Engineer: { level: 4 } }",
            "milestone_miles: [1, 2, 3, 6, 8]\ntitle: Lumen Labs career framework\n\n",
        ]
        for yaml in usual {
            #expect(expectAgreement(yaml), "not read by SimpleYAML: \(yaml.debugDescription)")
        }
    }

    @Test func whatItCannotBeSureOfGoesToYams() {
        let unusual = [
            "title: Engineer # a comment\n", "level:\n", "level: |\n  3\n", "base: &b { a: 1 }\nother: *b\n", "title: \"a\\tb\"\n",
            "titles:\n  internal: Engineer\n", "list:\n- a\n- b\n", "title: 'it''s'\n", "- a\n- b\n", "title: a: b\n", "title:\ta\n",
            "level: -1\n", "? complex\n: key\n", "title: Multi\n  line\n", "", "\n\n", "{ a: 1 }\n", "title: \u{2028}x\n", "x: [a, b,]\n",
        ]
        for yaml in unusual {
            #expect(SimpleYAML.read(yaml) == nil, "\(yaml.debugDescription)")
        }
    }

    @Test func everyFrontMatterOfTheFixturesAndContentReadsAsYamsReadsIt() throws {
        let root = fixtures.deletingLastPathComponent().deletingLastPathComponent()
        var texts: [String] = []
        for folder in [fixtures, root.appendingPathComponent("content")] {
            let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
            for file in files where file.hasSuffix(".md") || file.hasSuffix(".yml") {
                guard let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) else { continue }
                if file.hasSuffix(".yml") {
                    texts.append(text)
                } else {
                    var diagnostics: [Diagnostic] = []
                    if let yaml = FrontMatterSplit(text, file: file, diagnostics: &diagnostics).yaml { texts.append(yaml) }
                }
            }
        }
        let read = texts.filter { expectAgreement($0) }.count
        #expect(texts.count > 50)
        #expect(read > texts.count / 2, "SimpleYAML read \(read) of \(texts.count) front matters")
    }

    /// Front matter put together from pieces that are easy to get subtly wrong: spacing,
    /// quotes, colons, commas, brackets, indicators and text outside ASCII.
    @Test func generatedFrontMatterReadsAsYamsReadsIt() {
        var generator = SeededGenerator(seed: 7)
        let plain = ["a", "level", "Senior Engineer", "é", "日本", "x-y", "R&D", "it's", "a:b", "http://x", "3", "+10%", "null", "~",
                     "true", "a b", "\u{00A0}b", "x!", "a*b"]
        let tricky = ["C:", "-", "-3", "?", "!x", "@x", "`x", "%x", "|", ">", "*x", "&x", "{", "}", "[", "]", ",", "a, b", "a: b", "x #y"]
        let gaps = ["", " ", "  "]
        func pick<T>(_ items: [T]) -> T { items[Int(generator.next() % UInt64(items.count))] }
        func word() -> String { generator.next() % 8 == 0 ? pick(tricky) : pick(plain) }
        func scalar() -> String {
            switch generator.next() % 4 {
            case 0: "\"\(word())\""
            case 1: "'\(word())'"
            default: word()
            }
        }
        func flow(_ depth: Int) -> String {
            let count = Int(generator.next() % 3)
            switch generator.next() % (depth > 1 ? 2 : 4) {
            case 0, 1: return scalar()
            case 2: return "{" + pick(gaps) + (0..<count).map { _ in word() + ":" + pick(gaps) + flow(depth + 1) }.joined(separator: "," + pick(gaps)) + pick(gaps) + "}"
            default: return "[" + pick(gaps) + (0..<count).map { _ in flow(depth + 1) }.joined(separator: "," + pick(gaps)) + pick(gaps) + "]"
            }
        }
        var read = 0
        for _ in 0..<20000 {
            let lines = (0..<(1 + Int(generator.next() % 4))).map { _ in
                pick(["", "", "", " "]) + word() + pick([":", ": ", " : ", ":  "]) + flow(0) + pick(gaps) + pick(["", "\n"])
            }
            if expectAgreement(lines.joined(separator: "\n")) { read += 1 }
        }
        #expect(read > 1000, "SimpleYAML read only \(read) of 20,000")
    }
}

/// SplitMix64: the same texts on every run.
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
