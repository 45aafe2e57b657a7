import Foundation

/// One PDF to make: a page of a built site and the file it prints to.
public struct PDFJob: Sendable, Hashable {
    /// The PDF's file name, made from slugs: `engineering.pdf`, `engineering-staff-engineer.pdf`.
    public var fileName: String
    /// The page, relative to the site folder.
    public var page: String
}

public enum PDFError: Error, CustomStringConvertible, Equatable {
    case noChromium
    case notASite(String)
    case unknownTarget(String, known: [String])
    /// A slug in the site's framework.json that is not `[a-z0-9-]`: the site was changed by hand.
    case badSlug(String)

    public var description: String {
        switch self {
        case .noChromium:
            return "no Chromium found (looked for chromium, chromium-browser and google-chrome on PATH); install it with 'sudo apt-get install chromium', or pass --chromium PATH"
        case .notASite(let folder):
            return "\(folder) holds no built site (no framework.json); run 'ladder build' first or pass --site"
        case .unknownTarget(let target, let known):
            return "no track or role '\(target)'; use a track slug or track/role, such as \(known.prefix(3).joined(separator: ", "))"
        case .badSlug(let slug):
            let shown = slug.unicodeScalars.map { $0.value >= 0x20 && $0.value < 0x7F ? String($0) : "?" }.joined()
            return "the site's framework.json names a track or role '\(shown)', which is not a slug of letters, digits and dashes; it was not written by ladder build, so nothing was printed: rebuild the site"
        }
    }
}

/// Prints pages of a built site to PDF with headless Chromium, through the site's print CSS.
public struct PDFPrinter: Sendable {
    public enum Paper: String, Sendable, CaseIterable {
        case a4, letter

        var css: String {
            let size = self == .a4 ? "A4" : "letter"
            return "@page { size: \(size); }\n@page matrix { size: \(size) landscape; }\n@page cover { size: \(size); }\n"
        }
    }

    public let chromium: String

    /// Left in a folder of PDFs, so that the next run knows the folder is ladder's.
    public static let marker = ".ladder-pdf"

    public init(chromium: String) {
        self.chromium = chromium
    }

    /// Chromium at `explicit`, else on PATH under its usual names.
    public static func findChromium(explicit: String?, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        if let explicit { return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil }
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in (path ?? "").split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }

    /// The booklet of every track and a PDF of every role, or only those named: a track slug
    /// (its booklet and its roles) or `track/role`.
    public static func jobs(site: URL, targets: [String]) throws -> [PDFJob] {
        struct Document: Decodable {
            struct Track: Decodable {
                var slug: String
                var roles: [Role]
            }

            struct Role: Decodable { var slug: String }

            var tracks: [Track]
        }
        guard let data = FileManager.default.contents(atPath: site.appendingPathComponent("framework.json").path),
            let document = try? JSONDecoder().decode(Document.self, from: data)
        else { throw PDFError.notASite(site.path) }
        var all: [String: [PDFJob]] = [:]
        var order: [String] = []
        for slug in document.tracks.flatMap({ [$0.slug] + $0.roles.map(\.slug) }) where !isSlug(slug) {
            throw PDFError.badSlug(slug)
        }
        for track in document.tracks {
            let booklet = PDFJob(fileName: "\(track.slug).pdf", page: "\(track.slug)/print/index.html")
            let roles = track.roles.map {
                PDFJob(fileName: "\(track.slug)-\($0.slug).pdf", page: "\(track.slug)/\($0.slug)/index.html")
            }
            all[track.slug] = [booklet] + roles
            order.append(track.slug)
            for (role, job) in zip(track.roles, roles) {
                all["\(track.slug)/\(role.slug)"] = [job]
                order.append("\(track.slug)/\(role.slug)")
            }
        }
        guard !targets.isEmpty else { return document.tracks.flatMap { all[$0.slug]! } }
        var jobs: [PDFJob] = []
        for target in targets {
            let key = target.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            guard let found = all[key] else { throw PDFError.unknownTarget(target, known: order) }
            jobs += found.filter { !jobs.contains($0) }
        }
        return jobs
    }

    /// What ladder makes slugs of: `[a-z0-9-]`, not empty. Anything else in a site's
    /// framework.json could name a file outside the output folder.
    static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// Prints `jobs` into `output` through one Chromium, a few tabs at a time; `progress` hears
    /// of each as it ends. A job that fails is tried once more in a fresh tab. Returns the jobs
    /// that failed, with why.
    public func print(
        _ jobs: [PDFJob], site: URL, paper: Paper, output: URL, tabs: Int = max(2, ProcessInfo.processInfo.activeProcessorCount),
        progress: @escaping @Sendable (_ done: Int, _ total: Int, _ job: PDFJob, _ failure: String?) -> Void
    ) throws -> [(PDFJob, String)] {
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let marker = output.appendingPathComponent(Self.marker).path
        var info = stat()
        if lstat(marker, &info) != 0 {
            try? Data("PDFs printed by 'ladder pdf'.\n".utf8).write(to: URL(fileURLWithPath: marker), options: .withoutOverwriting)
        }
        let source = try paper == .a4 ? site : Self.copy(site, withPaper: paper)
        defer { if source != site { try? FileManager.default.removeItem(at: source) } }
        let state = Progress(total: jobs.count)
        let browser: Browser
        do {
            browser = try Browser(chromium: chromium)
            browsersStarted.increment()
        } catch {
            for job in jobs { progress(state.finish(job, "\(error)"), jobs.count, job, "\(error)") }
            return state.failures
        }
        defer { browser.quit() }
        let slots = DispatchSemaphore(value: tabs)
        let group = DispatchGroup()
        for job in jobs {
            slots.wait()
            group.enter()
            DispatchQueue.global().async {
                let file = output.appendingPathComponent(job.fileName)
                let failure = printOne(job, from: source, to: file, in: browser).map { first in
                    printOne(job, from: source, to: file, in: browser).map { "\($0) (and the first time: \(first))" }
                } ?? nil
                progress(state.finish(job, failure), jobs.count, job, failure)
                slots.signal()
                group.leave()
            }
        }
        group.wait()
        return state.failures
    }

    /// How many browsers this printer has started, for the test that one run uses one.
    public let browsersStarted = Counter()

    /// Nil when the PDF was written; else what went wrong. Each document gets a tab of its own,
    /// closed afterwards.
    func printOne(_ job: PDFJob, from site: URL, to file: URL, in browser: Browser) -> String? {
        let page = site.appendingPathComponent(job.page)
        guard FileManager.default.fileExists(atPath: page.path) else { return "the site has no page \(job.page)" }
        try? FileManager.default.removeItem(at: file)
        var target: String?
        do {
            let created = try browser.call("Target.createTarget", ["url": "about:blank"])
            target = created["targetId"] as? String
            guard let target else { return "Chromium opened no tab" }
            let attached = try browser.call("Target.attachToTarget", ["targetId": target, "flatten": true])
            guard let session = attached["sessionId"] as? String else { return "Chromium gave no session for the tab" }
            defer { browser.forget(session: session) }
            try browser.call("Page.enable", session: session)
            try browser.call("Page.navigate", ["url": page.absoluteString], session: session)
            try browser.wait(for: "Page.loadEventFired", session: session, timeout: 120)
            // The page's own layout is settled once its fonts are (the running header uses them).
            try browser.call("Runtime.evaluate", ["expression": "document.fonts.ready.then(function () { return 1; })", "awaitPromise": true], session: session)
            let printed = try browser.call("Page.printToPDF", ["printBackground": true, "preferCSSPageSize": true], session: session, timeout: 120)
            guard let base64 = printed["data"] as? String, let pdf = Data(base64Encoded: base64), !pdf.isEmpty else {
                return "Chromium printed nothing"
            }
            try pdf.write(to: file)
        } catch {
            if let target { _ = try? browser.call("Target.closeTarget", ["targetId": target], timeout: 10) }
            return "\(error)"
        }
        if let target { _ = try? browser.call("Target.closeTarget", ["targetId": target], timeout: 10) }
        return nil
    }

    /// A copy of the site whose paper.css sets another paper size. Only plain files and folders
    /// are copied, never links, so writing the copy's paper.css cannot reach a file elsewhere.
    static func copy(_ site: URL, withPaper paper: Paper) throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-pdf-\(UUID().uuidString)")
        try copyWithoutLinks(site.path, to: copy.path)
        let css = copy.appendingPathComponent("assets/paper.css")
        try FileManager.default.createDirectory(at: css.deletingLastPathComponent(), withIntermediateDirectories: true)
        unlink(css.path)
        try Data(paper.css.utf8).write(to: css, options: .withoutOverwriting)
        return copy
    }

    private static func copyWithoutLinks(_ source: String, to target: String) throws {
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        for name in try FileManager.default.contentsOfDirectory(atPath: source) {
            var info = stat()
            guard lstat("\(source)/\(name)", &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: try copyWithoutLinks("\(source)/\(name)", to: "\(target)/\(name)")
            case S_IFREG: try FileManager.default.copyItem(atPath: "\(source)/\(name)", toPath: "\(target)/\(name)")
            default: continue
            }
        }
    }
}

/// A number several threads add to.
public final class Counter: @unchecked Sendable {  // `value` only under `lock`
    private let lock = NSLock()
    private var count = 0

    func increment() { lock.withLock { count += 1 } }
    public var value: Int { lock.withLock { count } }
}

/// Counts finished jobs and keeps the failures, from several threads.
private final class Progress: @unchecked Sendable {  // `done` and `failed` only under `lock`
    private let lock = NSLock()
    private var done = 0
    private var failed: [(PDFJob, String)] = []
    let total: Int

    init(total: Int) { self.total = total }

    func finish(_ job: PDFJob, _ failure: String?) -> Int {
        lock.withLock {
            done += 1
            if let failure { failed.append((job, failure)) }
            return done
        }
    }

    var failures: [(PDFJob, String)] { lock.withLock { failed.sorted { $0.0.fileName < $1.0.fileName } } }
}
