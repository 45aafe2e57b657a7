import Foundation
import Testing

/// What the command line says: the right thing, once, in words that content cannot forge.
@Suite(.enabled(if: ladderIsBuilt, "build ladder first")) struct CommandLineSafetyTests {
    @Test func versionAndSuggestions() async throws {
        let version = try await runLadder(["--version"])
        #expect(version.status == 0 && version.output.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
        let typo = try await runLadder(["biuld"])
        #expect(typo.status == 2)
        #expect(typo.output.hasPrefix("ladder: error: unknown command 'biuld'; did you mean 'build'?"))
        let nonsense = try await runLadder(["xyzzy"])
        #expect(nonsense.status == 2 && !nonsense.output.contains("did you mean"))
    }

    @Test func aMissingOrWrongContentFolderIsOneClearError() async throws {
        let project = try temporaryFolder()
        try "not a folder".write(to: project.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
        for command in ["check", "build", "export"] {
            let missing = try await runLadder([command, "--content", "nowhere"], in: project)
            #expect(missing.status == 1)
            #expect(missing.output == "ladder: error: content folder 'nowhere' not found; pass --content with the folder that holds your tracks, or run 'ladder init' to start one\n", "\(command)")
            let file = try await runLadder([command, "--content", "notes.md"], in: project)
            #expect(file.status == 1)
            #expect(file.output == "ladder: error: 'notes.md' is a file, not a content folder; pass --content with the folder that holds your tracks\n", "\(command)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.path) == ["notes.md"])
    }

    @Test func buildSaysOneLineAndTimingsOnlyWhenAsked() async throws {
        let project = try projectWithContent("seed-shape")
        let quiet = try await runLadder(["build"], in: project)
        #expect(quiet.status == 0)
        let lines = quiet.output.split(separator: "\n")
        #expect(lines.count == 1, "\(quiet.output)")
        #expect(lines.first?.range(of: #"^Built site/: \d+ pages, 1 track, 2 roles; 0 errors, 1 warning$"#, options: .regularExpression) != nil,
                "\(quiet.output)")
        let verbose = try await runLadder(["build", "--verbose"], in: project)
        #expect(verbose.output.contains("Phases: load "))
    }

    @Test func aWriteErrorNamesTheFile() async throws {
        let project = try projectWithContent()
        try "a file where a folder should be".write(to: project.appendingPathComponent("blocker"), atomically: true, encoding: .utf8)
        let result = try await runLadder(["build", "--output", "blocker/site"], in: project)
        #expect(result.status == 1)
        #expect(result.output.contains("/blocker: error: cannot write this file: "), "\(result.output)")
        #expect(!result.output.contains("content:1:1"))
    }

    @Test func fileNamesCannotForgeOutputLines() async throws {
        let project = try projectWithContent()
        let forged = "x.md\nevil.md:1:1: error: \u{1B}[2Jforged"
        try "# Lone\n\n## Craft\n\n- alone\n".write(
            to: project.appendingPathComponent("content/ops/\(forged).md"), atomically: true, encoding: .utf8)
        let result = try await runLadder(["check"], in: project)
        #expect(!result.output.contains("\u{1B}"), "no raw escape reaches the terminal")
        #expect(!result.output.split(separator: "\n").contains { $0.hasPrefix("evil.md") }, "no line starts with a forged path")
        #expect(result.output.contains("x.md\\u{A}evil.md:1:1: error: \\u{1B}[2Jforged.md:1:1: "), "\(result.output)")
    }

    @Test func ctrlCStopsTheServerCleanly() async throws {
        let project = try projectWithContent()
        for signalNumber in [SIGINT, SIGTERM] {
            let (status, text) = try await offPool { try Self.serve(in: project, until: "Serving ", thenSend: signalNumber) }
            #expect(status == 0, "\(text)")
            #expect(text.hasSuffix("Stopped.\n"), "\(text)")
            #expect(!text.contains("CancellationError"))
        }
    }

    /// With 64 descriptors in all, 100 clients exhaust them; the server waits, and answers once
    /// they close, rather than ending.
    @Test func runningOutOfDescriptorsDoesNotEndTheServer() async throws {
        let project = try projectWithContent()
        let (port, answer, running) = try await offPool { try Self.exhaustDescriptors(in: project) }
        #expect(port != nil, "the server started")
        #expect(answer.hasPrefix("HTTP/1.1 200 OK"), "the server answers once descriptors are free: \(answer)")
        #expect(running)
    }

    /// Starts a server allowed 64 descriptors, opens 100 connections to it, asks for a page,
    /// closes the 100, and reads the answer: (port, answer's start, still running).
    static func exhaustDescriptors(in project: URL) throws -> (UInt16?, String, Bool) {
        let output = project.appendingPathComponent("serve.log")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -n 64 && exec \"$0\" serve --port 0", ladderBinary.path]
        process.currentDirectoryURL = project
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        defer {
            kill(process.processIdentifier, SIGINT)
            process.waitUntilExit()
        }
        let deadline = Date().addingTimeInterval(30)
        var port: UInt16?
        while Date() < deadline, port == nil {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            port = text.firstMatch(of: /Serving http:\/\/127\.0\.0\.1:(\d+)\//).flatMap { UInt16($0.1) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        guard let listening = port else { return (nil, "", process.isRunning) }
        var clients: [Int32] = []
        for _ in 0..<100 { if let client = connectTo(listening) { clients.append(client) } }
        guard let request = connectTo(listening) else { return (port, "no connection", process.isRunning) }
        defer { close(request) }
        let text = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        _ = text.withCString { send(request, $0, strlen($0), 0) }
        for client in clients { close(client) }
        var answer = [UInt8](repeating: 0, count: 64)
        var poller = pollfd(fd: request, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 15_000) == 1 else { return (port, "no answer in 15 s", process.isRunning) }
        let count = recv(request, &answer, answer.count, 0)
        return (port, String(decoding: answer.prefix(max(count, 0)), as: UTF8.self), process.isRunning)
    }

    private static func connectTo(_ port: UInt16) -> Int32? {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if result == 0 { return socket }
        close(socket)
        return nil
    }

    @Test func ctrlCDuringAFailedStartStillStopsCleanly() async throws {
        let project = try temporaryFolder()
        try FileManager.default.createDirectory(at: project.appendingPathComponent("content/eng"), withIntermediateDirectories: true)
        try "---\nlevel: [\n---\n# A\n".write(to: project.appendingPathComponent("content/eng/a.md"), atomically: true, encoding: .utf8)
        let (status, text) = try await offPool { try Self.serve(in: project, until: "Build failed", thenSend: SIGINT) }
        #expect(status == 0, "\(text)")
        #expect(text.contains("pages show these problems until a build succeeds"), "\(text)")
        #expect(!text.contains("still serving"), "no site was ever built")
        #expect(text.hasSuffix("Stopped.\n"))
    }

    /// Starts `ladder serve` on a free port in `project`, waits until its output shows `marker`,
    /// sends it `signalNumber` and returns its exit status and output.
    static func serve(in project: URL, until marker: String, thenSend signalNumber: Int32) throws -> (status: Int32, output: String) {
        let output = project.appendingPathComponent("serve-\(signalNumber).log")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = ladderBinary
        process.arguments = ["serve", "--port", "0"]
        process.currentDirectoryURL = project
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !((try? String(contentsOf: output, encoding: .utf8)) ?? "").contains(marker) {
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(process.processIdentifier, signalNumber)
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: output, encoding: .utf8))
    }
}
