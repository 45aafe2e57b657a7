import Foundation
import LadderModel

public struct ParseOptions: Sendable {
    /// Keep roles marked `draft: true` (they are left out of a published site by default).
    public var includeDrafts: Bool
    /// Render behaviours and prose to HTML; `ladder check` needs only their text.
    public var renderHTML: Bool
    /// Earlier reads of role files to reuse (the preview server keeps one across rebuilds).
    public var cache: ParseCache?
    /// Where each file read is recorded ("read" → path), for the tests that count work.
    public var workLog: WorkLog?

    public init(includeDrafts: Bool = false, renderHTML: Bool = true, cache: ParseCache? = nil, workLog: WorkLog? = nil) {
        self.includeDrafts = includeDrafts
        self.renderHTML = renderHTML
        self.cache = cache
        self.workLog = workLog
    }
}

/// content folder files → (Framework, [Diagnostic]). Pure: the files were read by `ContentLoader`.
public enum FrameworkParser {
    static let markdownExtensions: Set<String> = ["md", "markdown", "txt"]

    public static func parse(_ files: [SourceFile], options: ParseOptions = ParseOptions()) -> (Framework, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var framework = Framework()
        var titled = false
        var trackSettings: [String: TrackSettings] = [:]
        var roleFiles: [(file: SourceFile, folder: String)] = []
        // README.md and index.md: read as role files, and as the folder's introduction when they hold no roles.
        var indexFiles: Set<String> = []
        var abilityFiles: [(SourceFile, String)] = []
        var assignmentFiles: [(SourceFile, String)] = []

        // Sort the files by kind first: roles need the abilities and assignments they name,
        // and abilities need the framework's default miles.
        for file in files {
            let (folder, name, ext) = pathParts(file.relativePath)
            if file.relativePath == "framework.yml" || file.relativePath == "framework.yaml" {
                guard let text = file.text(diagnostics: &diagnostics) else { continue }
                options.workLog?.record("read", file.path)
                readFrameworkSettings(text, file: file.path, into: &framework, diagnostics: &diagnostics)
                titled = framework.title != Framework().title
            } else if ["readme.md", "index.md"].contains(name.lowercased()) && folder != "abilities" && folder != "assignments" {
                indexFiles.insert(file.relativePath)
                roleFiles.append((file, folder))
            } else if !markdownExtensions.contains(ext) {
                diagnostics.append(.warning(
                    "not-markdown", "ignored: ladder reads only .md, .markdown and .txt files here (and content/framework.yml)",
                    at: SourceLocation(file: file.path)))
            } else if folder != "abilities" && folder != "assignments" && name != "_track.md" && name != "_index.md" {
                roleFiles.append((file, folder))  // decoded when read: the preview server may not need to
            } else if let text = file.text(diagnostics: &diagnostics) {
                switch (folder, name) {
                case ("abilities", _): abilityFiles.append((file, text))
                case ("assignments", _): assignmentFiles.append((file, text))
                case ("", "_track.md"):
                    diagnostics.append(.warning(
                        "misplaced-track-file", "_track.md describes the track folder it is in; move it into a track folder",
                        at: SourceLocation(file: file.path)))
                case ("", "_index.md"):
                    continue  // Hugo's home page: it documents the site, not a track
                default:
                    // Hugo's `_index.md` is a section's own page: the track's, unless `_track.md` says more.
                    if name == "_index.md" && trackSettings[folder] != nil { continue }
                    options.workLog?.record("read", file.path)
                    trackSettings[folder] = TrackSettings.read(text, file: file.path, diagnostics: &diagnostics)
                }
            }
        }

        // Ability files are independent of each other, and the role files wait for them: on every core.
        let milestoneMiles = framework.milestoneMiles
        let abilityReads = ConcurrentWork.map(abilityFiles) { file, text in
            options.workLog?.record("read", file.path)
            var fileDiagnostics: [Diagnostic] = []
            var links: [ContentLink] = []
            let ability = AbilityFile.read(text, file: file, defaultMiles: milestoneMiles, diagnostics: &fileDiagnostics, links: &links)
            return (ability, fileDiagnostics, links)
        }
        framework.abilities = abilityReads.compactMap(\.0)
        diagnostics += abilityReads.flatMap(\.1)
        var links = abilityReads.flatMap(\.2)
        checkUnique(framework.abilities.map { ($0.slug, $0.location) }, kind: "ability", diagnostics: &diagnostics)
        var catalog = Catalog(abilities: framework.abilities, assignments: [], defaultMiles: framework.milestoneMiles)
        for (file, text) in assignmentFiles {
            options.workLog?.record("read", file.path)
            guard let (assignment, needs) = AssignmentFile.read(text, file: file, diagnostics: &diagnostics, links: &links) else { continue }
            catalog.checkAbilityNeeds(needs, diagnostics: &diagnostics)
            framework.assignments.append(assignment)
        }
        checkUnique(framework.assignments.map { ($0.slug, $0.location) }, kind: "assignment", diagnostics: &diagnostics)
        catalog.assignments = Set(framework.assignments.map(\.slug))

        // Role files are independent of each other: read them on every core, then assemble in order.
        let finalCatalog = catalog, indexPaths = indexFiles
        options.cache?.startBuild()
        let readFiles = ConcurrentWork.map(roleFiles) { file, _ in
            let read = {
                options.workLog?.record("read", file.path)
                var fileDiagnostics: [Diagnostic] = []
                guard let text = file.text(diagnostics: &fileDiagnostics) else { return ([RoleGroup](), fileDiagnostics) }
                let groups = RoleFile.read(
                    text, file: file, catalog: finalCatalog, html: options.renderHTML, isIndex: indexPaths.contains(file.relativePath),
                    diagnostics: &fileDiagnostics)
                return (groups, fileDiagnostics)
            }
            guard let cache = options.cache else { return read() }
            return cache.read(.init(path: file.path, bytes: file.bytes, catalog: finalCatalog, html: options.renderHTML), read)
        }
        var assembler = TrackAssembler(settings: trackSettings)
        // Files of one folder that each carry a track heading of their own (README.md for the IC
        // ladder, managers.md for the management ladder) are separate tracks, unless _track.md
        // makes the folder one.
        var titledFiles: [String: Set<String>] = [:]  // folder → track titles, from files with roles
        for ((_, folder), (groups, _)) in zip(roleFiles, readFiles) where !folder.isEmpty {
            for group in groups where !group.roles.isEmpty { if let title = group.trackTitle { titledFiles[folder, default: []].insert(title) } }
        }
        let splitFolders = Set(titledFiles.filter { $0.value.count > 1 && trackSettings[$0.key] == nil }.keys)
        links += trackSettings.values.flatMap(\.links)
        for ((file, folder), (groups, fileDiagnostics)) in zip(roleFiles, readFiles) {
            diagnostics += fileDiagnostics
            links += groups.flatMap(\.links)
            if indexFiles.contains(file.relativePath), groups.allSatisfy({ $0.roles.isEmpty }) {
                // Prose only: the folder's introduction, unless its _track.md gives one; at the top
                // of content/ it documents the repository.
                if !folder.isEmpty && trackSettings[folder] == nil {
                    assembler.addIntroduction(groups.map(\.introHTML).joined(), folder: folder, file: file.path)
                } else {
                    diagnostics.append(.note(
                        "index-skipped",
                        folder.isEmpty
                            ? "this file holds prose only, at the top of the content folder, so it is taken to document the repository and is not shown; move it into a track folder to make it that track's introduction"
                            : "this file holds prose only, and the folder's _track.md gives the track's introduction, so it is not shown; move its text into _track.md to show it",
                        at: SourceLocation(file: file.path)))
                }
                continue
            }
            for group in groups {
                assembler.add(
                    group, folder: folder, file: file, includeDrafts: options.includeDrafts, byTitle: splitFolders.contains(folder))
            }
        }
        framework.tracks = assembler.finish(diagnostics: &diagnostics)
        framework.contentLinks = links.sorted { $0.location < $1.location }
        // Behaviour ids, made here only for what needs them: repeated `{#id}`s and anchors.
        let hasExplicitIDs = framework.tracks.contains { $0.roles.contains { $0.areas.contains { $0.behaviours.contains { $0.explicitID != nil } } } }
        if hasExplicitIDs || !framework.contentLinks.isEmpty {
            let ids = framework.tracks.map(BehaviourIDs.init)
            if hasExplicitIDs { diagnostics += Self.repeatedBehaviourIDs(ids) }
            diagnostics += ContentLinkCheck.resolve(&framework, behaviourIDs: ids)
        }
        // Without a title in framework.yml, a framework of one track is called by its title (the
        // document's `# Product Roles`).
        if !titled, framework.tracks.count == 1 { framework.title = framework.tracks[0].title }
        diagnostics.sort()
        return (framework, diagnostics)
    }

    /// A content file's top folder (empty at the top of content/), its name, and its extension
    /// lowercased. Read on the path's bytes: splitting it into Characters cost 8,000
    /// instructions a file, on one thread before anything else can start.
    private static func pathParts(_ relativePath: String) -> (folder: String, name: String, ext: String) {
        let bytes = relativePath.utf8, slash = UInt8(ascii: "/")
        let folder = bytes.firstIndex(of: slash).map { String(relativePath[..<$0]) } ?? ""
        let name = bytes.lastIndex(of: slash).map { String(relativePath[bytes.index(after: $0)...]) } ?? relativePath
        let ext = name.utf8.lastIndex(of: UInt8(ascii: ".")).map { name[name.utf8.index(after: $0)...].lowercased() } ?? ""
        return (folder, name, ext)
    }

    /// A `{#id}` that another behaviour of the track has too: its links would reach the first.
    /// A `{#id}` that another behaviour of the track has too: its links would reach the first.
    private static func repeatedBehaviourIDs(_ ids: [BehaviourIDs]) -> [Diagnostic] {
        ids.flatMap(\.repeats).map { repeated in
            .warning(
                "duplicate-behaviour-id",
                "behaviour id '\(repeated.id)' is also the id of the behaviour at \(repeated.first), so this one is at '\(repeated.id)-2' or later; give it an id of its own",
                at: repeated.location)
        }
    }

    private static func checkUnique(_ slugs: [(String, SourceLocation)], kind: String, diagnostics: inout [Diagnostic]) {
        var seen: [String: SourceLocation] = [:]
        for (slug, location) in slugs {
            if let earlier = seen[slug] {
                diagnostics.append(.error(
                    "duplicate-slug", "\(kind) '\(slug)' is also defined at \(earlier); rename one of the files or give it a 'slug:'",
                    at: location))
            } else {
                seen[slug] = location
            }
        }
    }

    static func readFrameworkSettings(
        _ text: String, file: String, into framework: inout Framework, diagnostics: inout [Diagnostic]
    ) {
        guard var fields = YAMLFields.parse(text, file: file, firstLine: 1, context: "framework.yml", diagnostics: &diagnostics)
        else { return }
        if let title = fields.string("title") { framework.title = title }
        framework.description = fields.string("description")
        framework.updated = fields.string("updated")
        if let (url, location) = fields.text("edit_url") {
            if url.hasPrefix("https://") || url.hasPrefix("http://") {
                framework.editURL = url
            } else {
                diagnostics.append(.error(
                    "wrong-type", "'edit_url' must be an address starting with https://, such as https://github.com/acme/careers/edit/main/, not '\(url)'",
                    at: location))
            }
        }
        framework.isPublic = fields.bool("public") ?? false
        if let (revision, location) = fields.text("changes_since") { framework.changesSince = ChangesSince(revision: revision, location: location) }
        if let miles = fields.intList("milestone_miles") {
            if miles.isEmpty || miles.contains(where: { $0 < 0 }) {
                diagnostics.append(.error(
                    "invalid-miles", "'milestone_miles' must list the miles of each milestone as whole numbers of 0 or more, such as [1, 2, 3, 6, 8]",
                    at: fields.location(of: fields.value("milestone_miles")!)))
            } else {
                framework.milestoneMiles = miles
            }
        }
        if let (health, location) = fields.text("health") {
            switch health {
            case "visible": framework.healthInNavigation = true
            case "hidden": framework.healthInNavigation = false
            default:
                diagnostics.append(.error(
                    "wrong-type", "'health' must be 'visible' (the health report in the main navigation) or 'hidden' (in the footer only), not '\(health)'",
                    at: location))
            }
        }
        if let checks = fields.node("checks") {
            framework.checkSettings = CheckSettingsReader.read(checks, fields: fields, diagnostics: &diagnostics)
        }
        diagnostics += fields.finish()
    }
}

/// What `_track.md` says about its folder.
struct TrackSettings {
    var title: String?
    var links: [ContentLink] = []
    var aliases: [Alias] = []
    var slug: String?
    var order: Int?
    var competencies: [String] = []
    var introHTML = ""
    var location: SourceLocation

    static func read(_ text: String, file: String, diagnostics: inout [Diagnostic]) -> TrackSettings {
        var settings = TrackSettings(location: SourceLocation(file: file))
        let split = FrontMatterSplit(text, file: file, diagnostics: &diagnostics)
        if let yaml = split.yaml,
            var fields = YAMLFields.parse(yaml, file: file, firstLine: split.yamlFirstLine, context: "_track.md front matter", diagnostics: &diagnostics)
        {
            settings.title = fields.string("title")
            settings.slug = validSlug(&fields, file: file, diagnostics: &diagnostics)
            settings.order = fields.int("order") ?? fields.int("weight")  // Hugo's `weight:` orders sections
            settings.competencies = fields.stringList("competencies") ?? []
            settings.aliases = readAliases(&fields, diagnostics: &diagnostics)
            fields.ignoreSiteGeneratorKeys()
            diagnostics += fields.finish()
        }
        let body = MarkdownDocument.parse(split.body, file: file, firstLine: split.bodyFirstLine)
        settings.introHTML = body.blocks.map(\.html).joined()
        settings.links = body.links
        return settings
    }
}

/// Reads `aliases:` (a list, or one path), each a page of the site its redirect can be written to.
func readAliases(_ fields: inout YAMLFields, diagnostics: inout [Diagnostic]) -> [Alias] {
    let written: [(String, SourceLocation)]
    if let node = fields.value("aliases"), node.scalar != nil, let one = fields.text("aliases") {
        written = [one]
    } else {
        written = fields.locatedStringList("aliases") ?? []
    }
    return written.compactMap { path, location in
        switch Alias.file(for: path) {
        case .success(let file): return Alias(file: file, location: location)
        case .failure(let problem):
            diagnostics.append(.error("invalid-alias", "alias '\(path)': \(problem.explanation)", at: location))
            return nil
        }
    }
}

/// Reads `slug:` and checks that it is usable in a URL.
func validSlug(_ fields: inout YAMLFields, file: String, diagnostics: inout [Diagnostic]) -> String? {
    guard let (slug, location) = fields.text("slug") else { return nil }
    guard Slug.isValid(slug) else {
        diagnostics.append(.error(
            "invalid-slug", "'slug' may hold only lowercase letters, digits and dashes, such as '\(Slug.make(slug))'",
            at: location))
        return nil
    }
    return slug
}
