import LadderAnalysis
import LadderModel

/// What changed since a revision, with the revision it was compared with.
public struct SiteChanges: Sendable {
    public var changes: FrameworkChanges
    public var revision: String
    public var commit: String
    public var date: String

    public init(changes: FrameworkChanges, revision: String, commit: String, date: String) {
        self.changes = changes
        self.revision = revision
        self.commit = commit
        self.date = date
    }
}

/// `changes/`: what changed since framework.yml's `changes_since:`, track by track and role by
/// role, the rewordings marked word by word as on the next-level pages.
enum ChangesView {
    static func make(_ changes: SiteChanges) -> [String: Any] {
        [
            "revision": changes.revision, "commit": changes.commit, "date": changes.date,
            "isEmpty": changes.changes.isEmpty,
            "tracks": changes.changes.tracks.map { track in
                [
                    // Named apart from the roles' and areas' statuses: a missing key would be looked
                    // up in the enclosing section.
                    "title": track.title, "trackStatus": track.status == .changed ? "" : "track \(track.status.rawValue)",
                    "roles": track.roles.map { role in
                        [
                            "anchor": "\(role.track)--\(role.slug)", "title": role.title, "level": role.level,
                            "href": role.status == .removed ? "" : Links.role(slug: role.slug, track: role.track),
                            "status": role.statusText,
                            "position": role.position,
                            "areas": role.areas.map { area in
                                [
                                    "title": area.title,
                                    "areaStatus": area.statusText,
                                    "changes": area.behaviours.compactMap(change),
                                ] as [String: Any]
                            },
                        ] as [String: Any]
                    },
                ] as [String: Any]
            },
        ]
    }

    static func change(_ change: BehaviourDiff.Change) -> [String: Any]? {
        switch change {
        case .added(let text): ["kind": "added", "label": "New", "html": escapeHTML(text)]
        case .dropped(let text): ["kind": "unlisted", "label": "Removed", "html": escapeHTML(text)]
        case .reworded(_, _, let marks): ["kind": "reworded", "label": "Reworded", "html": DiffView.marksHTML(marks)]
        case .unchanged: nil
        }
    }
}
