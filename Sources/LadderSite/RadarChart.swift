import Foundation
import LadderAnalysis
import LadderModel

/// A position's abilities as a radar (spider) chart: one axis per ability, from the centre
/// (no milestone) to its top milestone, and two outlines, the milestones the position requires
/// and those it can reach with its optional abilities. Drawn at build time as inline SVG, so it
/// shows without script and on paper; the outlines differ in line and marker, not only in
/// colour, so it reads in black and white. calculator.js draws the same geometry in the
/// browser (`radarPoint` there): change both together.
enum RadarChart {
    struct Axis: Equatable {
        var title: String
        var required: Int
        var reachable: Int
        var top: Int
    }

    /// A position's axes: each ability once, required ones first, at its required milestone (0
    /// if only optional) and the highest its optional abilities reach. `title` is the ability's
    /// slug here; callers put the title and the top milestone in.
    static func axes(_ mileage: PositionMileage) -> [Axis] {
        var axes: [Axis] = [], slugs: [String] = []
        for need in mileage.required + mileage.optional {
            if let index = slugs.firstIndex(of: need.ability) {
                axes[index].reachable = max(axes[index].reachable, need.milestone)
                continue
            }
            let required = mileage.required.first { $0.ability == need.ability }?.milestone ?? 0
            slugs.append(need.ability)
            axes.append(Axis(title: need.ability, required: required, reachable: max(required, need.milestone), top: 0))
        }
        return axes
    }

    /// The figures of the drawing, in SVG user units.
    static let width = 480.0, height = 300.0, radius = 105.0
    static var centre: (x: Double, y: Double) { (width / 2, height / 2) }

    /// Where milestone `milestone` of axis `index` of `count` lies: axes start straight up and
    /// go clockwise.
    static func point(axis index: Int, of count: Int, milestone: Int, top: Int) -> (x: Double, y: Double) {
        let angle = -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(count)
        let share = top > 0 ? Double(min(max(milestone, 0), top)) / Double(top) : 0
        return (centre.x + radius * share * cos(angle), centre.y + radius * share * sin(angle))
    }

    /// The chart, or "" for fewer than three abilities (two axes make a line, not a picture;
    /// the table says it all). `describedBy`: the id of the table it draws.
    static func svg(_ axes: [Axis], title: String, describedBy: String) -> String {
        guard axes.count >= 3 else { return "" }
        let n = axes.count
        func number(_ value: Double) -> String { String(format: "%.1f", value) }
        func points(_ milestone: (Axis) -> Int) -> String {
            axes.enumerated().map { index, axis in
                let p = point(axis: index, of: n, milestone: milestone(axis), top: axis.top)
                return "\(number(p.x)),\(number(p.y))"
            }.joined(separator: " ")
        }
        var svg = """
            <svg class="radar" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-labelledby="radar-title" aria-describedby="\(escapeHTML(describedBy))">
            <title id="radar-title">\(escapeHTML(title))</title>

            """
        // Rings at a quarter, a half, three quarters and all of each axis's milestones.
        for share in [1, 2, 3, 4] {
            let ring = (0..<n).map { index -> String in
                let p = point(axis: index, of: n, milestone: share, top: 4)
                return "\(number(p.x)),\(number(p.y))"
            }.joined(separator: " ")
            svg += "<polygon class=\"ring\" points=\"\(ring)\"/>\n"
        }
        for (index, axis) in axes.enumerated() {
            let end = point(axis: index, of: n, milestone: axis.top, top: axis.top)
            svg += "<line class=\"axis\" data-ability=\"\(escapeHTML(axis.title))\" data-top=\"\(axis.top)\" x1=\"\(number(centre.x))\" y1=\"\(number(centre.y))\" x2=\"\(number(end.x))\" y2=\"\(number(end.y))\"/>\n"
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(n)
            let labelX = centre.x + (radius + 10) * cos(angle), labelY = centre.y + (radius + 10) * sin(angle)
            let anchor = abs(cos(angle)) < 0.2 ? "middle" : cos(angle) > 0 ? "start" : "end"
            let baseline = sin(angle) < -0.5 ? "-0.3em" : sin(angle) > 0.5 ? "0.9em" : "0.35em"
            let label = axis.title.count > 24 ? String(axis.title.prefix(23)) + "…" : axis.title
            svg += "<text class=\"label\" x=\"\(number(labelX))\" y=\"\(number(labelY))\" dy=\"\(baseline)\" text-anchor=\"\(anchor)\">\(escapeHTML(label))</text>\n"
        }
        svg += "<polygon class=\"reachable\" points=\"\(points { $0.reachable })\"/>\n"
        svg += "<polygon class=\"required\" points=\"\(points { $0.required })\"/>\n"
        for (index, axis) in axes.enumerated() {
            let p = point(axis: index, of: n, milestone: axis.required, top: axis.top)
            svg += "<circle class=\"required-mark\" cx=\"\(number(p.x))\" cy=\"\(number(p.y))\" r=\"3.5\"/>\n"
            let q = point(axis: index, of: n, milestone: axis.reachable, top: axis.top)
            svg += "<rect class=\"reachable-mark\" x=\"\(number(q.x - 3))\" y=\"\(number(q.y - 3))\" width=\"6\" height=\"6\"/>\n"
        }
        return svg + "</svg>"
    }

}
