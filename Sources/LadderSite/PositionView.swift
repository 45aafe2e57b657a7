import LadderHealth
import LadderAnalysis
import LadderModel

/// The position page: a role with its titles, eligibility, abilities, assignments and health.
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
            "areas": AreaView.make(role),
            "sections": role.sections.map { ["title": $0.title, "html": $0.html] },
            "position": "\(index + 1) of \(track.roles.count)",
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
        if let position = site.report.position(track: track.slug, role: role.slug) {
            view["health"] = HealthView.checks(position.checks)
            view["hasHealth"] = !position.checks.isEmpty
        }
        let otherFindings = findings.filter { !HealthChecks.positionChecks.map(\.id).contains($0.diagnostic.check) }
        view["findings"] = otherFindings.map(HealthView.finding)
        view["hasFindings"] = !otherFindings.isEmpty
        view["healthSummary"] = HealthView.summary(findings)
        view["healthStatus"] = HealthView.status(findings)
        if index > 0 { view["previous"] = neighbour(track.roles[index - 1]) }
        if index + 1 < track.roles.count {
            view["next"] = neighbour(track.roles[index + 1])
            view["nextDiffHref"] = Links.next(role, in: track)
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
        return [
            "threshold": m.threshold, "source": source, "required": m.requiredMiles, "reachable": m.reachableMiles,
            "possible": m.possibleMiles, "requiredNeeds": needs(m.required), "optionalNeeds": needs(m.optional),
            "hasOptional": !m.optional.isEmpty,
        ]
    }
}

enum HealthView {
    static func checks(_ checks: [CheckResult]) -> [[String: Any]] {
        checks.map { check in
            [
                "check": check.check, "status": check.status.rawValue, "message": check.message,
                "icon": check.status == .ok ? "✅" : check.status == .warning ? "⚠️" : "🛑",
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
            "severity": diagnostic.severity.rawValue, "icon": diagnostic.severity == .error ? "🛑" : "⚠️",
            "check": diagnostic.check, "message": diagnostic.message, "location": diagnostic.location.description,
            "anchor": finding.anchor ?? "",
        ]
    }
}
