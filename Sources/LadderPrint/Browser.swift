import Foundation
import LadderPlatform

/// One headless Chromium for a whole `ladder pdf` run, driven over the DevTools protocol on
/// `--remote-debugging-pipe`: JSON messages, each ended by a NUL byte, written to the browser's
/// descriptor 3 and read from its descriptor 4. No WebSocket and no port: the pipe is private
/// to this process. Calls block the calling thread (print jobs run on Dispatch threads).
final class Browser: @unchecked Sendable {  // the mutable state is only touched under `lock`
    enum Failure: Error, CustomStringConvertible {
        case didNotStart(String)
        case closed
        case timedOut(String)
        case protocolError(String)

        var description: String {
            switch self {
            case .didNotStart(let why): "Chromium did not start: \(why)"
            case .closed: "Chromium closed its connection"
            case .timedOut(let what): "Chromium did not answer \(what) within the time allowed"
            case .protocolError(let message): "Chromium refused: \(message)"
            }
        }
    }

    private let pid: pid_t
    private let toBrowser: Int32, fromBrowser: Int32
    private let lock = NSCondition()
    private var nextID = 1
    private var replies: [Int: [String: Any]] = [:]
    /// Events by session, in the order they came, until someone waits for them.
    private var events: [String: [String]] = [:]
    private var isClosed = false
    private let writeLock = NSLock()

    init(chromium: String) throws {
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        guard pipe(&input) == 0, pipe(&output) == 0 else { throw Failure.didNotStart("no pipe: \(String(cString: strerror(errno)))") }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-chromium-\(UUID().uuidString)").path
        let arguments = [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", "--no-first-run",
            "--no-default-browser-check", "--run-all-compositor-stages-before-draw", "--user-data-dir=\(profile)", "about:blank",
        ]
        guard let pid = Platform.spawn(arguments, descriptors: [(input[0], 3), (output[1], 4)]) else {
            close(input[0]); close(input[1]); close(output[0]); close(output[1])
            throw Failure.didNotStart("\(chromium) could not be run")
        }
        self.pid = pid
        close(input[0])
        close(output[1])
        toBrowser = input[1]
        fromBrowser = output[0]
        // Writes to a browser that has gone must fail, not end ladder.
        signal(SIGPIPE, SIG_IGN)
        self.profile = profile
        let thread = Thread { [unowned self] in self.readLoop() }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// The browser's own profile folder, removed when it quits.
    private let profile: String

    /// Reads messages until the browser closes the pipe: replies by id, events by session.
    private func readLoop() {
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(fromBrowser, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            // A PDF's reply is megabytes long: look for its end only in what just came.
            var searchFrom = buffer.count
            buffer += chunk[0..<count]
            while let end = buffer[searchFrom...].firstIndex(of: 0) {
                let message = Data(buffer[..<end])
                buffer.removeSubrange(...end)
                searchFrom = 0
                guard let object = (try? JSONSerialization.jsonObject(with: message)) as? [String: Any] else { continue }
                lock.lock()
                if let id = object["id"] as? Int {
                    replies[id] = object
                } else if let method = object["method"] as? String {
                    events[(object["sessionId"] as? String) ?? "", default: []].append(method)
                }
                lock.broadcast()
                lock.unlock()
            }
        }
        lock.lock()
        isClosed = true
        lock.broadcast()
        lock.unlock()
    }

    /// Sends a command and waits for its reply's `result`.
    @discardableResult
    func call(_ method: String, _ params: [String: Any] = [:], session: String? = nil, timeout: TimeInterval = 60) throws -> [String: Any] {
        lock.lock()
        let id = nextID
        nextID += 1
        lock.unlock()
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if let session { message["sessionId"] = session }
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0)
        let written: Bool = writeLock.withLock {
            data.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let n = write(toBrowser, bytes.baseAddress! + offset, bytes.count - offset)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { return false }
                    offset += n
                }
                return true
            }
        }
        guard written else { throw Failure.closed }
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while replies[id] == nil {
            if isClosed { throw Failure.closed }
            if !lock.wait(until: deadline) { throw Failure.timedOut(method) }
        }
        let reply = replies.removeValue(forKey: id)!
        if let error = reply["error"] as? [String: Any] { throw Failure.protocolError((error["message"] as? String) ?? "\(error)") }
        return (reply["result"] as? [String: Any]) ?? [:]
    }

    /// Waits until `session` has sent `method` (an event already received counts).
    func wait(for method: String, session: String, timeout: TimeInterval = 60) throws {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let index = events[session]?.firstIndex(of: method) {
                events[session]!.remove(at: index)
                return
            }
            if isClosed { throw Failure.closed }
            if !lock.wait(until: deadline) { throw Failure.timedOut(method) }
        }
    }

    /// Forgets a closed tab's events.
    func forget(session: String) {
        lock.lock()
        events[session] = nil
        lock.unlock()
    }

    /// Asks the browser to quit, waits for it, and removes its profile.
    func quit() {
        _ = try? call("Browser.close", timeout: 10)
        close(toBrowser)
        Platform.wait(for: pid)
        close(fromBrowser)
        try? FileManager.default.removeItem(atPath: profile)
    }
}
