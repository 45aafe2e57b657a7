import LadderModel

/// The abilities and assignments a role may name, for checking references while their
/// positions in the front matter are still known.
struct Catalog: Hashable {
    /// Ability slug → its top milestone.
    var topMilestones: [String: Int] = [:]
    var assignments: Set<String> = []

    init(abilities: [Ability], assignments: [Assignment], defaultMiles: [Int]) {
        for ability in abilities { topMilestones[ability.slug] = (ability.miles ?? defaultMiles).count }
        self.assignments = Set(assignments.map(\.slug))
    }

    /// Checks `name: milestone` needs against the abilities that exist and their milestones.
    func checkAbilityNeeds(
        _ needs: [(name: String, value: Int, location: SourceLocation)], diagnostics: inout [Diagnostic]
    ) {
        for need in needs {
            guard let top = topMilestones[need.name] else {
                diagnostics.append(.error(
                    "unknown-ability",
                    "no ability '\(need.name)'; add content/abilities/\(need.name).md or use one of: \(list(topMilestones.keys))",
                    at: need.location))
                continue
            }
            if need.value < 1 || need.value > top {
                diagnostics.append(.error(
                    "milestone-out-of-range",
                    "ability '\(need.name)' has milestones 1 to \(top), so milestone \(need.value) cannot be asked for",
                    at: need.location))
            }
        }
    }

    func checkAssignments(_ names: [(String, SourceLocation)], diagnostics: inout [Diagnostic]) {
        for (name, location) in names where !assignments.contains(name) {
            diagnostics.append(.error(
                "unknown-assignment",
                "no assignment '\(name)'; add content/assignments/\(name).md or use one of: \(list(assignments))",
                at: location))
        }
    }

    private func list<S: Sequence<String>>(_ names: S) -> String {
        let sorted = names.sorted()
        return sorted.isEmpty ? "(none defined yet)" : sorted.joined(separator: ", ")
    }
}
