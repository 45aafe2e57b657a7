import LadderModel

/// Ability miles, as the position-page seed counts them: milestone m of an ability is worth the
/// ability's miles summed over milestones 1…m.
public struct MileageTable: Sendable {
    /// Ability slug → cumulative miles at milestones 1…n (index 0 is milestone 1).
    public let cumulative: [String: [Int]]
    public let abilities: [Ability]
    /// Every ability at its top milestone: the most miles anyone can have.
    public let possibleMiles: Int

    public init(_ framework: Framework) {
        abilities = framework.abilities
        var table: [String: [Int]] = [:]
        for ability in framework.abilities {
            var total = 0
            table[ability.slug] = (ability.miles ?? framework.milestoneMiles).map { total += $0; return total }
        }
        cumulative = table
        possibleMiles = table.values.reduce(0) { $0 + ($1.last ?? 0) }
    }

    public func topMilestone(_ ability: String) -> Int { cumulative[ability]?.count ?? 0 }

    /// Miles for reaching `milestone` of `ability` (0 below milestone 1; capped at the top).
    public func miles(_ ability: String, at milestone: Int) -> Int {
        guard let steps = cumulative[ability], milestone >= 1, !steps.isEmpty else { return 0 }
        return steps[min(milestone, steps.count) - 1]
    }
}

/// One ability a position needs, at the highest milestone anything asks for.
public struct AbilityNeed: Hashable, Sendable {
    public var ability: String
    public var milestone: Int
    public var miles: Int
    /// Who asks: "position" and/or assignment slugs, in order.
    public var askedBy: [String]
}

/// The mileage of one position, as README.md's "Abilities, assignments and eligibility" describes it.
public struct PositionMileage: Hashable, Sendable {
    /// Needs of the position's own `abilities.required` and its required assignments.
    public var required: [AbilityNeed]
    /// Needs of `abilities.optional` and the common assignments, where higher than required.
    public var optional: [AbilityNeed]
    public var requiredMiles: Int
    public var reachableMiles: Int
    public var possibleMiles: Int
    /// Miles a person needs to be eligible: `eligibility_miles`, or the required miles.
    public var threshold: Int

    public init(_ role: Role, table: MileageTable, assignments: [Assignment]) {
        self.init(role, table: table, assignmentNeeds: Self.needsBySlug(assignments))
    }

    /// Each assignment's ability needs by its slug (the first of a slug wins), made once for
    /// many positions.
    static func needsBySlug(_ assignments: [Assignment]) -> [String: [String: Int]] {
        Dictionary(assignments.map { ($0.slug, $0.abilityNeeds) }, uniquingKeysWith: { first, _ in first })
    }

    init(_ role: Role, table: MileageTable, assignmentNeeds: [String: [String: Int]]) {
        // A position asks for a handful of abilities: a list searched in place costs less than a
        // dictionary of them (hashing every slug and copying its entry for each change).
        typealias Need = (ability: String, milestone: Int, askedBy: [String])
        func needs(own: [String: Int], assignmentSlugs: [String]) -> [Need] {
            var result: [Need] = []
            func ask(_ ability: String, _ milestone: Int, by source: String) {
                guard let index = result.firstIndex(where: { $0.ability == ability }) else {
                    // A first ask at milestone 0 still names who asks; below 0 it asks for nothing.
                    if milestone >= 0 { result.append((ability, milestone, [source])) }
                    return
                }
                if milestone > result[index].milestone {
                    result[index].milestone = milestone
                    result[index].askedBy = [source]
                } else if milestone == result[index].milestone {
                    result[index].askedBy.append(source)
                }
            }
            for (ability, milestone) in own { ask(ability, milestone, by: "position") }
            for slug in assignmentSlugs {
                for (ability, milestone) in assignmentNeeds[slug] ?? [:] { ask(ability, milestone, by: slug) }
            }
            return result.sorted { $0.ability < $1.ability }
        }
        let requiredNeeds = needs(own: role.abilityNeeds.required, assignmentSlugs: role.assignmentRefs.required)
        let optionalNeeds = needs(own: role.abilityNeeds.optional, assignmentSlugs: role.assignmentRefs.common)
        func list(_ needs: some Sequence<Need>) -> [AbilityNeed] {
            needs.map { AbilityNeed(ability: $0.ability, milestone: $0.milestone, miles: table.miles($0.ability, at: $0.milestone), askedBy: $0.askedBy) }
        }
        func requiredMilestone(_ ability: String) -> Int { requiredNeeds.first { $0.ability == ability }?.milestone ?? 0 }
        let required = list(requiredNeeds)
        let optional = list(optionalNeeds.lazy.filter { $0.milestone > requiredMilestone($0.ability) })
        (self.required, self.optional) = (required, optional)
        requiredMiles = required.reduce(0) { $0 + $1.miles }
        // Each ability at the higher of its required and optional milestones.
        reachableMiles = required.reduce(0) { total, need in
            total + (optional.contains { $0.ability == need.ability } ? 0 : need.miles)
        } + optional.reduce(0) { $0 + $1.miles }
        possibleMiles = table.possibleMiles
        switch role.eligibility {
        case .miles(let miles): threshold = miles
        case .aboveRequired(let percent): threshold = requiredMiles + requiredMiles * percent / 100
        case nil: threshold = requiredMiles
        }
    }

    /// Whether a person with these milestones (ability slug → milestone reached) is eligible.
    public func evaluate(_ milestones: [String: Int], table: MileageTable) -> EligibilityResult {
        let miles = milestones.reduce(0) { $0 + table.miles($1.key, at: $1.value) }
        let below = required.filter { (milestones[$0.ability] ?? 0) < $0.milestone }
            .map { EligibilityResult.Shortfall(ability: $0.ability, has: milestones[$0.ability] ?? 0, needs: $0.milestone) }
        return EligibilityResult(miles: miles, milesShort: max(0, threshold - miles), abilitiesBelow: below)
    }
}

public struct EligibilityResult: Hashable, Sendable {
    public struct Shortfall: Hashable, Sendable {
        public var ability: String
        public var has: Int
        public var needs: Int
    }

    public var miles: Int
    public var milesShort: Int
    public var abilitiesBelow: [Shortfall]

    public var isEligible: Bool { milesShort == 0 && abilitiesBelow.isEmpty }
}
