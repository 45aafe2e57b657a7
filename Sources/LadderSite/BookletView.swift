import LadderAnalysis
import LadderModel

/// `<track>/print/`: the track as a booklet for print: cover, contents, every level, the matrix.
enum BookletView {
    static func make(_ track: Track, alignment: TrackAlignment, site: SiteContext) -> [String: Any] {
        var view = MatrixView.make(track, alignment: alignment)
        let levels = TrackView.make(track, site: site)["levels"] ?? []
        view["levels"] = levels
        view["track"] = ["title": track.title, "introHTML": track.introHTML]
        view["firstLevel"] = track.roles.first?.level.id ?? ""
        view["lastLevel"] = track.roles.last?.level.id ?? ""
        view["updated"] = site.framework.updated ?? ""
        return view
    }
}
