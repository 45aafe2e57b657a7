import Foundation

/// The small client the preview server adds to every page (never to `ladder build` output):
/// it listens to server-sent events, reloads when a build replaces the pages, and shows the
/// problems of a failed build over the page until the next good build.
enum LiveReload {
    static let scriptPath = "__ladder/live.js"
    static let eventsPath = "__ladder/events"

    /// Adds the client script before `</body>`.
    static func inject(into page: Data, generation: Int) -> Data {
        let tag = Data("<script src=\"/\(scriptPath)\" data-generation=\"\(generation)\"></script>\n".utf8)
        guard let range = page.range(of: Data("</body>".utf8), options: .backwards) else { return page + tag }
        var result = page
        result.insert(contentsOf: tag, at: range.lowerBound)
        return result
    }

    static func eventReply(_ events: AsyncStream<PreviewSite.Event>) -> Reply {
        let bytes = AsyncStream<Data> { continuation in
            let task = Task {
                // A comment every few seconds keeps proxies and browsers from closing an idle stream.
                let heartbeat = Task {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(10))
                        continuation.yield(Data(": ping\n\n".utf8))
                    }
                }
                for await event in events { continuation.yield(encode(event)) }
                heartbeat.cancel()
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
        return Reply(
            status: 200, headers: [("Content-Type", "text/event-stream; charset=utf-8"), ("Cache-Control", "no-cache")],
            body: .stream(bytes))
    }

    static func encode(_ event: PreviewSite.Event) -> Data {
        switch event {
        case .reload(let generation):
            return Data("event: reload\ndata: \(generation)\n\n".utf8)
        case .problem(let lines, let served):
            struct Problem: Encodable { var lines: [String], served: Bool }
            let json = (try? JSONEncoder().encode(Problem(lines: lines, served: served))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            return Data("event: problem\ndata: \(json)\n\n".utf8)
        }
    }

    static let script = #"""
        // ladder serve: reload on rebuild, show build problems in place.
        (function () {
          "use strict";
          var self = document.currentScript;
          var loaded = self ? self.getAttribute("data-generation") : null;
          var overlay = null;
          function showProblems(report) {
            var lines = report.lines || [];
            if (!overlay) {
              overlay = document.createElement("div");
              overlay.id = "ladder-problems";
              overlay.setAttribute("role", "alert");
              overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);" +
                "color:#fff;font:14px/1.5 ui-monospace,monospace;padding:2rem";
              document.body.appendChild(overlay);
            }
            overlay.textContent = "";
            var title = document.createElement("h2");
            title.textContent = report.served
              ? "ladder: the last edit could not be built. Showing the last good site."
              : "ladder: the site could not be built yet. Fix these problems and save.";
            title.style.cssText = "color:#ff8a8a;font:600 18px system-ui,sans-serif;margin:0 0 1rem";
            overlay.appendChild(title);
            lines.forEach(function (line) {
              var p = document.createElement("pre");
              p.textContent = line;
              p.style.cssText = "white-space:pre-wrap;margin:0 0 .5rem";
              overlay.appendChild(p);
            });
          }
          var events = new EventSource("/__ladder/events");
          events.addEventListener("reload", function (e) {
            if (overlay || e.data !== loaded) window.location.reload();
          });
          events.addEventListener("problem", function (e) {
            try { showProblems(JSON.parse(e.data)); } catch (err) { showProblems({ lines: ["(unreadable problem report)"], served: false }); }
          });
        })();
        """#
}

