import Foundation
import LadderBuild
import LadderSite
import Testing

/// The self-assessment in a real browser, from `file://`: marks survive a reload, an export
/// imports back, a shared link shows the marks in a fresh profile, and a rebuilt site with one
/// behaviour reworded keeps the other marks and sets the changed one aside.
@Suite(.enabled(if: Chromium.path != nil, "needs Chromium (make test installs it)"), .serialized)
struct AssessBrowserTests {
    static let repository = fixtures.deletingLastPathComponent().deletingLastPathComponent()
    static let role = "assess/index.html?role=engineering/software-engineer-ii"

    /// The example content built into `folder/name`, optionally with a behaviour reworded.
    static func site(in folder: URL, named name: String, rewording: (String, String)? = nil) throws -> URL {
        let content = folder.appendingPathComponent("content-\(name)")
        try FileManager.default.copyItem(at: repository.appendingPathComponent("content"), to: content)
        if let (old, new) = rewording {
            let file = content.appendingPathComponent("engineering/2-software-engineer-ii.md")
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.contains(old))
            try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
        }
        let site = folder.appendingPathComponent(name)
        var pipeline = Pipeline(contentFolder: content.path)
        #expect(pipeline.build(to: DiskSink(folder: site)).written)
        return site
    }

    static func reports(_ dom: String) -> [String: String] {
        Dictionary(dom.matches(of: /<pre class="measured">([^:<]+): ([^<]*)<\/pre>/).map {
            (String($0.1), String($0.2).replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\""))
        }, uniquingKeysWith: { $1 })
    }

    /// Steps run one after another in a frame; each reports what it sees.
    static let harness = """
        <!doctype html><html><body>
        <script>
        function report(name, text) {
          var out = document.createElement("pre"); out.className = "measured"; out.textContent = name + ": " + text;
          document.body.appendChild(out);
        }
        var f = document.createElement("iframe");
        f.width = "1000"; f.height = "800";
        document.body.appendChild(f);
        var steps = STEPS, step = 0;
        f.addEventListener("load", function () {
          var w = f.contentWindow, d = f.contentDocument;
          setTimeout(function () {
            var next = steps[step++];
            if (next) next(w, d);
          }, 200);
        });
        function coverage(d) { return Array.prototype.map.call(d.querySelectorAll("#assess-coverage td:first-of-type"), function (c) { return c.textContent; }).join(","); }
        function radio(d, n, value) { return d.querySelectorAll(".assess-behaviour")[n].querySelector("input[value=" + value + "]"); }
        f.src = "START";
        </script></body></html>
        """

    /// The browser is waited for off Swift's few cooperative threads, so that the preview
    /// servers other tests run at the same time keep answering.
    static func run(_ site: URL, start: String, steps: String) async throws -> [String: String] {
        let page = harness.replacingOccurrences(of: "STEPS", with: steps).replacingOccurrences(of: "START", with: start)
        try page.write(to: site.appendingPathComponent("harness.html"), atomically: true, encoding: .utf8)
        let path = site.path
        return reports(try await offPool { try Chromium.dumpDOM("file://\(path)/harness.html", virtualTime: 20_000, fileAccess: true) })
    }

    @Test func marksSurviveAReloadAndAnExportImportsBack() async throws {
        let folder = try temporaryFolder()
        let site = try Self.site(in: folder, named: "site")
        let reports = try await Self.run(site, start: Self.role, steps: """
            [
              function (w, d) {
                w.localStorage.clear();
                w.location.reload();
              },
              function (w, d) {
                radio(d, 0, "consistently").click();
                radio(d, 1, "sometimes").click();
                var note = d.querySelectorAll(".assess-note")[1];
                note.value = "in the payments service";
                note.dispatchEvent(new Event("input"));
                report("before reload", coverage(d));
                w.location.reload();
              },
              function (w, d) {
                report("after reload", coverage(d) + " | " + radio(d, 0, "consistently").checked + " | " + d.querySelectorAll(".assess-note")[1].value);
                report("printed", d.querySelectorAll(".assess-printed")[1].textContent);
                var exported = d.getElementById("assess-data").value;
                report("exported", String(JSON.parse(exported).marks["engineering/2-add-automated-tests-for-the-behaviour"].note));
                w.localStorage.clear();
                w.sessionStorage.setItem("export", exported);
                w.location.reload();
              },
              function (w, d) {
                report("cleared", coverage(d));
                d.getElementById("assess-data").value = w.sessionStorage.getItem("export");
                d.getElementById("assess-import").click();
                report("imported", coverage(d) + " | " + radio(d, 0, "consistently").checked + " | " + d.querySelectorAll(".assess-note")[1].value);
                d.getElementById("assess-share").click();
                report("share", d.getElementById("assess-share").getAttribute("data-link"));
              }
            ]
            """)
        #expect(reports["before reload"] == "1 of 4,0 of 4,0 of 3,0 of 2,0 of 4,0 of 3,0 of 3,0 of 3")
        #expect(reports["after reload"] == "1 of 4,0 of 4,0 of 3,0 of 2,0 of 4,0 of 3,0 of 3,0 of 3 | true | in the payments service")
        #expect(reports["printed"] == "Sometimes. Note: in the payments service")
        #expect(reports["exported"] == "in the payments service")
        #expect(reports["cleared"]?.hasPrefix("0 of 4,0 of 4") == true)
        #expect(reports["imported"] == "1 of 4,0 of 4,0 of 3,0 of 2,0 of 4,0 of 3,0 of 3,0 of 3 | true | in the payments service")

        // The share link in a fresh profile (a new browser): the same marks, and they are not
        // kept unless the reader asks.
        let link = try #require(reports["share"])
        #expect(link.contains("#assessment="), "\(link)")
        let fragment = String(link[link.range(of: "#assessment=")!.lowerBound...])
        let path = site.path
        let fresh = try await offPool { try Chromium.dumpDOM("file://\(path)/assess/index.html\(fragment)", virtualTime: 5_000) }
        #expect(fresh.contains("<td>1 of 4</td>"), "the shared marks are shown")
        #expect(fresh.contains("These marks come from a shared link"))
    }

    @Test func aReworkedBehavioursMarkIsSetAsideAndTheOthersKept() async throws {
        let folder = try temporaryFolder()
        let before = try Self.site(in: folder, named: "before")
        _ = try Self.site(in: folder, named: "after", rewording: (
            "I improve the conventions of the codebases I work in, not only follow them",
            "I shape the conventions of the codebases I work in"))
        let reports = try await Self.run(before, start: Self.role, steps: """
            [
              function (w, d) { w.localStorage.clear(); w.location.reload(); },
              function (w, d) {
                radio(d, 0, "consistently").click();
                radio(d, 1, "consistently").click();
                report("marked", coverage(d));
                f.src = "../after/\(Self.role)";
              },
              function (w, d) {
                report("rebuilt", coverage(d));
                report("aside", Array.prototype.map.call(d.querySelectorAll("#assess-aside-list li"), function (li) { return li.textContent; }).join(" / ")
                  + " | shown " + !d.getElementById("assess-aside").hidden);
              }
            ]
            """)
        #expect(reports["marked"]?.hasPrefix("2 of 4,") == true, "\(reports["marked"] ?? "")")
        #expect(reports["rebuilt"]?.hasPrefix("1 of 4,") == true, "the other mark is kept: \(reports["rebuilt"] ?? "")")
        #expect(reports["aside"] == "I improve the conventions of the codebases I work in, not only follow them Consistently | shown true",
                "\(reports["aside"] ?? "")")
    }
}
