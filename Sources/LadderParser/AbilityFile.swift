import Foundation
import LadderModel

/// `content/abilities/<slug>.md`: front matter (title, category, miles) and `## Milestone N`
/// sections whose bullets say what that milestone looks like.
enum AbilityFile {
    static func read(
        _ text: String, file: SourceFile, defaultMiles: [Int], diagnostics: inout [Diagnostic], links: inout [ContentLink]
    ) -> Ability? {
        let split = FrontMatterSplit(text, file: file.path, diagnostics: &diagnostics)
        if split.isUnclosed { return nil }
        var ability = Ability(slug: fileSlug(file), title: "", location: SourceLocation(file: file.path))
        var milesLocation = SourceLocation(file: file.path)
        if let yaml = split.yaml,
            var fields = YAMLFields.parse(
                yaml, file: file.path, firstLine: split.yamlFirstLine, context: "ability front matter", diagnostics: &diagnostics)
        {
            ability.title = fields.string("title") ?? ""
            ability.category = fields.string("category")
            if let slug = validSlug(&fields, file: file.path, diagnostics: &diagnostics) { ability.slug = slug }
            if let node = fields.value("miles") { milesLocation = fields.location(of: node) }
            ability.miles = fields.intList("miles")
            diagnostics += fields.finish()
        }
        if let miles = ability.miles, miles.isEmpty || miles.contains(where: { $0 < 0 }) {
            diagnostics.append(.error(
                "invalid-miles", "'miles' must list the miles earned at each milestone as whole numbers of 0 or more, such as [1, 2, 3, 6, 8]",
                at: milesLocation))
            ability.miles = nil
        }
        let top = (ability.miles ?? defaultMiles).count
        let document = MarkdownDocument.parse(split.body, file: file.path, firstLine: split.bodyFirstLine)
        links += document.links
        var current: Milestone?
        for block in document.blocks {
            switch block {
            case .heading(_, let title, let location):
                if let done = current { ability.milestones.append(done) }
                current = nil
                if let number = milestoneNumber(title) {
                    if number < 1 || number > top {
                        diagnostics.append(.error(
                            "milestone-out-of-range",
                            "this ability has milestones 1 to \(top) (one per entry of its miles), so there is no milestone \(number)",
                            at: location))
                    } else if ability.milestones.contains(where: { $0.number == number }) {
                        diagnostics.append(.error(
                            "duplicate-milestone", "milestone \(number) is described twice; merge the two sections", at: location))
                    } else {
                        current = Milestone(number: number, behaviours: [], location: location)
                    }
                } else if ability.title.isEmpty && ability.milestones.isEmpty {
                    ability.title = title  // a heading before the milestones names the ability
                } else {
                    ability.descriptionHTML += block.html
                }
            case .list(let list) where current != nil:
                current!.behaviours += list.behaviours.map(\.content)
            default:
                if current == nil {
                    ability.descriptionHTML += block.html
                } else {
                    diagnostics.append(.warning(
                        "milestone-prose", "only bullets are shown for a milestone; make this text a bullet or move it above the first milestone",
                        at: block.location))
                }
            }
        }
        if let done = current { ability.milestones.append(done) }
        ability.milestones.sort { $0.number < $1.number }
        if ability.title.isEmpty { ability.title = RoleFile.humanize(ability.slug) }
        return ability
    }

    /// "Milestone 3" → 3 (any case, any heading level).
    static func milestoneNumber(_ title: String) -> Int? {
        let words = title.split(separator: " ")
        guard words.count == 2, words[0].lowercased() == "milestone" else { return nil }
        return Int(words[1])
    }
}

/// `content/assignments/<slug>.md`: front matter (title, in_service_to, abilities) and prose.
enum AssignmentFile {
    static func read(
        _ text: String, file: SourceFile, diagnostics: inout [Diagnostic], links: inout [ContentLink]
    ) -> (Assignment, needs: [(name: String, value: Int, location: SourceLocation)])? {
        let split = FrontMatterSplit(text, file: file.path, diagnostics: &diagnostics)
        if split.isUnclosed { return nil }
        var assignment = Assignment(slug: fileSlug(file), title: "", location: SourceLocation(file: file.path))
        var needs: [(name: String, value: Int, location: SourceLocation)] = []
        if let yaml = split.yaml,
            var fields = YAMLFields.parse(
                yaml, file: file.path, firstLine: split.yamlFirstLine, context: "assignment front matter", diagnostics: &diagnostics)
        {
            assignment.title = fields.string("title") ?? ""
            if let slug = validSlug(&fields, file: file.path, diagnostics: &diagnostics) { assignment.slug = slug }
            assignment.inServiceTo = fields.string("in_service_to")
            needs = fields.locatedNumberMap("abilities") ?? []
            assignment.abilityNeeds = Dictionary(needs.map { ($0.name, $0.value) }, uniquingKeysWith: max)
            diagnostics += fields.finish()
        }
        let document = MarkdownDocument.parse(split.body, file: file.path, firstLine: split.bodyFirstLine)
        links += document.links
        for block in document.blocks {
            if case .heading(_, let title, _) = block, assignment.title.isEmpty, assignment.descriptionHTML.isEmpty {
                assignment.title = title
            } else {
                assignment.descriptionHTML += block.html
            }
        }
        if assignment.title.isEmpty { assignment.title = RoleFile.humanize(assignment.slug) }
        return (assignment, needs)
    }
}

/// Abilities and assignments are named by their file: `abilities/2-discovery.md` is `discovery`.
func fileSlug(_ file: SourceFile) -> String {
    let stem = fileStem(file.relativePath)
    return Slug.make(RoleFile.splitLevelPrefix(stem).1, fallbackPrefix: "item")
}
