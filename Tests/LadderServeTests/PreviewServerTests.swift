import Foundation
import Testing

@testable import LadderServe

/// A minimal HTTP/1.1 client over a socket, so tests see exactly what a browser would get.
struct RawHTTP: Sendable {
    let port: UInt16

    /// How long an answer may take. Generous: the server runs on Swift's cooperative threads,
    /// and in a full `swift test` run on two cores they are queued behind other suites'
    /// synchronous tests, which have held them for over a minute.
    static let patience: TimeInterval = 180

    struct Response {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    /// Blocking socket work runs on a Dispatch thread, never on Swift concurrency's few
    /// cooperative threads, which the server under test needs to answer.
    func request(_ method: String, _ target: String, headers: [String: String] = [:]) async throws -> Response {
        try await offPool { try blockingRequest(method, target, headers: headers) }
    }

    /// Sends `request` as it is (no Host header added) and returns everything the server answered.
    func raw(_ request: String) async throws -> String {
        try await offPool { try exchange(request) }
    }

    /// The event stream's text until it contains `expected` (or `patience` passes), while
    /// `during` runs: the server's watcher, too, needs a cooperative thread to start a rebuild.
    func events(until expected: String, during: @escaping @Sendable () throws -> Void) async throws -> String {
        try await offPool { try blockingEvents(until: expected, during: during) }
    }

    private func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    private func blockingRequest(_ method: String, _ target: String, headers: [String: String]) throws -> Response {
        let text = try exchange("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + headers.map { "\($0.key): \($0.value)\r\n" }.joined() + "\r\n")
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts[0].components(separatedBy: "\r\n")
        let statusLine = head[0].split(separator: " ")
        let status = statusLine.count > 1 ? Int(statusLine[1]) ?? 0 : 0  // 0: no answer at all
        var fields: [String: String] = [:]
        for line in head.dropFirst() {
            if let colon = line.firstIndex(of: ":") {
                fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return Response(status: status, headers: fields, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    private func blockingEvents(until expected: String, during: () throws -> Void) throws -> String {
        let socket = try connect()
        defer { close(socket) }
        try send(socket, "GET /__ladder/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        // The stream opens with the current state; edit only once it is there.
        var text = receive(socket, until: Date().addingTimeInterval(Self.patience), stopWhen: "event: ")
        try during()
        if !text.contains(expected) { text += receive(socket, until: Date().addingTimeInterval(Self.patience), stopWhen: expected) }
        return text
    }

    private func exchange(_ request: String) throws -> String {
        let socket = try connect()
        defer { close(socket) }
        try send(socket, request)
        return receive(socket, until: Date().addingTimeInterval(Self.patience))
    }

    func connect() throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw POSIXError(.ECONNREFUSED) }
        return socket
    }

    private func send(_ socket: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        guard Glibc.send(socket, bytes, bytes.count, 0) == bytes.count else { throw POSIXError(.EIO) }
    }

    /// Reads until the peer closes, `stopWhen` has arrived, or the deadline passes.
    private func receive(_ socket: Int32, until deadline: Date, stopWhen: String? = nil) -> String {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        while Date() < deadline {
            guard poll(&poller, 1, 50) > 0 else { continue }
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data += buffer[0..<count]
            if let stopWhen, String(decoding: data, as: UTF8.self).contains(stopWhen) { break }
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Starts a preview server on a free port over a copy of a fixture; stops it afterwards.
/// `templates` names files of the repository's templates/ to copy into the served templates folder.
func withServer(templates: [String] = [], _ body: (RawHTTP, URL, PreviewServer) async throws -> Void) async throws {
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-serve-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let content = folder.appendingPathComponent("content")
    try FileManager.default.copyItem(at: fixtures.appendingPathComponent("golden/content"), to: content)
    if !templates.isEmpty {
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("templates"), withIntermediateDirectories: true)
        for name in templates {
            try FileManager.default.copyItem(
                at: fixtures.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates/\(name)"),
                to: folder.appendingPathComponent("templates/\(name)"))
        }
    }
    let server = try PreviewServer(
        .init(contentFolder: content.path, templatesFolder: folder.appendingPathComponent("templates").path,
              includeDrafts: false, host: "127.0.0.1", port: 0),
        log: { _ in })
    let task = Task { try await server.run() }
    // Generous: the first build comes before listening, and runs slowly under the sanitizers.
    try await server.waitUntilListening(timeout: 600)
    let port = try #require(await server.listeningPort)
    defer { task.cancel() }
    try await body(RawHTTP(port: port), content, server)
    await server.stop()
}

@Suite(.serialized) struct PreviewServerTests {
    @Test func pagesAreServedWithTheirTypeValidatorsAndTheReloadClient() async throws {
        try await withServer { http, _, _ in
            let page = try await http.request("GET", "/ops/operator/")
            #expect(page.status == 200)
            #expect(page.headers["content-type"] == "text/html; charset=utf-8")
            #expect(page.headers["cache-control"] == "no-cache")
            #expect(page.body.contains("<h1>Operator</h1>"))
            #expect(page.body.contains("<script src=\"/__ladder/live.js\""), "serve mode injects the client")
            let etag = try #require(page.headers["etag"])
            #expect(try await http.request("GET", "/ops/operator/", headers: ["If-None-Match": etag]).status == 304)
            #expect(try await http.request("GET", "/assets/style.css").headers["content-type"] == "text/css; charset=utf-8")
            #expect(try await http.request("GET", "/framework.json").headers["content-type"] == "application/json; charset=utf-8")
            let head = try await http.request("HEAD", "/")
            #expect(head.status == 200 && head.body.isEmpty)
            let folder = try await http.request("GET", "/ops")
            #expect(folder.status == 301 && folder.headers["location"] == "/ops/")
            #expect(try await http.request("GET", "/no/such/page/").status == 404)
            #expect(try await http.request("GET", "/__ladder/live.js").body.contains("EventSource"))
        }
    }

    @Test func onlyGetAndHeadAreAllowed() async throws {
        try await withServer { http, _, _ in
            for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
                let response = try await http.request(method, "/")
                #expect(response.status == 405, "\(method)")
            }
        }
    }

    @Test func nothingOutsideTheSiteIsServed() async throws {
        try await withServer { http, _, _ in
            let long = "/" + String(repeating: "a/", count: 1500)
            for target in ["/../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E/%2E%2E/etc/passwd", "/assets%2f..%2f..%2fetc%2fpasswd",
                           "/assets/..%5c..%5cetc/passwd", "/index.html%00.css", "//etc/passwd", "/./index.html", long]
            {
                let response = try await http.request("GET", target)
                #expect(response.status == 400 || response.status == 404, "\(target.prefix(40)) gave \(response.status)")
                #expect(!response.body.contains("root:"), "\(target.prefix(40)) leaked a file")
            }
        }
    }

    @Test func anEditReloadsOpenPagesWithTheNewContent() async throws {
        try await withServer { http, content, _ in
            let file = content.appendingPathComponent("ops/2-senior-operator.md")
            let stream = try await http.events(until: "event: reload\ndata: 2") {
                let text = try String(contentsOf: file, encoding: .utf8)
                try text.replacingOccurrences(of: "I automate repeated manual work", with: "I automate toil away")
                    .write(to: file, atomically: true, encoding: .utf8)
            }
            #expect(stream.contains("event: reload\ndata: 2"), "\(stream)")
            #expect(try await http.request("GET", "/ops/senior-operator/").body.contains("I automate toil away"))
        }
    }

    @Test func aBrokenFileShowsItsProblemAndFixingItRecovers() async throws {
        try await withServer { http, content, _ in
            let file = content.appendingPathComponent("ops/1-operator.md")
            let good = try String(contentsOf: file, encoding: .utf8)
            let stream = try await http.events(until: "event: problem") {
                try good.replacingOccurrences(of: "titles:", with: "titles: [").write(to: file, atomically: true, encoding: .utf8)
            }
            #expect(stream.contains("event: problem"))
            #expect(stream.contains("1-operator.md:"), "the problem names the file and position")
            #expect(try await http.request("GET", "/ops/operator/").status == 200, "the last good site is still served")
            let recovered = try await http.events(until: "event: reload") { try good.write(to: file, atomically: true, encoding: .utf8) }
            #expect(recovered.contains("event: problem"), "a page that opens during the failure learns of it")
            #expect(recovered.contains("event: reload"), "and reloads once the file is fixed")
        }
    }

    @Test func aBrokenTemplateShowsItsProblemAndFixingItRecovers() async throws {
        try await withServer(templates: ["role.mustache"]) { http, content, server in
            let file = content.deletingLastPathComponent().appendingPathComponent("templates/role.mustache")
            let good = try String(contentsOf: file, encoding: .utf8)
            let stream = try await http.events(until: "event: problem") {
                try (good + "{{#unclosed}}\n").write(to: file, atomically: true, encoding: .utf8)
            }
            #expect(stream.contains("role.mustache:") && stream.contains("is never closed;"), "the problem names the template")
            // A content edit while the template is broken: the rebuild still reports the template.
            let role = content.appendingPathComponent("ops/1-operator.md")
            let builds = await server.site.builds
            try (try String(contentsOf: role, encoding: .utf8) + "\n").write(to: role, atomically: true, encoding: .utf8)
            for _ in 0..<250 where await server.site.builds == builds { try await Task.sleep(for: .milliseconds(20)) }
            #expect(await server.site.builds > builds)
            #expect(await server.site.currentProblems?.contains { $0.contains("templates/role.mustache:") } == true)
            let recovered = try await http.events(until: "event: reload") {
                try (good + "<!-- edited -->\n").write(to: file, atomically: true, encoding: .utf8)
            }
            #expect(recovered.contains("event: reload"))
            #expect(try await http.request("GET", "/ops/operator/").body.contains("<!-- edited -->"))
        }
    }

    @Test func aBurstOfEditsGivesOneRebuild() async throws {
        try await withServer { _, content, server in
            let before = await server.watcherRebuilds
            // Five editor saves landing at once (as a checkout or a formatter makes them): each
            // writes a temporary file, then renames it over the original.
            let file = content.appendingPathComponent("ops/2-senior-operator.md")
            let text = try String(contentsOf: file, encoding: .utf8)
            let temporaries = try (0..<5).map { index in
                let temporary = content.appendingPathComponent("ops/.save-\(index).tmp")
                try (text + String(repeating: "\n", count: index + 1)).write(to: temporary, atomically: false, encoding: .utf8)
                return temporary
            }
            for temporary in temporaries { #expect(rename(temporary.path, file.path) == 0) }
            // The rebuild may wait for a thread (see `RawHTTP.patience`): wait for it, then long
            // enough for a second one to show if the burst were split.
            let deadline = Date().addingTimeInterval(RawHTTP.patience)
            while await server.watcherRebuilds == before, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
            try await Task.sleep(for: .seconds(1))
            #expect(await server.watcherRebuilds - before == 1)
        }
    }

    @Test func aPortInUseGivesAClearError() async throws {
        try await withServer { http, _, _ in
            let second = try PreviewServer(
                .init(contentFolder: "content", templatesFolder: "templates", includeDrafts: false, host: "127.0.0.1", port: http.port),
                log: { _ in })
            await #expect(throws: PreviewServer.ServeError.self) { try await second.run() }
        }
    }

    @Test func rawPathsAreCheckedBeforeTheyNameAPage() {
        #expect(PreviewHandler.sitePath("/") == "index.html")
        #expect(PreviewHandler.sitePath("/a/b/") == "a/b/index.html")
        #expect(PreviewHandler.sitePath("/assets/style.css") == "assets/style.css")
        #expect(PreviewHandler.sitePath("/a%20b/") == "a b/index.html")
        for bad in ["/../x", "/%2e%2e/x", "/a%2Fb", "/a%00", "/a\\b", "x", "//x", "/./x"] {
            #expect(PreviewHandler.sitePath(bad) == nil, "\(bad)")
        }
    }

    @Test func aRebuildRereadsOnlyTheChangedFileAndMakesOnlyThePagesAskedFor() async throws {
        try await withServer { http, content, server in
            let file = content.appendingPathComponent("research/../roles.md").standardizedFileURL
            let text = try String(contentsOf: file, encoding: .utf8)
            _ = try await http.events(until: "event: reload\ndata: 2") {
                try text.replacingOccurrences(of: "I plan interviews with a clear goal", with: "I plan interviews with a sharp goal")
                    .write(to: file, atomically: true, encoding: .utf8)
            }
            #expect(server.lastRebuildReads == 1, "only the edited file is read again")
            #expect(await server.site.pagesMade == 0, "no page is made before a browser asks for it")
            #expect(try await http.request("GET", "/research/researcher/").body.contains("sharp goal"))
            #expect(try await http.request("GET", "/research/researcher/").status == 200)
            #expect(await server.site.pagesMade == 1, "a page asked for twice is made once")
            try await Task.sleep(for: .milliseconds(300))
            #expect(await server.rebuild())
            #expect(server.lastRebuildReads == 0, "nothing changed, nothing read again")
        }
    }
}
