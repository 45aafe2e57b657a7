/// The whole career framework as read from `content/`: value types only, no I/O.
public struct Framework: Hashable, Sendable {
    public var title: String
    public var description: String?
    /// When the content last changed, as framework.yml's `updated:` says (shown on booklet covers).
    public var updated: String?
    /// Miles earned at milestones 1…n, unless an ability says otherwise.
    public var milestoneMiles: [Int]
    public var tracks: [Track]
    public var abilities: [Ability]
    public var assignments: [Assignment]
    /// `checks:` settings from framework.yml, by check id.
    public var checkSettings: [String: CheckSetting] = [:]
    /// framework.yml's `health: visible`: the health report is in the main navigation, not only
    /// in the footer.
    public var healthInNavigation = false
    /// Every link from one content file to another or to an anchor, in file order.
    public var contentLinks: [ContentLink] = []
    /// framework.yml's `edit_url:` (`https://github.com/org/repo/edit/main/`): role and track
    /// pages link to their source file under it.
    public var editURL: String?
    /// framework.yml's `public: true`: search engines may index the site (by default they are
    /// asked not to, as a career site is usually internal).
    public var isPublic = false
    /// Per content file (by its path as shown), the date of the last commit that changed it,
    /// when the content is in a git repository.
    public var lastChanged: [String: String] = [:]
    /// framework.yml's `changes_since:` (a tag, branch or commit): the site gets a `changes/`
    /// page of what changed since then, and changed roles a badge.
    public var changesSince: ChangesSince?
    /// Per content file, its path in the git repository (for `editURL`), when there is one.
    public var repositoryPaths: [String: String] = [:]

    public static let defaultMilestoneMiles = [1, 2, 3, 6, 8]

    public init(
        title: String = "Career framework", description: String? = nil,
        milestoneMiles: [Int] = Framework.defaultMilestoneMiles,
        tracks: [Track] = [], abilities: [Ability] = [], assignments: [Assignment] = []
    ) {
        self.title = title
        self.description = description
        self.milestoneMiles = milestoneMiles
        self.tracks = tracks
        self.abilities = abilities
        self.assignments = assignments
    }
}

/// framework.yml's `changes_since:`: the revision, and where it is written.
public struct ChangesSince: Hashable, Sendable {
    public var revision: String
    public var location: SourceLocation

    public init(revision: String, location: SourceLocation) {
        self.revision = revision
        self.location = location
    }
}

/// A job family: a folder of `content/`, or a heading one level above the roles.
public struct Track: Hashable, Sendable {
    public var slug: String
    public var title: String
    /// Inline-rendered HTML paragraphs introducing the track.
    public var introHTML: String
    /// Area keys by position, from `_track.md`'s `competencies:`, for aligning levels.
    public var competencies: [String]
    public var roles: [Role]
    /// Old addresses of the track's page (`aliases:` in `_track.md`).
    public var aliases: [Alias] = []
    /// READMEs whose prose is the track's introduction: links to them lead to the track's page.
    public var introductionFiles: [String] = []
    public var location: SourceLocation

    public init(
        slug: String, title: String, introHTML: String = "", competencies: [String] = [],
        roles: [Role] = [], location: SourceLocation
    ) {
        self.slug = slug
        self.title = title
        self.introHTML = introHTML
        self.competencies = competencies
        self.roles = roles
        self.location = location
    }
}

/// A position at one level of a track.
public struct Role: Hashable, Sendable {
    public var slug: String
    public var title: String
    public var level: Level
    public var summary: RichText?
    /// Block HTML: the paragraphs under the role heading before its first area.
    public var descriptionHTML: String
    public var titles: Titles
    public var eligibility: Eligibility?
    public var abilityNeeds: AbilityNeeds
    public var assignmentRefs: AssignmentRefs
    public var draft: Bool
    public var areas: [Area]
    public var sections: [ProseSection]
    /// Old addresses of the role's page (`aliases:` in its front matter).
    public var aliases: [Alias] = []
    public var location: SourceLocation

    public init(
        slug: String, title: String, level: Level, summary: RichText? = nil, descriptionHTML: String = "",
        titles: Titles = Titles(), eligibility: Eligibility? = nil, abilityNeeds: AbilityNeeds = AbilityNeeds(),
        assignmentRefs: AssignmentRefs = AssignmentRefs(), draft: Bool = false, areas: [Area] = [],
        sections: [ProseSection] = [], location: SourceLocation
    ) {
        self.slug = slug
        self.title = title
        self.level = level
        self.summary = summary
        self.descriptionHTML = descriptionHTML
        self.titles = titles
        self.eligibility = eligibility
        self.abilityNeeds = abilityNeeds
        self.assignmentRefs = assignmentRefs
        self.draft = draft
        self.areas = areas
        self.sections = sections
        self.location = location
    }

    public var behaviourCount: Int { areas.reduce(0) { $0 + $1.behaviours.count } }

    /// Each area's key made unique within the role: the anchors of its page. (Behaviours have
    /// ids of their own: `BehaviourIDs`.)
    public var areaAnchors: [String] {
        var seen: [String: Int] = [:]
        return areas.map { area in
            let key = area.key
            seen[key, default: 0] += 1
            return seen[key]! == 1 ? key : "\(key)-\(seen[key]!)"
        }
    }
}

/// The official internal title, the external title and alternatives of a position.
public struct Titles: Hashable, Sendable {
    public var official: String?
    public var external: String?
    public var alternatives: [String]

    public init(official: String? = nil, external: String? = nil, alternatives: [String] = []) {
        self.official = official
        self.external = external
        self.alternatives = alternatives
    }
}

/// `eligibility_miles`: a number of miles, or a percentage above the required miles.
public enum Eligibility: Hashable, Sendable {
    case miles(Int)
    case aboveRequired(percent: Int)
}

/// Milestones a position asks of each ability, keyed by ability slug.
public struct AbilityNeeds: Hashable, Sendable {
    public var required: [String: Int]
    public var optional: [String: Int]

    public init(required: [String: Int] = [:], optional: [String: Int] = [:]) {
        self.required = required
        self.optional = optional
    }
}

/// Assignments a position takes on, by assignment slug.
public struct AssignmentRefs: Hashable, Sendable {
    public var required: [String]
    public var common: [String]

    public init(required: [String] = [], common: [String] = []) {
        self.required = required
        self.common = common
    }
}

/// A competency area: a heading with a list under it.
public struct Area: Hashable, Sendable {
    /// The `{#key}` written at the end of the heading, if any.
    public var explicitKey: String?
    public var title: String
    /// The heading above this area's heading that groups several areas ("Functional
    /// competencies" over "Management", "Delivery"), if any.
    public var group: String?
    /// Block HTML between the heading and its list (a lead-in such as "Tech leads are responsible
    /// for:"), shown above the behaviours.
    public var introHTML: String
    /// Block HTML of any prose after the area's first list, to the end of the area.
    public var noteHTML: String
    public var behaviours: [Behaviour]
    public var location: SourceLocation

    public init(
        explicitKey: String? = nil, title: String, group: String? = nil, introHTML: String = "", noteHTML: String = "",
        behaviours: [Behaviour] = [], location: SourceLocation
    ) {
        self.explicitKey = explicitKey
        self.title = title
        self.group = group
        self.introHTML = introHTML
        self.noteHTML = noteHTML
        self.behaviours = behaviours
        self.location = location
    }

    /// The key this area is known by when nothing else aligns it: its `{#key}` or its title's slug.
    public var key: String { explicitKey ?? Slug.make(title, fallbackPrefix: "area") }
}

/// One top-level item of an area's list; nested items are its examples.
public struct Behaviour: Hashable, Sendable {
    public var content: RichText
    public var examples: [RichText]
    /// The author's own permanent id: a `{#id}` at the end of the bullet.
    public var explicitID: String?
    public var location: SourceLocation

    public init(content: RichText, examples: [RichText] = [], explicitID: String? = nil, location: SourceLocation) {
        self.content = content
        self.examples = examples
        self.explicitID = explicitID
        self.location = location
    }
}

/// A heading at area depth with prose and no list.
public struct ProseSection: Hashable, Sendable {
    public var title: String
    public var html: String
    public var location: SourceLocation

    public init(title: String, html: String, location: SourceLocation) {
        self.title = title
        self.html = html
        self.location = location
    }
}
