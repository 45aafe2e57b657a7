import Foundation
import LadderAnalysis
import LadderModel

/// Every file of a site, each made only when asked for. `ladder build` asks for all of them, on
/// every core; the preview server asks for a page when a browser does, so a rebuild costs the
/// pages someone looks at rather than the whole site.
public final class SitePlan: @unchecked Sendable {  // the makers only read the immutable site context
    /// Every file's path, sorted.
    public let paths: [String]
    private let makers: [String: () -> Data]
    private let profile: RenderProfile
    /// Paths that two files of the plan claim: the first keeps the path, and each clash is an
    /// error for the build to report, naming both sources.
    public let collisions: [Collision]

    /// Two files of the plan at one path.
    public struct Collision: Sendable, Equatable {
        public var path: String
        /// What made each file: a role's location, or nil for one of the site's own pages.
        public var first: SourceLocation?
        public var second: SourceLocation?
        /// The second is the redirect page of an `aliases:` entry, which may not take a page's place.
        public var secondIsRedirect = false
    }

    /// One file of a plan: its path, what it was made from, and how to make it.
    struct File {
        var path: String
        var source: SourceLocation?
        var isRedirect = false
        var make: () -> Data
    }

    init(_ files: [File], profile: RenderProfile) {
        var makers: [String: () -> Data] = [:], sources: [String: SourceLocation?] = [:]
        var collisions: [Collision] = []
        for file in files {
            if let first = sources[file.path] {
                collisions.append(Collision(path: file.path, first: first, second: file.source, secondIsRedirect: file.isRedirect))
                continue
            }
            makers[file.path] = file.make
            sources[file.path] = file.source
        }
        self.makers = makers
        self.collisions = collisions
        paths = makers.keys.sorted()
        self.profile = profile
    }

    public func contains(_ path: String) -> Bool { makers[path] != nil }

    /// The file at `path`, made now; nil when the site has no such file.
    public func page(_ path: String) -> Page? {
        makers[path].map { Page(path: path, bytes: $0()) }
    }

    /// Every file, made on every core, sorted by path.
    public func renderAll() -> [Page] {
        let pages = render(paths[...])
        reportProfile()
        return pages
    }

    /// The files at `paths` (all of the plan's), made on every core, in the same order.
    public func render(_ paths: ArraySlice<String>) -> [Page] {
        ConcurrentWork.map(Array(paths)) { Page(path: $0, bytes: makers[$0]!()) }
    }

    /// With LADDER_PROFILE set, prints each kind of page's making time on standard error.
    public func reportProfile() { profile.report() }
}
