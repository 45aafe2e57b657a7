import Testing

@testable import LadderModel

/// A behaviour's id from the bytes of its first words (`asciiOpening`) against the id from its
/// whole slug (`openingOfSlug`): the same for every text the fast way answers.
@Suite struct BehaviourIDTests {
    @Test func theFirstWordsGiveTheIdTheWholeSlugGives() {
        let vocabulary = [
            "I", "i", "I'm", "don't", "e-mail", "con", "CON", "aux", "a", "the", "Design", "systems", "2FA", "v1.2", "x",
            "'quoted'", "—", "...", "--", "(draft)", "R&D", "O'Neil", "ownership", String(repeating: "long", count: 12),
            String(repeating: "z", count: 90), "12345678901234567890", "\t", "\n", "  ",
        ]
        var generator = SeededGenerator(seed: 42)
        var answered = 0
        for _ in 0..<5000 {
            let count = Int.random(in: 0...14, using: &generator)
            let text = (0..<count).map { _ in vocabulary.randomElement(using: &generator)! }
                .joined(separator: [" ", " ", "  ", ", ", "-", "/"].randomElement(using: &generator)!)
            guard let fast = BehaviourIDs.asciiOpening(text) else { continue }
            answered += 1
            #expect(fast == BehaviourIDs.openingOfSlug(text), "\(text.debugDescription)")
        }
        #expect(answered > 3000, "the fast way answers most texts (some hold a dash outside ASCII)")
        #expect(BehaviourIDs.asciiOpening("Je gère l'équipe") == nil, "text outside ASCII takes the slug's way")
        #expect(BehaviourIDs.asciiOpening("— … —") == nil && BehaviourIDs.asciiOpening("con") == nil)
        #expect(BehaviourIDs.opening("I design systems that are simple to operate") == "design-systems-that-are-simple-to")
    }
}
