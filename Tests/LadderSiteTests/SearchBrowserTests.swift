import Foundation
import LadderBuild
import LadderSite
import Testing

/// Search in a real browser, from `file://`: the header's box finds a behaviour and its result
/// leads to the behaviour's anchor; the search page answers `?q=` and keeps the query in the
/// address as the reader types. A harness page drives the site's pages in frames.
@Suite(.enabled(if: Chromium.path != nil, "needs Chromium (make test installs it)"))
struct SearchBrowserTests {
    static let repository = fixtures.deletingLastPathComponent().deletingLastPathComponent()

    static let harness = """
        <!doctype html><html><body>
        <script>
        function report(name, text) {
          var out = document.createElement("pre");
          out.className = "measured";
          out.textContent = name + ": " + text;
          document.body.appendChild(out);
        }
        function waitFor(test, then, tries) {
          if (test()) { then(); return; }
          if (tries <= 0) { then(); return; }
          setTimeout(function () { waitFor(test, then, tries - 1); }, 50);
        }
        function frame(src, onload) {
          var f = document.createElement("iframe");
          f.width = "1280"; f.height = "700"; f.src = src;
          var loads = 0;
          f.addEventListener("load", function () { loads += 1; onload(f, loads); });
          document.body.appendChild(f);
        }
        // 1. The header's box, on a role page: type, follow the first result.
        frame("engineering/software-engineer-i/index.html", function (f, loads) {
          var doc = f.contentDocument;
          if (loads === 1) {
            var input = doc.getElementById("site-search-input");
            report("header form shown", String(!input.closest("form").hidden));
            input.focus();
            input.value = "riskiest";
            input.dispatchEvent(new Event("input", { bubbles: true }));
            waitFor(function () { return doc.querySelector("#site-search-results a"); }, function () {
              var link = doc.querySelector("#site-search-results a");
              report("popup visible", String(!doc.getElementById("site-search-results").hidden));
              report("first result", link ? link.getAttribute("href") + " | " + link.textContent + " | marked " + link.querySelectorAll("mark").length : "none");
              if (link) f.src = link.href;
            }, 60);
          } else {
            // The browser scrolls to the anchor once the page is laid out.
            setTimeout(function () {
              var id = decodeURIComponent(f.contentWindow.location.hash.slice(1));
              var target = doc.getElementById(id);
              var top = target ? target.getBoundingClientRect().top : -1;
              report("followed", id + " | found " + !!target + " | top " + Math.round(top) + " | scrolled " + Math.round(f.contentWindow.scrollY));
            }, 300);
          }
        });
        // 2. An old address (aliases: in the example content) sends the reader on.
        frame("engineering/staff-engineer/index.html", function (f, loads) {
          if (loads === 2) report("alias", f.contentWindow.location.pathname.split("/").slice(-3).join("/") + " | " + f.contentDocument.title);
        });
        // 3. The search page opened with ?q=, then typed into.
        frame("search/index.html?q=mentor", function (f, loads) {
          if (loads !== 1) return;
          var doc = f.contentDocument;
          waitFor(function () { return doc.querySelectorAll("#search-results li").length > 0; }, function () {
            report("q results", doc.querySelectorAll("#search-results li").length + " | " + doc.getElementById("search-status").textContent);
            var q = doc.getElementById("search-q");
            report("q box", q.value);
            q.value = "Communication";
            q.dispatchEvent(new Event("input", { bubbles: true }));
            setTimeout(function () {
              report("address", f.contentWindow.location.search);
              report("typed results", doc.querySelectorAll("#search-results li").length + " | first " + (doc.querySelector("#search-results li a") || {}).textContent);
              var track = doc.getElementById("search-track");
              track.value = "1";
              track.dispatchEvent(new Event("change"));
              report("filtered address", f.contentWindow.location.search);
              report("filtered contexts", Array.prototype.map.call(doc.querySelectorAll("#search-results .search-context"), function (c) { return c.textContent; }).join(" / "));
            }, 400);
          }, 60);
        });
        </script></body></html>
        """

    // Async, with the browser waited for off Swift's few cooperative threads, so that the
    // preview servers other tests run at the same time keep answering.
    @Test func theHeaderSearchFindsABehaviourAndItsResultScrollsToIt() async throws {
        let site = try temporaryFolder().appendingPathComponent("site")
        var pipeline = Pipeline(contentFolder: Self.repository.appendingPathComponent("content").path)
        #expect(pipeline.build(to: DiskSink(folder: site)).written)
        try Self.harness.write(to: site.appendingPathComponent("harness.html"), atomically: true, encoding: .utf8)
        let path = site.path
        let dom = try await offPool { try Chromium.dumpDOM("file://\(path)/harness.html", virtualTime: 20_000, fileAccess: true, reducedMotion: true) }
        let reports = Dictionary(dom.matches(of: /<pre class="measured">([^:<]+): ([^<]*)<\/pre>/).map {
            (String($0.1), String($0.2).replacingOccurrences(of: "&amp;", with: "&"))
        }, uniquingKeysWith: { $1 })
        #expect(reports["header form shown"] == "true")
        #expect(reports["popup visible"] == "true")
        let first = try #require(reports["first result"])
        #expect(first.hasPrefix("../../engineering/senior-software-engineer/index.html#3-find-the-riskiest-part-of-a"), "\(first)")
        #expect(first.contains("I find the riskiest part of a project") && first.hasSuffix("marked 1"), "\(first)")
        let followed = try #require(reports["followed"], "the result was not followed")
        let parts = followed.components(separatedBy: " | ")
        #expect(parts.first == "3-find-the-riskiest-part-of-a" && parts.contains("found true"), "\(followed)")
        let top = Int(parts.first { $0.hasPrefix("top ") }?.dropFirst(4) ?? "") ?? -1
        #expect((0..<700).contains(top), "the behaviour is in view after following: \(followed)")
        #expect(parts.contains { $0.hasPrefix("scrolled ") && $0 != "scrolled 0" }, "the page scrolled to it: \(followed)")

        let opened = try #require(reports["q results"])
        #expect(opened.hasPrefix("5 |") && opened.hasSuffix("5 results."), "\(opened)")
        #expect(reports["q box"] == "mentor")
        #expect(reports["address"] == "?q=Communication", "the query follows the typing: \(reports["address"] ?? "")")
        #expect(reports["typed results"]?.contains("first Communication") == true, "\(reports["typed results"] ?? "")")
        #expect(reports["filtered address"] == "?q=Communication&track=1")
        #expect(reports["alias"] == "engineering/staff-software-engineer/index.html | Staff Software Engineer · Engineering · Lumen Labs career framework",
                "the alias page redirects to its role: \(reports["alias"] ?? "no second load")")
        #expect(reports["filtered contexts"]?.contains("Engineering") == false, "\(reports["filtered contexts"] ?? "")")
    }
}
