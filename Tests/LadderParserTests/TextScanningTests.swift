import Foundation
import Testing

@testable import LadderParser

/// The parser's own string operations give what Foundation's did before them.
@Suite struct TextScanningTests {
    @Test func trimmingSpacesIsFoundationsWhitespaceTrim() {
        for text in ["", " ", "Craft", "  Craft \t", "\u{00A0}Craft\u{3000}", "Craft\n", " \nCraft", "Cr aft  ", "\u{2003}",
            " \u{00A0}Craft \u{00A0} ", "\t\u{2003}x", "a\u{00A0}", "\u{00A0}", "é ", " é", "\t \t", "x"] {
            #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }

    @Test func lastRangeFindsTheLastOccurrence() {
        for text in ["Craft {#craft}", "{#a} {#b}", "no key", "{#", "x{#", "Crâft {#crâft}", "{{##}}"] {
            #expect(text.lastRange(ofASCII: "{#") == text.range(of: "{#", options: .backwards), "\(text)")
        }
    }

    @Test func fileStemIsTheNameWithoutFolderAndExtension() {
        for path in ["track/10-senior.md", "senior.md", "a/b/c.v2.markdown", "track/.hidden.md", "noextension", "track/README", "a/b/", "é/ü.md"] {
            let expected = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            #expect(fileStem(path) == expected, "\(path)")
        }
    }

    @Test func aFileNameGivesItsLevelAndATitle() {
        let cases: [(String, String?, String)] = [
            ("10-senior-engineer", "10", "senior-engineer"), ("2.1_pm", "2.1", "pm"), ("3 lead", "3", "lead"),
            ("1.-x", "1", "x"), ("10-", "10", ""), ("senior", nil, "senior"), ("10", nil, "10"), (".5-x", nil, ".5-x"),
            ("7x", nil, "7x"), ("４-full-width", nil, "４-full-width"),
        ]
        for (stem, level, rest) in cases {
            let (gotLevel, gotRest) = RoleFile.splitLevelPrefix(stem)
            #expect(gotLevel == level && gotRest == rest, "\(stem)")
        }
        #expect(RoleFile.humanize("senior-engineer") == "Senior engineer")
        #expect(RoleFile.humanize("élan_vital") == "Élan vital")
    }
}
