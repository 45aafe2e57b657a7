import Foundation
import LadderBuild
import LadderSite
import Testing

/// axe-core over every page kind of the example content and of the seed framework, in the light
/// and the dark theme. axe comes from PyPI's axe-selenium-python, which `make test` unpacks into
/// .build/axe; it is put into a copy of the site for the test, never into a site.
@Suite(.enabled(if: Chromium.path != nil && AxeCore.url != nil, "needs Chromium and .build/axe/axe.min.js (make test fetches both)"))
struct AccessibilityTests {
    static let repository = fixtures.deletingLastPathComponent().deletingLastPathComponent()

    /// Runs axe in the light theme, then in the dark one, and writes what each found into the page.
    static let runner = """
        window.addEventListener("load", function () {
          function found(results) {
            return results.violations.map(function (v) {
              return v.id + " (" + v.impact + "): " + v.nodes.map(function (n) { return n.target.join(" "); }).join(", ");
            });
          }
          var report = {};
          document.documentElement.setAttribute("data-theme", "light");
          axe.run(document).then(function (light) {
            report.light = found(light);
            document.documentElement.setAttribute("data-theme", "dark");
            return axe.run(document);
          }).then(function (dark) {
            report.dark = found(dark);
            var pre = document.createElement("pre");
            pre.id = "axe-report";
            pre.textContent = JSON.stringify(report);
            document.body.appendChild(pre);
          });
        });
        """

    /// A copy of the site built from `content`, with axe and the runner added to every page.
    static func siteWithAxe(_ content: URL) throws -> URL {
        let folder = try temporaryFolder().appendingPathComponent("site")
        var pipeline = Pipeline(contentFolder: content.path)
        guard pipeline.build(to: DiskSink(folder: folder)).written else { throw FixtureError.templates([]) }
        try FileManager.default.copyItem(at: AxeCore.url!, to: folder.appendingPathComponent("assets/axe.min.js"))
        try runner.write(to: folder.appendingPathComponent("assets/axe-run.js"), atomically: true, encoding: .utf8)
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let relative = walker?.nextObject() as? String {
            guard relative.hasSuffix(".html") else { continue }
            let file = folder.appendingPathComponent(relative)
            let root = String(repeating: "../", count: relative.split(separator: "/").count - 1)
            let html = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
                of: "</body>", with: "<script src=\"\(root)assets/axe.min.js\"></script><script src=\"\(root)assets/axe-run.js\"></script></body>")
            try html.write(to: file, atomically: true, encoding: .utf8)
        }
        return folder
    }

    static let exampleKinds = [
        "index.html", "engineering/index.html", "engineering/senior-software-engineer/index.html",
        "engineering/senior-software-engineer/next/index.html", "engineering/matrix/index.html", "engineering/print/index.html",
        "levels/index.html", "compare/index.html", "health/index.html", "abilities/index.html", "abilities/mentoring/index.html",
        "assignments/index.html", "assignments/tech-lead/index.html", "calculator/index.html", "search/index.html?q=mentor", "assess/index.html?role=engineering/software-engineer-ii",
    ]

    /// The browser is waited for off Swift's few cooperative threads (see `offPool`).
    func expectNoViolations(_ site: URL, _ pages: [String]) async throws {
        for page in pages {
            let url = "file://\(site.path)/\(page)"
            let dom = try await offPool { try Chromium.dumpDOM(url, virtualTime: 30_000) }
            let report = try #require(dom.firstMatch(of: /<pre id="axe-report">([^<]*)<\/pre>/), "axe did not finish on \(page)")
            let text = String(report.1).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&amp;", with: "&")
            #expect(text.hasPrefix("{\"light\":[],\"dark\":[]"), "\(page): \(text)")
        }
    }

    @Test func theExampleContentHasNoViolationsInEitherTheme() async throws {
        let site = try Self.siteWithAxe(Self.repository.appendingPathComponent("content"))
        try await expectNoViolations(site, Self.exampleKinds)
    }

    /// On a 360 px phone no reader page needs sideways scrolling, and the matrix scrolls with
    /// the page with its level headings held at the top. Headless Chromium's window is at least
    /// 500 px wide, so each page is measured in a 360 px frame.
    @Test func readerPagesFitAPhone() async throws {
        let site = try Self.siteWithAxe(Self.repository.appendingPathComponent("content"))
        let pages = [
            "calculator/index.html", "engineering/matrix/index.html", "engineering/senior-software-engineer/index.html",
            "engineering/software-engineer-ii/next/index.html", "compare/index.html", "abilities/index.html", "search/index.html?q=mentoring", "assess/index.html?role=engineering/software-engineer-ii",
        ]
        try """
            <!doctype html><html><body>
            <script>
            var pages = \(String(decoding: try JSONEncoder().encode(pages), as: UTF8.self));
            pages.forEach(function (src) {
              var frame = document.createElement("iframe");
              frame.width = "360"; frame.height = "800"; frame.src = src;
              frame.addEventListener("load", function () {
                var doc = this.contentDocument, out = document.createElement("pre");
                var head = doc.querySelector(".matrix thead th"), scroll = doc.querySelector(".matrix-scroll");
                out.className = "measured";
                out.textContent = src + " width " + doc.documentElement.scrollWidth
                  + (head ? " head " + getComputedStyle(head).position + " scroll " + getComputedStyle(scroll).overflowY
                    + " shown " + doc.querySelectorAll(".matrix thead th:not(.off-pair)").length : "");
                document.body.appendChild(out);
              });
              document.body.appendChild(frame);
            });
            </script></body></html>
            """.write(to: site.appendingPathComponent("measure.html"), atomically: true, encoding: .utf8)
        let url = "file://\(site.path)/measure.html"
        let dom = try await offPool { try Chromium.dumpDOM(url, virtualTime: 30_000, fileAccess: true) }
        let measured = Dictionary(uniqueKeysWithValues: dom.matches(of: /<pre class="measured">(\S+) width (\d+)([^<]*)<\/pre>/).map { (String($0.1), (Int($0.2)!, String($0.3))) })
        for page in pages {
            let (width, rest) = try #require(measured[page], "\(page) reported no width")
            #expect(width <= 360, "\(page) is \(width) px wide")
            if page.contains("matrix") {
                #expect(rest == " head sticky scroll visible shown 3", "the area column and two levels; headings sticky to the page: \(rest)")
            }
        }
    }

    /// Four tracks fold into the navigation's Tracks menu: it must pass too, open and closed.
    @Test func theFoldedNavigationHasNoViolations() async throws {
        let content = try temporaryFolder().appendingPathComponent("content")
        for track in ["design", "data", "sales", "support"] {
            try FileManager.default.createDirectory(at: content.appendingPathComponent(track), withIntermediateDirectories: true)
            try "# \(track.capitalized)\n\n## One\n\n### Craft\n\n- I learn the craft\n\n## Two\n\n### Craft\n\n- I teach the craft\n"
                .write(to: content.appendingPathComponent("\(track)/roles.md"), atomically: true, encoding: .utf8)
        }
        let site = try Self.siteWithAxe(content)
        let page = site.appendingPathComponent("data/one/index.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("<details class=\"nav-menu\">"))
        try html.replacingOccurrences(of: "<details class=\"nav-menu\">", with: "<details class=\"nav-menu\" open>")
            .write(to: site.appendingPathComponent("data/one/open.html"), atomically: true, encoding: .utf8)
        try await expectNoViolations(site, ["index.html", "data/one/index.html", "data/one/open.html"])
    }

    @Test func theSeedFrameworkHasNoViolationsInEitherTheme() async throws {
        let seeds = Self.repository.deletingLastPathComponent().appendingPathComponent("shared/seeds")
        guard let seed = ((try? FileManager.default.contentsOfDirectory(atPath: seeds.path)) ?? []).sorted().first(where: { $0.hasPrefix("000_") })
        else {
            print("Skipping the seed's accessibility check: ../shared/seeds is not beside the repository")
            return
        }
        let content = try temporaryFolder().appendingPathComponent("content/product")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: seeds.appendingPathComponent(seed), to: content.appendingPathComponent("roles.md"))
        let site = try Self.siteWithAxe(content.deletingLastPathComponent())
        try await expectNoViolations(site, [
            "index.html", "product/index.html", "product/product-manager/index.html",
            "product/product-manager/next/index.html", "product/matrix/index.html",
        ])
    }
}

/// axe-core, unpacked by `make test` from PyPI's axe-selenium-python.
enum AxeCore {
    static let url: URL? = {
        let url = fixtures.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/axe/axe.min.js")
        if FileManager.default.fileExists(atPath: url.path) { return url }
        print("Skipping accessibility tests: no .build/axe/axe.min.js (make test fetches it)")
        return nil
    }()
}
