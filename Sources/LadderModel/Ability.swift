/// Something a person gets better at, in numbered milestones that each earn miles.
public struct Ability: Hashable, Sendable {
    public var slug: String
    public var title: String
    public var category: String?
    /// Miles earned at milestones 1…n; `nil` means the framework's `milestone_miles`.
    public var miles: [Int]?
    public var milestones: [Milestone]
    public var descriptionHTML: String
    public var location: SourceLocation

    public init(
        slug: String, title: String, category: String? = nil, miles: [Int]? = nil,
        milestones: [Milestone] = [], descriptionHTML: String = "", location: SourceLocation
    ) {
        self.slug = slug
        self.title = title
        self.category = category
        self.miles = miles
        self.milestones = milestones
        self.descriptionHTML = descriptionHTML
        self.location = location
    }
}

/// What milestone N of an ability looks like.
public struct Milestone: Hashable, Sendable {
    public var number: Int
    public var behaviours: [RichText]
    public var location: SourceLocation

    public init(number: Int, behaviours: [RichText], location: SourceLocation) {
        self.number = number
        self.behaviours = behaviours
        self.location = location
    }
}

/// A responsibility a person takes on, optionally in service to a team or role.
public struct Assignment: Hashable, Sendable {
    public var slug: String
    public var title: String
    public var inServiceTo: String?
    /// Milestones the assignment needs, keyed by ability slug.
    public var abilityNeeds: [String: Int]
    public var descriptionHTML: String
    public var location: SourceLocation

    public init(
        slug: String, title: String, inServiceTo: String? = nil, abilityNeeds: [String: Int] = [:],
        descriptionHTML: String = "", location: SourceLocation
    ) {
        self.slug = slug
        self.title = title
        self.inServiceTo = inServiceTo
        self.abilityNeeds = abilityNeeds
        self.descriptionHTML = descriptionHTML
        self.location = location
    }
}
