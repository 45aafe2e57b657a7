import Foundation
import Testing

@testable import LadderServe

/// What one client, a page on another site, or a broken edit must not do to the preview.
@Suite(.serialized) struct PreviewHardeningTests {
    @Test func anOversizedHeadIsRefusedWhileOtherRequestsAreServed() async throws {
        try await withServer { http, _, _ in
            let huge = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: \(String(repeating: "a", count: 40_000))\r\nConnection: close\r\n\r\n"
            async let refusals = [try http.raw(huge), try http.raw(huge)]
            let page = try await http.request("GET", "/")
            #expect(page.status == 200)
            // Reading 40 KB of head took the previous HTTP library 18 s, and two such requests froze
            // it; the cap answers as soon as 16 KB have arrived.
            for answer in try await refusals { #expect(answer.hasPrefix("HTTP/1.1 431 "), "\(answer.prefix(60))") }
            #expect(try await http.request("GET", "/ops/operator/").status == 200)
        }
    }

    @Test func onlyThePreviewsOwnHostNamesAreAnswered() async throws {
        try await withServer { http, _, _ in
            for host in ["evil.example", "evil.example:\(http.port)", "127.0.0.1.evil.example", "localhost.", "10.0.0.1"] {
                let answer = try await http.raw("GET / HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
                #expect(answer.hasPrefix("HTTP/1.1 403 "), "\(host): \(answer.prefix(40))")
            }
            for host in ["localhost:\(http.port)", "127.0.0.1:\(http.port)", "[::1]:\(http.port)", "LOCALHOST"] {
                let answer = try await http.raw("GET / HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
                #expect(answer.hasPrefix("HTTP/1.1 200 "), "\(host): \(answer.prefix(40))")
            }
            let noHost = try await http.raw("GET / HTTP/1.1\r\nConnection: close\r\n\r\n")
            #expect(noHost.hasPrefix("HTTP/1.1 403 "), "HTTP/1.1 requires a Host")
        }
    }

    @Test func garbageGetsABadRequestAndMethodsAreCaseSensitive() async throws {
        try await withServer { http, _, _ in
            for garbage in ["hello\r\n\r\n", "GET\r\n\r\n", "GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n", "GET /\u{7}x HTTP/1.1\r\n\r\n",
                            "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n", "GET / HTTP/1.1\r\n folded: x\r\n\r\n"]
            {
                let answer = try await http.raw(garbage)
                #expect(answer.hasPrefix("HTTP/1.1 400 ") || answer.hasPrefix("HTTP/1.1 505 "), "\(garbage.debugDescription): \(answer.prefix(40))")
            }
            let lower = try await http.raw("get / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            #expect(lower.hasPrefix("HTTP/1.1 405 "))
            let pipelined = try await http.raw(
                "GET /assets/style.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            #expect(pipelined.components(separatedBy: "HTTP/1.1 200 OK").count == 3, "two answers on one connection")
        }
    }

    @Test func elevenHundredIdleConnectionsDoNotStopTheServer() async throws {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        let wanted = rlim_t(4096)
        if limit.rlim_cur < wanted && limit.rlim_max >= wanted {
            limit.rlim_cur = wanted
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        try await withServer { http, _, _ in
            var idle: [Int32] = []
            defer { for socket in idle { close(socket) } }
            for _ in 0..<1_100 {
                guard let socket = try? http.connect() else { break }
                idle.append(socket)
            }
            #expect(idle.count == 1_100)
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await http.request("GET", "/").status == 200)
            #expect(try await http.request("GET", "/ops/operator/").status == 200)
        }
    }

    @Test func aSelfIncludingTemplateIsShownAndTheServerKeepsAnswering() async throws {
        try await withServer(templates: ["role.mustache"]) { http, content, _ in
            let file = content.deletingLastPathComponent().appendingPathComponent("templates/role.mustache")
            let good = try String(contentsOf: file, encoding: .utf8)
            let stream = try await http.events(until: "template-recursion") {
                try "{{> role}}\n".write(to: file, atomically: true, encoding: .utf8)
            }
            #expect(stream.contains("role.mustache:1:1: error: this partial includes itself (role → role)"))
            #expect(try await http.request("GET", "/ops/operator/").status == 200, "the last good site is still served")
            let recovered = try await http.events(until: "event: reload") { try good.write(to: file, atomically: true, encoding: .utf8) }
            #expect(recovered.contains("event: reload"))
        }
    }

    @Test func aContentFolderThatGoesAndComesBackIsRebuilt() async throws {
        try await withServer { http, content, server in
            let away = content.deletingLastPathComponent().appendingPathComponent("away")
            let gone = try await http.events(until: "event: problem") { try FileManager.default.moveItem(at: content, to: away) }
            #expect(gone.contains("content-missing"))
            #expect(gone.contains("\"served\":true"), "the last good site is still served, and the overlay says so")
            let builds = await server.site.builds
            let back = try await http.events(until: "event: reload") {
                let roles = away.appendingPathComponent("roles.md")
                try (try String(contentsOf: roles, encoding: .utf8)).replacingOccurrences(of: "I plan interviews", with: "I plan studies")
                    .write(to: roles, atomically: true, encoding: .utf8)
                try FileManager.default.moveItem(at: away, to: content)
            }
            #expect(back.contains("event: reload"))
            #expect(await server.site.builds > builds)
            #expect(try await http.request("GET", "/research/researcher/").body.contains("I plan studies"))
        }
    }

    @Test func beforeAnyGoodBuildPagesShowTheProblems() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-serve-bad-\(UUID().uuidString)")
        let content = folder.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("eng"), withIntermediateDirectories: true)
        try "---\nlevel: [\n---\n# Engineer\n\n## Craft\n\n- a\n".write(
            to: content.appendingPathComponent("eng/1-engineer.md"), atomically: true, encoding: .utf8)
        let server = try PreviewServer(
            .init(contentFolder: content.path, templatesFolder: nil, includeDrafts: false, host: "127.0.0.1", port: 0), log: { _ in })
        let task = Task { try await server.run() }
        defer { task.cancel() }
        try await server.waitUntilListening(timeout: 600)
        let http = RawHTTP(port: try #require(await server.listeningPort))
        let page = try await http.request("GET", "/")
        #expect(page.status == 500)
        #expect(page.body.contains("The site could not be built yet"))
        #expect(page.body.contains("1-engineer.md:3:1: error: invalid YAML"))
        #expect(page.body.contains("/__ladder/live.js"), "the page reloads itself once a build succeeds")
        let stream = try await http.events(until: "event: problem") {}
        #expect(stream.contains("\"served\":false"), "the overlay does not claim a site is still served")
        await server.stop()
    }
}
