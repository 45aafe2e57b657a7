import LadderModel

/// Places roles into tracks: a folder is a track; at the top of content/ a track heading is.
/// Then orders each track's levels and gives every track and role a unique slug.
struct TrackAssembler {
    private struct PendingTrack {
        var settings: TrackSettings
        var fallbackTitle: String
        /// A folder track's URL is its folder's name, as on Hugo and on GitHub, so renaming the
        /// track's title does not move its pages.
        var folderSlug: String? = nil
        /// READMEs whose prose is the track's introduction.
        var introductionFiles: [String] = []
        var roles: [(pending: PendingRole, file: SourceFile)] = []
    }

    private var tracks: [String: PendingTrack] = [:]

    init(settings: [String: TrackSettings]) {
        for (folder, track) in settings {
            tracks["folder:" + folder] = PendingTrack(
                settings: track, fallbackTitle: RoleFile.humanize(folder), folderSlug: Self.folderSlug(folder))
        }
    }

    private static func pending(at location: SourceLocation, title: String? = nil, fallbackTitle: String) -> PendingTrack {
        PendingTrack(settings: TrackSettings(title: title, location: location), fallbackTitle: fallbackTitle)
    }

    private static func folderSlug(_ folder: String) -> String? {
        folder.isEmpty ? nil : Slug.make(folder, fallbackPrefix: "track")
    }

    /// `byTitle`: the folder holds several ladders, each a track named by its heading.
    mutating func add(_ group: RoleGroup, folder: String, file: SourceFile, includeDrafts: Bool, byTitle: Bool = false) {
        let key: String, newTrack: () -> PendingTrack
        if byTitle, let heading = group.trackTitle, let location = group.trackLocation {
            key = "folder:\(folder)#" + Slug.make(heading, fallbackPrefix: "track")
            newTrack = { Self.pending(at: location, title: heading, fallbackTitle: heading) }
        } else if !folder.isEmpty {
            key = "folder:" + folder
            newTrack = {
                var track = Self.pending(at: SourceLocation(file: file.path), fallbackTitle: RoleFile.humanize(folder))
                track.folderSlug = Self.folderSlug(folder)
                return track
            }
        } else if let heading = group.trackTitle, let location = group.trackLocation {
            key = "heading:" + Slug.make(heading, fallbackPrefix: "track")
            newTrack = { Self.pending(at: location, title: heading, fallbackTitle: heading) }
        } else {
            key = "orphans"
            newTrack = { Self.pending(at: SourceLocation(file: file.path), fallbackTitle: "") }
        }
        // One lookup of the track, changed in place.
        func add(to track: inout PendingTrack) {
            // A track heading names a folder track that `_track.md` does not.
            if !folder.isEmpty, track.settings.title == nil, let heading = group.trackTitle { track.settings.title = heading }
            track.settings.introHTML += group.introHTML
            for pending in group.roles where includeDrafts || !pending.role.draft {
                track.roles.append((pending, file))
            }
        }
        add(to: &tracks[key, default: newTrack()])
    }

    /// A README's prose for a folder that has no `_track.md`: the track's introduction, if the
    /// folder has roles (a folder of prose alone makes no track).
    mutating func addIntroduction(_ html: String, folder: String, file: String) {
        introductions[folder, default: ""] += html
        introductionFiles[folder, default: []].append(file)
    }

    private var introductions: [String: String] = [:]
    private var introductionFiles: [String: [String]] = [:]

    func finish(diagnostics: inout [Diagnostic]) -> [Track] {
        for (role, _) in tracks["orphans"]?.roles ?? [] {
            diagnostics.append(.error(
                "role-without-track",
                "role '\(role.role.title)' is at the top of the content folder with no track heading above it; move its file into a track folder (such as content/engineering/) or add a track heading one level above the role",
                at: role.role.location))
        }
        // Tracks are ordered and given slugs independently of each other: on every core.
        var withIntroductions = tracks
        for (folder, html) in introductions {
            guard var track = withIntroductions["folder:" + folder], !track.roles.isEmpty else { continue }
            track.settings.introHTML = html + track.settings.introHTML
            track.introductionFiles = introductionFiles[folder] ?? []
            withIntroductions["folder:" + folder] = track
        }
        let assembled = ConcurrentWork.map(withIntroductions.filter { $0.key != "orphans" }.map(\.value)) { pending in
            let settings = pending.settings
            let title = settings.title ?? pending.fallbackTitle
            var trackDiagnostics: [Diagnostic] = []
            let slug = Self.slugAvoidingPages(
                settings.slug ?? pending.folderSlug ?? Slug.make(title, fallbackPrefix: "track"), kind: "track",
                at: settings.location,
                fix: pending.folderSlug == nil
                    ? "give the track another title" : "rename its folder or give the track a 'slug:' in its _track.md", diagnostics: &trackDiagnostics)
            var track = Track(
                slug: slug, title: title,
                introHTML: Self.withHeadingIDs(settings.introHTML), competencies: settings.competencies, location: settings.location)
            track.aliases = settings.aliases
            track.introductionFiles = pending.introductionFiles
            track.roles = Self.orderedRoles(pending.roles, trackTitle: title, diagnostics: &trackDiagnostics)
            return (order: settings.order, track: track, diagnostics: trackDiagnostics)
        }
        diagnostics += assembled.flatMap(\.diagnostics)
        var result = assembled.map { (order: $0.order, track: $0.track) }
        result.sort { a, b in
            (a.order ?? Int.max, a.track.title, a.track.slug) < (b.order ?? Int.max, b.track.title, b.track.slug)
        }
        var trackSlugs: [String: SourceLocation] = [:]
        for (_, track) in result {
            if let earlier = trackSlugs[track.slug] {
                diagnostics.append(.error(
                    "duplicate-slug",
                    "track slug '\(track.slug)' is also used by the track at \(earlier); rename one of them or give it a 'slug:' in _track.md",
                    at: track.location))
            }
            trackSlugs[track.slug] = trackSlugs[track.slug] ?? track.location
        }
        return result.map(\.track)
    }

    /// The introduction's headings with GitHub's anchors (`## Further reading` →
    /// `id="further-reading"`), so that a README's table of contents still leads somewhere.
    /// Each id once; none that the page's own elements have (`main`).
    static func withHeadingIDs(_ html: String) -> String {
        guard html.contains("<h") else { return html }
        var used: Set<String> = ["main"]
        return html.replacing(/<h([1-6])>([^<]*)<\/h\1>/) { match in
            var id = Slug.make(String(match.2), fallbackPrefix: "section"), count = 1
            while used.contains(id) {
                count += 1
                id = "\(Slug.make(String(match.2), fallbackPrefix: "section"))-\(count)"
            }
            used.insert(id)
            return "<h\(match.1) id=\"\(id)\">\(match.2)</h\(match.1)>"
        }
    }

    /// `slug`, or a stable other one with a warning when the site uses it for its own pages.
    private static func slugAvoidingPages(
        _ slug: String, kind: String, at location: SourceLocation, fix: String, diagnostics: inout [Diagnostic]
    ) -> String {
        let safe = Slug.avoidingPages(slug, suffix: kind)
        if safe != slug {
            diagnostics.append(.warning(
                "reserved-slug",
                "\(kind) slug '\(slug)' is the name of one of the site's own pages, so this \(kind) is at '\(safe)' instead; \(fix)",
                at: location))
        }
        return safe
    }

    private static func orderedRoles(
        _ entries: [(pending: PendingRole, file: SourceFile)], trackTitle: String, diagnostics: inout [Diagnostic]
    ) -> [Role] {
        let levelKeys = entries.map(\.pending.role.level.sortKey)
        let order = entries.indices.sorted { a, b in
            if levelKeys[a] != levelKeys[b] { return levelKeys[a] < levelKeys[b] }
            return (entries[a].file.relativePath, entries[a].pending.orderInFile) < (entries[b].file.relativePath, entries[b].pending.orderInFile)
        }
        var roles: [Role] = []
        var slugs: [String: SourceLocation] = [:]
        var levels: [Level: SourceLocation] = [:]
        for index in order {
            let pending = entries[index].pending
            var role = pending.role
            role.slug = slugAvoidingPages(
                pending.explicitSlug ?? Slug.make(role.title, fallbackPrefix: "role"), kind: "role", at: role.location,
                fix: "give the role a 'slug:' in its front matter to choose another", diagnostics: &diagnostics)
            if let earlier = slugs[role.slug] {
                diagnostics.append(.error(
                    "duplicate-slug",
                    "role slug '\(role.slug)' in track '\(trackTitle)' is also used by the role at \(earlier); give one of them another title or a 'slug:' in its front matter",
                    at: role.location))
            } else {
                slugs[role.slug] = role.location
            }
            if let earlier = levels[role.level] {
                let fix = switch pending.levelSource {
                case .frontMatter: "change one of the 'level:' values"
                case .fileName: "change one of the file-name prefixes"
                case .title: "change the level in one of the titles, or give it a 'level:' in its front matter"
                case .orderInFile: "give each role a 'level:' in its front matter or a numeric file-name prefix such as '3-senior-engineer.md'"
                }
                diagnostics.append(.warning(
                    "duplicate-level",
                    "level \(role.level) of track '\(trackTitle)' is also the level of the role at \(earlier); \(fix)",
                    at: role.location))
            } else {
                levels[role.level] = role.location
            }
            roles.append(role)
        }
        return roles
    }
}
