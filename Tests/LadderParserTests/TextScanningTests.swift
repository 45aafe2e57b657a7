import Foundation
import Testing

@testable import LadderParser

/// The parser's own string operations give what Foundation's did before them.
@Suite struct TextScanningTests {
    @Test func trimmingSpacesIsFoundationsWhitespaceTrim() {
        for text in ["", " ", "Craft", "  Craft \t", "\u{00A0}Craft\u{3000}", "Craft\n", " \nCraft", "Cr aft  ", "\u{2003}"] {
            #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }

    @Test func lastRangeFindsTheLastOccurrence() {
        for text in ["Craft {#craft}", "{#a} {#b}", "no key", "{#", "x{#", "Crâft {#crâft}", "{{##}}"] {
            #expect(text.lastRange(ofASCII: "{#") == text.range(of: "{#", options: .backwards), "\(text)")
        }
    }

    @Test func fileStemIsTheNameWithoutFolderAndExtension() {
        for path in ["track/10-senior.md", "senior.md", "a/b/c.v2.markdown", "track/.hidden.md", "noextension", "track/README"] {
            let expected = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            #expect(fileStem(path) == expected, "\(path)")
        }
    }
}
