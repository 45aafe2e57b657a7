import FlyingSocks
import Foundation

/// A request as the preview reads it: its head only (the preview answers GET and HEAD, which
/// have no body).
public struct RequestHead: Sendable {
    public var method: String
    /// The raw target, still percent-encoded: `/a/b/?q=1`.
    public var target: String
    public var version: String
    public var headers: [(name: String, value: String)]

    /// The value of the first header of that name, in any case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The target's path, without the query.
    public var path: String { String(target.prefix { $0 != "?" }) }

    var keepsAlive: Bool {
        let connection = header("Connection")?.lowercased() ?? ""
        return version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive")
    }
}

/// What the preview answers: a status, headers, and the bytes or a stream of them.
public struct Reply: Sendable {
    public enum Body: Sendable {
        case bytes(Data)
        /// Written as it comes, until it ends or the client goes; the connection then closes.
        case stream(AsyncStream<Data>)
    }

    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Body
    /// HEAD: the headers of the GET answer, without its body.
    public var omitsBody = false

    public init(status: Int, headers: [(name: String, value: String)] = [], body: Body = .bytes(Data())) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func text(_ status: Int, _ text: String, headers: [(name: String, value: String)] = []) -> Reply {
        Reply(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")] + headers, body: .bytes(Data(text.utf8)))
    }

    static let reasons: [Int: String] = [
        200: "OK", 301: "Moved Permanently", 304: "Not Modified", 400: "Bad Request", 403: "Forbidden", 404: "Not Found",
        405: "Method Not Allowed", 408: "Request Timeout", 431: "Request Header Fields Too Large", 500: "Internal Server Error",
        505: "HTTP Version Not Supported",
    ]
}

/// The preview's HTTP/1.1 server, on FlyingSocks' non-blocking sockets. It reads a request's
/// head itself, so that no client can make it read more than `maximumHead` bytes, take longer
/// than `headTimeout` to send them, or stop it by holding every file descriptor: a head too
/// large gets 431, a malformed one 400, a slow one is closed, and when descriptors run out the
/// server waits for some to free up rather than ending.
final class HTTPServer: Sendable {
    typealias Handler = @Sendable (RequestHead) async -> Reply

    /// Request line and headers together (browsers send under 8 KB).
    static let maximumHead = 16 * 1024
    static let headTimeout: Duration = .seconds(20)

    private let address: any SocketAddress
    private let handler: Handler
    private let state = ServerState()

    init(address: any SocketAddress, handler: @escaping Handler) {
        self.address = address
        self.handler = handler
    }

    /// Binds, listens and serves until `stop()`.
    func run() async throws {
        let socket = try Socket(domain: Int32(type(of: address).family))
        try socket.setValue(true, for: .localAddressReuse)
        try socket.bind(to: address)
        try socket.listen()
        let pool = SocketPool.make(maxEvents: 64)
        try await pool.prepare()
        let listener = try AsyncSocket(socket: socket, pool: pool)
        guard state.start(socket) else {
            try? socket.close()
            return
        }
        defer { try? socket.close() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await pool.run() }
            group.addTask { await self.accept(on: listener) }
            // The accept loop ends on stop(); the pool then has nothing left to wait for.
            _ = try await group.next()
            group.cancelAll()
        }
    }

    var listeningPort: UInt16? {
        switch try? state.socket?.sockname() {
        case .ip4(_, let port)?, .ip6(_, let port)?: port
        default: nil
        }
    }

    var isListening: Bool { state.socket != nil }

    /// Stops accepting, ends every connection (open event streams too) and lets `run` return.
    func stop() {
        state.stop()
    }

    private func accept(on listener: AsyncSocket) async {
        await withDiscardingTaskGroup { group in
            while !state.isStopped && !Task.isCancelled {
                do {
                    let client = try await listener.accept()
                    group.addTask { await self.serve(client) }
                } catch SocketError.failed(_, let number, _) where [EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(number) {
                    // Out of descriptors or memory: the waiting connection stays queued until
                    // some close, so wait a little rather than spin or give up.
                    try? await Task.sleep(for: .milliseconds(50))
                } catch {
                    if state.isStopped || Task.isCancelled { break }
                    try? await Task.sleep(for: .milliseconds(10))  // a client that left before accept
                }
            }
            group.cancelAll()
        }
    }

    /// One connection: requests one after another while the client keeps it alive.
    private func serve(_ client: AsyncSocket) async {
        defer { try? client.close() }
        var buffer: [UInt8] = []
        while !Task.isCancelled && !state.isStopped {
            let head: RequestHead
            switch await readHead(client, &buffer) {
            case .head(let read): head = read
            case .tooLarge:
                await send(.text(431, "The request's head is larger than 16 KB.\n"), to: client, keepAlive: false)
                return
            case .malformed(let why):
                await send(.text(400, "\(why)\n"), to: client, keepAlive: false)
                return
            case .closed: return
            }
            var reply = await handler(head)
            reply.omitsBody = head.method == "HEAD"
            let keepAlive = head.keepsAlive && !Self.isStream(reply)
            guard await send(reply, to: client, keepAlive: keepAlive), keepAlive else { return }
        }
    }

    private static func isStream(_ reply: Reply) -> Bool {
        if case .stream = reply.body { return true }
        return false
    }

    enum HeadRead {
        case head(RequestHead)
        case tooLarge
        case malformed(String)
        case closed
    }

    /// Reads until the blank line that ends a head, at most `maximumHead` bytes and
    /// `headTimeout` long; bytes after the head stay in `buffer` for the next request.
    private func readHead(_ client: AsyncSocket, _ buffer: inout [UInt8]) async -> HeadRead {
        // A client that stops sending is cut off: shutting the socket down wakes the read.
        let descriptor = client.socket.file.rawValue
        let watchdog = Task {
            try await Task.sleep(for: Self.headTimeout)
            shutdown(descriptor, Int32(SHUT_RDWR))
        }
        defer { watchdog.cancel() }
        var searched = 0
        while true {
            if let end = Self.headEnd(in: buffer, from: searched) {
                let head = Self.parseHead(buffer[..<end.start])
                buffer.removeFirst(end.after)
                return head
            }
            if buffer.count > Self.maximumHead { return .tooLarge }
            searched = max(0, buffer.count - 3)
            do {
                buffer += try await client.read(atMost: 4096)
            } catch {
                return .closed
            }
        }
    }

    /// Where the head ends: CRLF CRLF (or a bare LF LF, which some clients send).
    static func headEnd(in bytes: [UInt8], from start: Int) -> (start: Int, after: Int)? {
        var index = start
        while index < bytes.count {
            if bytes[index] == 0x0A {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { return (index, index + 2) }
                if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A { return (index, index + 3) }
            }
            index += 1
        }
        return nil
    }

    /// The request line and header fields, strictly: `METHOD /target HTTP/1.x`, a token for the
    /// method (case-sensitive), `name: value` fields with no folded lines.
    static func parseHead(_ bytes: ArraySlice<UInt8>) -> HeadRead {
        // Split on the bytes: in a Swift string "\r\n" is one character.
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)[...]
        }
        // A blank line or two before the request line is allowed (RFC 9112, section 2.2).
        while lines.first?.isEmpty == true { lines.removeFirst() }
        guard let requestLine = lines.first else { return .malformed("The request has no request line.") }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(isTokenCharacter),
            parts[1].first == "/", !parts[1].contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } ?? false })
        else { return .malformed("The request line is not 'METHOD /path HTTP/1.1'.") }
        guard parts[2] == "HTTP/1.1" || parts[2] == "HTTP/1.0" else {
            return .malformed("Only HTTP/1.0 and HTTP/1.1 are spoken here.")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { return .malformed("A header line has no colon.") }
            let name = line[..<colon]
            guard !name.isEmpty, name.allSatisfy(isTokenCharacter) else { return .malformed("A header name is not a token.") }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append((String(name), value))
        }
        return .head(RequestHead(method: String(parts[0]), target: String(parts[1]), version: String(parts[2]), headers: headers))
    }

    /// RFC 9110's `tchar`.
    static func isTokenCharacter(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue, ascii > 0x20, ascii < 0x7F else { return false }
        return !"\"(),/:;<=>?@[\\]{}".contains(character)
    }

    /// Writes the reply; false when the client is gone.
    @discardableResult
    private func send(_ reply: Reply, to client: AsyncSocket, keepAlive: Bool) async -> Bool {
        var head = "HTTP/1.1 \(reply.status) \(Reply.reasons[reply.status] ?? "Unknown")\r\n"
        for (name, value) in reply.headers { head += "\(name): \(value)\r\n" }
        if case .bytes(let data) = reply.body, reply.status != 304 { head += "Content-Length: \(data.count)\r\n" }
        head += "Connection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n"
        do {
            switch reply.body {
            case .bytes(let data):
                try await client.write(Data(head.utf8) + (reply.omitsBody ? Data() : data))
            case .stream(let stream):
                try await client.write(Data(head.utf8))
                guard !reply.omitsBody else { return true }
                for await chunk in stream {
                    try await client.write(chunk)
                }
            }
            return true
        } catch {
            return false
        }
    }
}

/// The listening socket and whether the server was asked to stop, shared by its tasks.
private final class ServerState: @unchecked Sendable {  // every field is read and written under `lock`
    private let lock = NSLock()
    private var listening: Socket?
    private var stopped = false

    /// Records the listening socket; false when stop() came first.
    func start(_ socket: Socket) -> Bool {
        lock.withLock {
            guard !stopped else { return false }
            listening = socket
            return true
        }
    }

    var socket: Socket? { lock.withLock { listening } }
    var isStopped: Bool { lock.withLock { stopped } }

    func stop() {
        let socket: Socket? = lock.withLock {
            stopped = true
            return listening
        }
        // Wakes the accept loop, which then sees `stopped`.
        if let socket { shutdown(socket.file.rawValue, Int32(SHUT_RDWR)) }
    }
}
