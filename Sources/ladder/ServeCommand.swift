import ArgumentParser
import Foundation
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
        let url = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)/"
        let done = DispatchSemaphore(value: 0)
        let failure = Failure()
        let task = Task {
            do {
                try await server.run()
            } catch {
                failure.message = "\(error)"
            }
            done.signal()
        }
        Task {
            try? await server.waitUntilListening()
            Self.say("Serving \(url) (Ctrl-C to stop)")
            if open { Self.openBrowser(url) }
        }
        // Ctrl-C and SIGTERM stop the server cleanly instead of killing the process mid-write.
        var sources: [DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                Task {
                    await server.stop()
                    task.cancel()
                }
            }
            source.resume()
            sources.append(source)
        }
        done.wait()
        if let message = failure.message {
            FileHandle.standardError.write(Data("ladder: \(message)\n".utf8))
            throw ExitCode.failure
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
        process.arguments = ["xdg-open", url]
        try? process.run()
    }
}

/// The server task's error, read after it finished.
private final class Failure: @unchecked Sendable {
    var message: String?
}
