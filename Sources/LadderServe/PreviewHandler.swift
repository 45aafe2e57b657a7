import Foundation

/// Serves the preview: pages from memory (never a file from disk), the live-reload script and
/// its event stream. Only GET and HEAD, only for the preview's own host names (so that a page
/// on another site cannot read the preview through DNS rebinding), and only paths of the site.
public struct PreviewHandler: Sendable {
    let site: PreviewSite
    /// Host names a request may give (with or without a port): the loopback names and the
    /// address the server was told to listen on.
    let hosts: Set<String>
    static let maximumPathLength = 2048

    public init(site: PreviewSite, listeningOn host: String = "127.0.0.1") {
        self.site = site
        var hosts: Set<String> = ["localhost", "127.0.0.1", "[::1]"]
        let given = host.lowercased()
        hosts.insert(given.contains(":") && !given.hasPrefix("[") ? "[\(given)]" : given)
        self.hosts = hosts
    }

    public func respond(to request: RequestHead) async -> Reply {
        guard request.method == "GET" || request.method == "HEAD" else {
            return .text(405, "Only GET and HEAD are served.\n", headers: [("Allow", "GET, HEAD")])
        }
        guard allowsHost(request) else {
            return .text(403, "This preview answers only to localhost; open it at http://127.0.0.1 with its port.\n")
        }
        guard let path = Self.sitePath(request.path) else {
            return .text(400, "That path is not part of the site.\n")
        }
        switch path {
        case LiveReload.scriptPath:
            return Self.ok(Data(LiveReload.script.utf8), type: "text/javascript; charset=utf-8", etag: nil)
        case LiveReload.eventsPath:
            return LiveReload.eventReply(await site.subscribe())
        default:
            break
        }
        guard let page = await servedPage(path) else {
            // "/a" is the folder "/a/": redirect, so the page's relative links resolve from the folder.
            if await site.contains(path + "/index.html") {
                return Reply(status: 301, headers: [("Location", "/\(path)/")])
            }
            if let problems = await site.problemsWithoutASite, path.hasSuffix(".html") {
                return Self.problemPage(problems, generation: await site.generation)
            }
            return .text(404, "No page at /\(path).\n")
        }
        if let match = request.header("If-None-Match"), match == page.etag {
            return Reply(status: 304, headers: [("ETag", page.etag), ("Cache-Control", "no-cache")])
        }
        let type = Self.contentType(path)
        var bytes = page.bytes
        if type.hasPrefix("text/html") {
            bytes = LiveReload.inject(into: bytes, generation: await site.generation)
        }
        return Self.ok(bytes, type: type, etag: page.etag)
    }

    /// The page at `path`: as made before, or made now on a Dispatch thread, so that two browsers
    /// asking for two pages have them made at once and the site's actor is never held by a render.
    func servedPage(_ path: String) async -> PreviewSite.Served? {
        let (made, plan, generation) = await site.lookup(path)
        if let made { return made }
        guard let plan, plan.contains(path) else { return nil }
        let served: PreviewSite.Served? = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: plan.page(path).map { PreviewSite.Served($0.bytes) }) }
        }
        if let served { await site.keep(served, at: path, generation: generation) }
        return served
    }

    /// The `Host` header names this preview. HTTP/1.0 clients may leave it out.
    func allowsHost(_ request: RequestHead) -> Bool {
        guard let host = request.header("Host")?.lowercased() else { return request.version == "HTTP/1.0" }
        // "127.0.0.1:4000" → "127.0.0.1"; "[::1]:4000" → "[::1]".
        var name = Substring(host)
        if let colon = name.lastIndex(of: ":"), !name[colon...].contains("]") { name = name[..<colon] }
        return hosts.contains(String(name))
    }

    private static func ok(_ bytes: Data, type: String, etag: String?) -> Reply {
        var headers: [(name: String, value: String)] = [
            ("Content-Type", type), ("Cache-Control", "no-cache"), ("X-Content-Type-Options", "nosniff"),
        ]
        if let etag { headers.append(("ETag", etag)) }
        return Reply(status: 200, headers: headers, body: .bytes(bytes))
    }

    /// When no build has succeeded yet, every page is this: the problems, and the live-reload
    /// script that replaces it with the site once a build succeeds.
    static func problemPage(_ problems: [String], generation: Int) -> Reply {
        let items = problems.map { "<li><pre>\(escapeHTML($0))</pre></li>" }.joined(separator: "\n")
        let html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>ladder: the site could not be built</title>
            <style>:root { color-scheme: light dark; font-family: system-ui, sans-serif; } pre { white-space: pre-wrap; }</style></head>
            <body><h1>The site could not be built yet</h1>
            <p>Fix these problems and save; this page reloads by itself.</p>
            <ul>\(items)</ul>
            </body></html>
            """
        let bytes = LiveReload.inject(into: Data(html.utf8), generation: generation)
        return Reply(status: 500, headers: [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-cache")], body: .bytes(bytes))
    }

    static func escapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// The page key for a raw (still percent-encoded) request path, or nil when the path is not
    /// one a page can have: `..` in any spelling, encoded slashes or NUL bytes, backslashes, or
    /// too long. "/" is "index.html" and "/a/" is "a/index.html".
    static func sitePath(_ raw: String) -> String? {
        guard raw.hasPrefix("/"), raw.utf8.count <= maximumPathLength else { return nil }
        let lowered = raw.lowercased()
        if lowered.contains("%2f") || lowered.contains("%5c") || lowered.contains("%00") || raw.contains("\\") { return nil }
        guard let decoded = raw.removingPercentEncoding, !decoded.contains("\0") else { return nil }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return nil }
        var path = segments.joined(separator: "/")
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        if path.hasPrefix("/") { return nil }  // "//x" names another host's path
        return path
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        default: return "application/octet-stream"
        }
    }
}
