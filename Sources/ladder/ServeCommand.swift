import ArgumentParser
import Foundation
import LadderPlatform
import LadderServe

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site: build into memory, serve it, rebuild and reload on every change.")

    @OptionGroup var content: ContentOptions

    @OptionGroup var templateOptions: TemplateOptions

    @Option(help: "The address to listen on. Anything but 127.0.0.1 or ::1 exposes the preview to the network.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port: UInt16 = 4000

    @Flag(help: "Open the site in the default browser.")
    var open = false

    func run() throws {
        content.requireFolder()
        templateOptions.requireFolder()
        if !["127.0.0.1", "::1", "localhost"].contains(host) {
            FileHandle.standardError.write(Data(
                "ladder: warning: listening on \(host) lets other machines see this preview\n".utf8))
        }
        let server = try PreviewServer(.init(
            contentFolder: content.content, templatesFolder: templateOptions.folder, includeDrafts: content.drafts, host: host, port: port),
            log: Self.say)
        let done = DispatchSemaphore(value: 0)
        let state = ServeState()
        // Ctrl-C and SIGTERM stop the server cleanly, whatever it is doing (building, serving,
        // or failing to start), and the command then ends with "Stopped." and status 0.
        var sources: [DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                state.stopRequested = true
                Task { await server.stop() }
            }
            source.resume()
            sources.append(source)
        }
        let task = Task {
            do {
                try await server.run()
            } catch {
                state.failure = "\(error)"
            }
            done.signal()
        }
        Task {
            try? await server.waitUntilListening()
            guard !state.stopRequested else { return }
            // The port listened on: the one asked for, or the system's choice for --port 0.
            let url = "http://\(host.contains(":") ? "[\(host)]" : host):\(await server.listeningPort ?? port)/"
            Self.say("Serving \(url) (Ctrl-C to stop)")
            if open { Self.openBrowser(url) }
        }
        done.wait()
        withExtendedLifetime((sources, task)) {}
        if let message = state.failure, !state.stopRequested {
            Output.fail(Output.escaped(message))
        }
        Self.say("Stopped.")
    }

    /// Unbuffered, so a log file shows each line as it happens.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func openBrowser(_ url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [Platform.openCommand, url]
        try? process.run()
    }
}

/// What the signal handlers and the server task tell the command, across threads.
private final class ServeState: @unchecked Sendable {  // both fields are read and written under `lock`
    private let lock = NSLock()
    private var stop = false
    private var message: String?

    var stopRequested: Bool {
        get { lock.withLock { stop } }
        set { lock.withLock { stop = newValue } }
    }

    /// The server's error, if it ended with one.
    var failure: String? {
        get { lock.withLock { message } }
        set { lock.withLock { message = newValue } }
    }
}
