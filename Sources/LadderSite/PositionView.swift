import LadderHealth
import LadderAnalysis
import LadderModel

/// The position page, for readers first: the summary and the behaviours, then what changes at
/// the next level, then the position's details. Health findings appear only in the preview's
/// author panel (`site.authorMode`), never on a published page.
enum RoleView {
    static func make(_ role: Role, at index: Int, in track: Track, site: SiteContext) -> [String: Any] {
        func neighbour(_ other: Role) -> [String: Any] {
            ["title": other.title, "level": other.level.id, "href": Links.role(other, in: track)]
        }
        var view: [String: Any] = [
            "track": ["title": track.title, "href": Links.track(track)],
            "role": [
                "title": role.title, "level": role.level.id,
                "summaryHTML": role.summary?.html ?? "",
                "descriptionHTML": role.descriptionHTML,
                "behaviourCount": role.behaviourCount,
                "areaCount": counted(role.areas.count, "area"),
            ] as [String: Any],
            "areas": AreaView.make(role, behaviourIDs: site.behaviourIDs(of: index, in: track)),
            "sections": role.sections.map { ["title": $0.title, "html": $0.html] },
            "position": "\(index + 1) of \(track.roles.count)",
            "updated": site.framework.lastChanged[role.location.file] ?? "",
            "assessHref": "assess/index.html?role=\(track.slug)/\(role.slug)",
            "changedSince": site.changes.flatMap { changes in
                changes.changes.changedRoles.contains("\(track.slug)/\(role.slug)")
                    ? ["revision": changes.revision, "href": "changes/index.html#\(track.slug)--\(role.slug)"] : nil
            } ?? [:],
            "editHref": site.editHref(role.location.file),
            "requiredAssignments": assignments(role.assignmentRefs.required, site: site),
            "commonAssignments": assignments(role.assignmentRefs.common, site: site),
            "hasRequiredAssignments": !role.assignmentRefs.required.isEmpty,
            "hasCommonAssignments": !role.assignmentRefs.common.isEmpty,
        ]
        if let titles = titles(role.titles) { view["titles"] = titles }
        let findings = site.findingsByRole["\(track.slug)/\(role.slug)"] ?? []
        if let positionMileage = site.analysis.mileage(track: track.slug, role: role.slug),
            let mileage = mileage(role, positionMileage, site: site)
        {
            view["mileage"] = mileage
        }
        if site.authorMode {
            var panel: [String: Any] = ["summary": HealthView.summary(findings), "status": HealthView.status(findings)]
            if let position = site.report.position(track: track.slug, role: role.slug) {
                panel["checks"] = HealthView.checks(position.checks)
            }
            let otherFindings = findings.filter { !HealthChecks.positionChecks.map(\.id).contains($0.diagnostic.check) }
            panel["findings"] = otherFindings.map(HealthView.finding)
            view["authorPanel"] = panel
        }
        if index > 0 { view["previous"] = neighbour(track.roles[index - 1]) }
        if index + 1 < track.roles.count {
            view["next"] = neighbour(track.roles[index + 1])
            view["nextDiffHref"] = Links.next(role, in: track)
            if let trackIndex = site.framework.tracks.firstIndex(where: { $0.slug == track.slug }),
                index < site.analysis.steps[trackIndex].count
            {
                let step = site.analysis.steps[trackIndex][index]
                view["nextChanges"] = "\(step.total - step.unchanged) of its \(counted(step.total, "behaviour")) are new or said differently"
            }
        }
        return view
    }

    private static func titles(_ titles: Titles) -> [String: Any]? {
        guard titles != Titles() else { return nil }
        return [
            "official": titles.official ?? "", "external": titles.external ?? "",
            "alternatives": titles.alternatives, "hasAlternatives": !titles.alternatives.isEmpty,
        ]
    }

    private static func assignments(_ slugs: [String], site: SiteContext) -> [[String: Any]] {
        slugs.map { slug in
            ["title": site.assignmentTitle(slug), "href": Links.assignment(slug), "inServiceTo": site.assignments[slug]?.inServiceTo ?? ""]
        }
    }

    /// The eligibility threshold and how it follows from the abilities.
    private static func mileage(_ role: Role, _ m: PositionMileage, site: SiteContext) -> [String: Any]? {
        guard !m.required.isEmpty || !m.optional.isEmpty || role.eligibility != nil else { return nil }
        let source: String
        switch role.eligibility {
        case .miles: source = "set for this position"
        case .aboveRequired(let percent): source = "\(percent)% above the \(m.requiredMiles) required miles, rounded down"
        case nil: source = "the required miles, as no eligibility is set"
        }
        func needs(_ list: [AbilityNeed]) -> [[String: Any]] {
            list.map { need in
                [
                    "title": site.abilityTitle(need.ability), "href": Links.ability(need.ability),
                    "milestone": need.milestone, "top": site.analysis.table.topMilestone(need.ability), "miles": need.miles,
                    "askedBy": need.askedBy.map { $0 == "position" ? "this position" : site.assignmentTitle($0) }
                        .joined(separator: ", "),
                ] as [String: Any]
            }
        }
        // Each ability once: the required ones, then the optional ones, each with its need.
        let all = needs(m.required).map { $0.merging(["need": "Required"]) { old, _ in old } }
            + needs(m.optional).map { $0.merging(["need": "Optional"]) { old, _ in old } }
        let axes = RadarChart.axes(m).map { axis in
            var axis = axis
            axis.top = site.analysis.table.topMilestone(axis.title)
            axis.title = site.abilityTitle(axis.title)
            return axis
        }
        return [
            "threshold": m.threshold, "source": source, "required": m.requiredMiles, "reachable": m.reachableMiles,
            "possible": m.possibleMiles, "needs": all,
            "radarSVG": RadarChart.svg(
                axes, title: "\(role.title): the milestone each ability requires, and the highest its optional abilities reach",
                describedBy: "abilities-table"),
        ]
    }
}

enum HealthView {
    static func checks(_ checks: [CheckResult]) -> [[String: Any]] {
        checks.map { check in
            [
                "check": check.check, "status": check.status.rawValue, "message": check.message,
                "iconHTML": StatusIcon.html(check.status == .ok ? .ok : check.status == .warning ? .warning : .error),
            ]
        }
    }

    static func summary(_ findings: [Finding]) -> String {
        let diagnostics = findings.map(\.diagnostic)
        let errors = diagnostics.errorCount, warnings = diagnostics.warningCount
        if errors + warnings == 0 { return "all checks pass" }
        return [errors > 0 ? "\(errors) error\(errors == 1 ? "" : "s")" : nil,
                warnings > 0 ? "\(warnings) warning\(warnings == 1 ? "" : "s")" : nil]
            .compactMap { $0 }.joined(separator: ", ")
    }

    static func status(_ findings: [Finding]) -> String {
        let diagnostics = findings.map(\.diagnostic)
        return diagnostics.errorCount > 0 ? "error" : diagnostics.warningCount > 0 ? "warning" : "ok"
    }

    static func finding(_ finding: Finding) -> [String: Any] {
        let diagnostic = finding.diagnostic
        return [
            "severity": diagnostic.severity.rawValue, "iconHTML": StatusIcon.html(diagnostic.severity == .error ? .error : .warning),
            "check": diagnostic.check, "message": diagnostic.message, "location": diagnostic.location.description,
            "anchor": finding.anchor ?? "",
        ]
    }
}

/// A status drawn as a small inline SVG with its name written beside it, so that it reads the
/// same on any machine (no emoji font needed), in print, and to a screen reader. The markup is
/// fixed: nothing from content reaches it.
enum StatusIcon {
    enum Status: String { case ok, warning, error, eligible }

    static func html(_ status: Status) -> String {
        let (label, shape): (String, String) = switch status {
        case .ok, .eligible:
            (status == .ok ? "OK" : "Eligible", "<circle cx=\"8\" cy=\"8\" r=\"7\"/><path d=\"M4.5 8.2l2.3 2.3 4.7-4.9\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.8\"/>")
        case .warning:
            ("Warning", "<path d=\"M8 1.5l7 13H1z\"/><path d=\"M8 6v4M8 11.8v.4\" stroke=\"currentColor\" stroke-width=\"1.6\"/>")
        case .error:
            ("Error", "<circle cx=\"8\" cy=\"8\" r=\"7\"/><path d=\"M5.2 5.2l5.6 5.6M10.8 5.2l-5.6 5.6\" stroke=\"currentColor\" stroke-width=\"1.8\"/>")
        }
        return "<span class=\"status status-\(status.rawValue)\"><svg class=\"status-icon\" viewBox=\"0 0 16 16\" width=\"16\" height=\"16\" aria-hidden=\"true\" focusable=\"false\">\(shape)</svg> \(label)</span>"
    }
}
