import Foundation
import LadderHealth
import LadderAnalysis
import LadderModel

/// The whole model as `framework.json` and `ladder export --format json` give it: Codable
/// mirrors of the model, so that the JSON shape is stated in one place, here.
struct FrameworkDocument: Encodable {
    var title: String
    var description: String?
    var milestone_miles: [Int]
    var tracks: [TrackDocument]
    var abilities: [AbilityDocument]
    var assignments: [AssignmentDocument]

    struct TrackDocument: Encodable {
        var slug: String
        var title: String
        var roles: [RoleDocument]
    }

    struct RoleDocument: Encodable {
        var slug: String
        var title: String
        var level: String
        var summary: String?
        var titles: TitlesDocument
        var eligibility_miles: EligibilityValue?
        var abilities: AbilitiesDocument
        var assignments: AssignmentsDocument
        var miles: MilesDocument?
        var health: [HealthDocument]
        var areas: [AreaDocument]
    }

    struct MilesDocument: Encodable {
        var required: Int
        var reachable: Int
        var possible: Int
        var threshold: Int
    }

    struct HealthDocument: Encodable {
        var check: String
        var status: String
        var message: String
    }

    struct TitlesDocument: Encodable {
        var `internal`: String?
        var external: String?
        var alternatives: [String]
    }

    /// A number, or the `"+N%"` text it was written as.
    enum EligibilityValue: Encodable {
        case miles(Int)
        case percent(String)

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .miles(let miles): try container.encode(miles)
            case .percent(let text): try container.encode(text)
            }
        }
    }

    struct AbilitiesDocument: Encodable {
        var required: [String: Int]
        var optional: [String: Int]
    }

    struct AssignmentsDocument: Encodable {
        var required: [String]
        var common: [String]
    }

    struct AreaDocument: Encodable {
        var key: String
        var title: String
        var behaviours: [BehaviourDocument]
    }

    struct BehaviourDocument: Encodable {
        var id: String
        var text: String
        var html: String
        var examples: [TextDocument]
    }

    struct TextDocument: Encodable {
        var text: String
        var html: String
    }

    struct AbilityDocument: Encodable {
        var slug: String
        var title: String
        var category: String?
        var milestones: [MilestoneDocument]
    }

    struct MilestoneDocument: Encodable {
        var level: Int
        var miles: Int
        var behaviours: [TextDocument]
    }

    struct AssignmentDocument: Encodable {
        var slug: String
        var title: String
        var in_service_to: String?
        var abilities: [String: Int]
    }
}

extension FrameworkDocument {
    init(_ framework: Framework, analysis: FrameworkAnalysis, report: HealthReport) {
        title = framework.title
        description = framework.description
        milestone_miles = framework.milestoneMiles
        tracks = framework.tracks.enumerated().map { trackIndex, track in
            TrackDocument(
                slug: track.slug, title: track.title,
                roles: track.roles.enumerated().map { roleIndex, role in
                    // Every role, whether or not the analysis made ids (it always does for a build).
                    let ids = trackIndex < analysis.behaviourIDs.count && roleIndex < analysis.behaviourIDs[trackIndex].ids.count
                        ? analysis.behaviourIDs[trackIndex].ids[roleIndex] : []
                    return RoleDocument(
                        role, behaviourIDs: ids, mileage: analysis.mileage(track: track.slug, role: role.slug),
                        checks: report.position(track: track.slug, role: role.slug)?.checks ?? [])
                })
        }
        abilities = framework.abilities.map { ability in
            let miles = ability.miles ?? framework.milestoneMiles
            return AbilityDocument(
                slug: ability.slug, title: ability.title, category: ability.category,
                milestones: ability.milestones.map { milestone in
                    MilestoneDocument(
                        level: milestone.number,
                        miles: milestone.number <= miles.count ? miles[milestone.number - 1] : 0,
                        behaviours: milestone.behaviours.map(TextDocument.init))
                })
        }
        assignments = framework.assignments.map {
            AssignmentDocument(slug: $0.slug, title: $0.title, in_service_to: $0.inServiceTo, abilities: $0.abilityNeeds)
        }
    }

    /// Pretty, key-sorted UTF-8 JSON: the same framework always gives the same bytes.
    static func encode(_ framework: Framework, analysis: FrameworkAnalysis, report: HealthReport, pretty: Bool) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        let document = FrameworkDocument(framework, analysis: analysis, report: report)
        // Encoding plain value types with string keys cannot fail.
        if !pretty, let json = try? encodeTrackByTrack(document, encoder) { return json }
        return (try? encoder.encode(document)).map { $0 + Data("\n".utf8) } ?? Data("{}\n".utf8)
    }

    /// The compact document with its tracks encoded one at a time into the list: JSONEncoder
    /// holds a tree of all it encodes until it writes, and for the whole framework of size L
    /// that was 20 MB, a quarter of the build's peak memory. nil if the shape is not the
    /// expected one (sorted keys put `tracks` last).
    private static func encodeTrackByTrack(_ document: FrameworkDocument, _ encoder: JSONEncoder) throws -> Data? {
        var rest = document
        rest.tracks = []
        var json = try encoder.encode(rest)
        guard json.suffix(3).elementsEqual("[]}".utf8) else { return nil }
        json.removeLast(2)
        for (index, track) in document.tracks.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.append(try encoder.encode(track))
        }
        json.append(contentsOf: "]}\n".utf8)
        return json
    }
}

extension FrameworkDocument.RoleDocument {
    init(_ role: Role, behaviourIDs: [[String]], mileage: PositionMileage?, checks: [CheckResult]) {
        slug = role.slug
        title = role.title
        level = role.level.id
        summary = role.summary?.text
        titles = .init(internal: role.titles.official, external: role.titles.external, alternatives: role.titles.alternatives)
        eligibility_miles = role.eligibility.map {
            switch $0 {
            case .miles(let miles): return .miles(miles)
            case .aboveRequired(let percent): return .percent("+\(percent)%")
            }
        }
        abilities = .init(required: role.abilityNeeds.required, optional: role.abilityNeeds.optional)
        assignments = .init(required: role.assignmentRefs.required, common: role.assignmentRefs.common)
        miles = mileage.map {
            .init(required: $0.requiredMiles, reachable: $0.reachableMiles, possible: $0.possibleMiles, threshold: $0.threshold)
        }
        health = checks.map { .init(check: $0.check, status: $0.status.rawValue, message: $0.message) }
        areas = zip(role.areas, role.areaAnchors).enumerated().map { areaIndex, pair in
            let (area, anchor) = pair
            let ids = areaIndex < behaviourIDs.count ? behaviourIDs[areaIndex] : []
            return FrameworkDocument.AreaDocument(
                key: anchor, title: area.title,
                behaviours: area.behaviours.enumerated().map { number, behaviour in
                    FrameworkDocument.BehaviourDocument(
                        id: number < ids.count ? ids[number] : "\(anchor)-\(number + 1)", text: behaviour.content.text, html: behaviour.content.html,
                        examples: behaviour.examples.map(FrameworkDocument.TextDocument.init))
                })
        }
    }
}

extension FrameworkDocument.TextDocument {
    init(_ text: RichText) {
        self.init(text: text.text, html: text.html)
    }
}

/// Public entry point for `ladder export --format json`.
public enum FrameworkExport {
    /// `pretty`: indented, for a person reading it; the site's copy is not, as the indentation
    /// was two fifths of its bytes.
    public static func json(_ framework: Framework, analysis: FrameworkAnalysis, report: HealthReport, pretty: Bool = false) -> Data {
        FrameworkDocument.encode(framework, analysis: analysis, report: report, pretty: pretty)
    }
}
