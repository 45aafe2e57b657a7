import FlyingFox
import FlyingSocks
import Foundation

/// Serves the preview: pages from memory (never a file from disk), the live-reload script and
/// its event stream. Only GET and HEAD; paths that try to leave the site are refused.
public struct PreviewHandler: HTTPHandler {
    let site: PreviewSite
    static let maximumPathLength = 2048

    public init(site: PreviewSite) {
        self.site = site
    }

    public func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return Self.plain(.methodNotAllowed, "Only GET and HEAD are served.\n", extra: [.init("Allow"): "GET, HEAD"])
        }
        guard let path = Self.sitePath(request.target.path(percentEncoded: true)) else {
            return Self.plain(.badRequest, "That path is not part of the site.\n")
        }
        switch path {
        case LiveReload.scriptPath:
            return respond(request, bytes: Data(LiveReload.script.utf8), type: "text/javascript; charset=utf-8", etag: nil)
        case LiveReload.eventsPath:
            return LiveReload.eventResponse(await site.subscribe())
        default:
            break
        }
        guard let page = await site.page(path) else {
            // "/a" is the folder "/a/": redirect, so the page's relative links resolve from the folder.
            if await site.contains(path + "/index.html") {
                return HTTPResponse(statusCode: .movedPermanently, headers: [.location: "/\(path)/"])
            }
            return Self.plain(.notFound, "No page at /\(path).\n")
        }
        if let match = request.headers[.init("If-None-Match")], match == page.etag {
            return HTTPResponse(statusCode: .notModified, headers: [.init("ETag"): page.etag, .init("Cache-Control"): "no-cache"])
        }
        let type = Self.contentType(path)
        var bytes = page.bytes
        if type.hasPrefix("text/html") {
            bytes = LiveReload.inject(into: bytes, generation: await site.generation)
        }
        return respond(request, bytes: bytes, type: type, etag: page.etag)
    }

    private func respond(_ request: HTTPRequest, bytes: Data, type: String, etag: String?) -> HTTPResponse {
        var headers: HTTPHeaders = [
            .contentType: type, .init("Cache-Control"): "no-cache", .init("X-Content-Type-Options"): "nosniff",
        ]
        if let etag { headers[.init("ETag")] = etag }
        if request.method == .HEAD {
            headers[.contentLength] = String(bytes.count)
            return HTTPResponse(statusCode: .ok, headers: headers)
        }
        return HTTPResponse(statusCode: .ok, headers: headers, body: bytes)
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

    static func plain(_ status: HTTPStatusCode, _ text: String, extra: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = extra
        headers[.contentType] = "text/plain; charset=utf-8"
        return HTTPResponse(statusCode: status, headers: headers, body: Data(text.utf8))
    }
}
