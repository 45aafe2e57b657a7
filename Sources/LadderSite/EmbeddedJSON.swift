import Foundation

/// Data for a page's script, embedded in the page (a `fetch` of a file fails from `file://`).
enum EmbeddedJSON {
    /// JSON that can sit inside `<script type="application/json">`: `<`, `>` and `&` only occur
    /// inside JSON strings, where `\u003c` and friends mean the same, so no content can close the tag.
    static func script<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return json.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }
}
