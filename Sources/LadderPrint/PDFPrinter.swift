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

    public var description: String {
        switch self {
        case .noChromium:
            return "no Chromium found (looked for chromium, chromium-browser and google-chrome on PATH); install it with 'sudo apt-get install chromium', or pass --chromium PATH"
        case .notASite(let folder):
            return "\(folder) holds no built site (no framework.json); run 'ladder build' first or pass --site"
        case .unknownTarget(let target, let known):
            return "no track or role '\(target)'; use a track slug or track/role, such as \(known.prefix(3).joined(separator: ", "))"
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

    /// Prints `jobs` two at a time into `output`; `progress` hears of each as it ends. Returns
    /// the jobs that failed, with why.
    public func print(
        _ jobs: [PDFJob], site: URL, paper: Paper, output: URL,
        progress: @escaping @Sendable (_ done: Int, _ total: Int, _ job: PDFJob, _ failure: String?) -> Void
    ) throws -> [(PDFJob, String)] {
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let source = try paper == .a4 ? site : Self.copy(site, withPaper: paper)
        defer { if source != site { try? FileManager.default.removeItem(at: source) } }
        let state = Progress(total: jobs.count)
        let slots = DispatchSemaphore(value: 2)
        let group = DispatchGroup()
        for job in jobs {
            slots.wait()
            group.enter()
            DispatchQueue.global().async {
                let failure = printOne(job, from: source, to: output.appendingPathComponent(job.fileName))
                progress(state.finish(job, failure), jobs.count, job, failure)
                slots.signal()
                group.leave()
            }
        }
        group.wait()
        return state.failures
    }

    /// Nil when the PDF was written; else what went wrong.
    func printOne(_ job: PDFJob, from site: URL, to file: URL) -> String? {
        let page = site.appendingPathComponent(job.page)
        guard FileManager.default.fileExists(atPath: page.path) else { return "the site has no page \(job.page)" }
        try? FileManager.default.removeItem(at: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
            "--print-to-pdf=\(file.path)", page.absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return "Chromium did not start: \(error)" }
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            return "Chromium took longer than 2 minutes"
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        return size > 0 ? nil : "Chromium wrote no PDF (exit status \(process.terminationStatus))"
    }

    /// A copy of the site whose paper.css sets another paper size.
    static func copy(_ site: URL, withPaper paper: Paper) throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-pdf-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: site, to: copy)
        let css = copy.appendingPathComponent("assets/paper.css")
        try? FileManager.default.removeItem(at: css)
        try paper.css.write(to: css, atomically: true, encoding: .utf8)
        return copy
    }
}

/// Counts finished jobs and keeps the failures, from several threads.
private final class Progress: @unchecked Sendable {
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
