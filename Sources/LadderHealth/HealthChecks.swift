import Foundation
import LadderAnalysis
import LadderModel

/// Every check ladder knows, for settings, the table in docs/checks.md and `ladder check`.
public enum HealthChecks {
    /// Checks that run on the model.
    public static let modelChecks: [CheckDefinition] =
        StructureChecks.all + ShapeChecks.all + DuplicationChecks.all + WordingChecks.all

    /// The six position checks (their findings come from `PositionChecks`).
    public static let positionChecks: [CheckDefinition] = [
        CheckDefinition("position-assignments", .warning, "a position lists no assignments"),
        CheckDefinition("position-in-service-to", .warning, "none of a position's assignments is in service to anyone"),
        CheckDefinition("position-ability-needs", .warning, "a position's abilities add up to no miles"),
        CheckDefinition("eligibility-below-required", .error, "a position's eligibility miles are below its required miles"),
        CheckDefinition("eligibility-within-reach", .warning, "eligibility miles exceed the required plus optional miles"),
        CheckDefinition("eligibility-within-possible", .error, "eligibility miles exceed every ability at its top milestone"),
    ]

    /// Warnings the parser gives; settings may turn them off or make them errors.
    public static let parserWarnings: [CheckDefinition] = [
        CheckDefinition("role-without-areas", .warning, "a role has no heading with a list under it"),
        CheckDefinition("duplicate-level", .warning, "two roles of a track have the same level id"),
        CheckDefinition("unknown-key", .warning, "front matter or framework.yml has a key ladder does not know"),
        CheckDefinition("empty-section", .warning, "a heading has neither a list nor text under it"),
        CheckDefinition("empty-heading", .warning, "a heading has no text"),
        CheckDefinition("empty-behaviour", .warning, "a bullet has no text"),
        CheckDefinition("no-roles", .warning, "a Markdown file holds no role"),
        CheckDefinition("front-matter-several-roles", .warning, "a file of several roles has front matter not under 'roles:'"),
        CheckDefinition("unknown-role", .warning, "'roles:' names a role the file does not have"),
        CheckDefinition("not-markdown", .warning, "a file in content/ is not Markdown and is ignored"),
        CheckDefinition("milestone-prose", .warning, "a milestone section holds text that is not a bullet"),
        CheckDefinition("misplaced-track-file", .warning, "_track.md is not in a track folder"),
        CheckDefinition("symlinked-folder", .warning, "a folder link in content/ is not followed"),
        CheckDefinition("unknown-setting", .warning, "framework.yml's checks: names a check or option that does not exist"),
        CheckDefinition("broken-link", .warning, "a link to a content file that is no page of the site, or to an anchor its page lacks"),
        CheckDefinition("duplicate-behaviour-id", .warning, "two behaviours of a track have the same {#id}"),
        CheckDefinition("invalid-behaviour-id", .warning, "a bullet's {#id} is not lowercase letters, digits and dashes"),
        CheckDefinition("changes-since", .warning, "framework.yml's changes_since: names no revision of the content's git repository"),
    ]

    public static var all: [CheckDefinition] { modelChecks + positionChecks + parserWarnings }

    static func definition(_ id: String) -> CheckDefinition? { all.first { $0.id == id } }

    /// Whether a diagnostic comes from a health check (a finding about content that was read),
    /// as opposed to content that could not be read at all.
    public static func isHealthCheck(_ id: String) -> Bool {
        (modelChecks + positionChecks).contains { $0.id == id }
    }
}

extension HealthReport {
    /// Runs every enabled model check and adds the findings of the position checks.
    /// `rolesByTrack` have their words numbered in `wordTable`.
    static func findings(
        _ framework: Framework, positionFindings: [Finding], alignments: [TrackAlignment], steps: [[LevelStep]],
        rolesByTrack: [[RoleWords]],
        wordTable: WordTable, memo: HealthMemo?
    ) -> [Finding] {
        let roles = rolesByTrack.flatMap { $0 }
        let enabled = HealthChecks.modelChecks.filter { framework.checkSettings[$0.id]?.enabled ?? true }
        let trackChecks = enabled.filter { $0.scope == .track }
        let trackSettings = trackChecks.map { framework.checkSettings[$0.id] }
        enum Job {
            case framework(CheckDefinition)
            case track(Int)  // every one-track check of the track
        }
        let jobs = enabled.filter { $0.scope == .framework }.map(Job.framework) + framework.tracks.indices.map(Job.track)
        // The checks are independent pure functions: run them on every core. Near-duplicates
        // compare their buckets with a `map` of their own, which takes the cores the others leave.
        let results = profiled("checks") {
            ConcurrentWork.mapSharingCores(jobs) { job -> [Finding] in
                switch job {
                case .framework(let definition):
                    let context = CheckContext(
                        framework: framework, alignments: alignments, steps: steps, roles: roles, wordTable: wordTable, memo: memo,
                        setting: framework.checkSettings[definition.id], definition: definition)
                    return profiled(definition.id) { definition.run(context) }
                case .track(let index):
                    let track = framework.tracks[index]
                    let run = {
                        var alone = framework
                        alone.tracks = [track]
                        return zip(trackChecks, trackSettings).flatMap { definition, setting in
                            definition.run(CheckContext(
                                framework: alone, alignments: [alignments[index]], steps: [steps[index]], roles: rolesByTrack[index],
                                wordTable: wordTable,
                                memo: memo, setting: setting, definition: definition))
                        }
                    }
                    guard let memo else { return run() }
                    return memo.trackFindings.value(index, for: .init(track: track, checks: trackChecks.map(\.id), settings: trackSettings), run)
                }
            }
        }
        return results.flatMap { $0 } + positionFindings + unknownSettings(framework)
    }

    /// The position checks of a track's roles that did not pass, as findings on the roles' pages.
    /// `positions` are the track's, one for each role in order.
    static func findings(of positions: [Position], in track: Track, settings: [String: CheckSetting]) -> [Finding] {
        positions.indices.flatMap { index in
            let position = positions[index]
            return position.checks.compactMap { check -> Finding? in
                let setting = settings[check.check]
                guard check.status != .ok, setting?.enabled ?? true else { return nil }
                let severity = setting?.severity ?? (check.status == .error ? .error : .warning)
                return Finding(
                    Diagnostic(severity, check.check, "'\(track.roles[index].title)': \(check.message)", at: track.roles[index].location),
                    track: position.track, role: position.role, anchor: "health-heading")
            }
        }
    }

    /// Settings that name no check, or an option the check does not have.
    static func unknownSettings(_ framework: Framework) -> [Finding] {
        framework.checkSettings.keys.sorted().flatMap { id -> [Finding] in
            let setting = framework.checkSettings[id]!
            guard let definition = HealthChecks.definition(id) else {
                return [Finding(Diagnostic(
                    .warning, "unknown-setting", "no check '\(id)'; the checks are listed in docs/checks.md",
                    at: setting.location))]
            }
            return setting.options.keys.sorted().filter { definition.defaults[$0] == nil }.map { option in
                let known = definition.defaults.keys.sorted().joined(separator: ", ")
                return Finding(Diagnostic(
                    .warning, "unknown-setting",
                    "check '\(id)' has no option '\(option)'\(known.isEmpty ? "" : "; its options: \(known)")",
                    at: setting.optionLocations[option] ?? setting.location))
            }
        }
    }

    /// The parser's warnings with the framework's settings applied: off, or another severity.
    public static func applySettings(_ settings: [String: CheckSetting], to diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.compactMap { diagnostic in
            guard diagnostic.severity == .warning, let setting = settings[diagnostic.check] else { return diagnostic }
            guard setting.enabled else { return nil }
            var changed = diagnostic
            changed.severity = setting.severity ?? diagnostic.severity
            return changed
        }
    }
}

private let profiling = getenv("LADDER_PROFILE") != nil

/// Runs `work`, and with LADDER_PROFILE set prints how long it took on standard error.
func profiled<T>(_ name: String, _ work: () -> T) -> T {
    guard profiling else { return work() }
    let start = DispatchTime.now().uptimeNanoseconds
    let result = work()
    let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    FileHandle.standardError.write(Data("\(name): \(String(format: "%.1f", ms)) ms\n".utf8))
    return result
}
