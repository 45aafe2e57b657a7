import LadderHealth
import LadderAnalysis
import LadderModel

/// `health/`: the same findings as `ladder check`, by track and position, linked to the role
/// and the behaviour each concerns.
enum HealthPageView {
    static func make(_ site: SiteContext, otherDiagnostics: [Diagnostic]) -> [String: Any] {
        let findings = site.report.findings
        let all = otherDiagnostics + findings.map(\.diagnostic)
        let tracks = site.framework.tracks.map { track -> [String: Any] in
            let positions = track.roles.map { role -> [String: Any] in
                let roleFindings = site.findingsByRole["\(track.slug)/\(role.slug)"] ?? []
                return [
                    "title": role.title, "level": role.level.id, "href": Links.role(role, in: track),
                    "summary": HealthView.summary(roleFindings), "status": HealthView.status(roleFindings),
                    "findings": roleFindings.map { finding in
                        var view = HealthView.finding(finding)
                        view["href"] = Links.role(role, in: track) + (finding.anchor.map { "#\($0)" } ?? "")
                        return view
                    },
                    "hasFindings": !roleFindings.isEmpty,
                ]
            }
            return ["title": track.title, "href": Links.track(track), "positions": positions]
        }
        let unplaced = findings.filter { $0.role == nil }.map(\.diagnostic) + otherDiagnostics
        return [
            "errors": all.errorCount, "warnings": all.warningCount, "passed": site.report.checksPassed,
            "status": all.errorCount > 0 ? "error" : all.warningCount > 0 ? "warning" : "ok",
            "tracks": tracks,
            "files": unplaced.sorted().map { HealthView.finding(Finding($0)) },
            "hasFiles": !unplaced.isEmpty,
        ]
    }
}
