import Foundation

/// Data for a page's script, embedded in the page (a `fetch` of a file fails from `file://`).
enum EmbeddedJSON {
    /// JSON that can sit inside `<script type="application/json">`: `<`, `>` and `&` only occur
    /// inside JSON strings, where `\u003c` and friends mean the same, so no content can close the tag.
    static func script<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let json = try? encoder.encode(value) else { return "{}" }
        // One pass over the bytes: the compare page's data runs to megabytes.
        var escaped: [UInt8] = []
        escaped.reserveCapacity(json.count + json.count / 16)
        for byte in json {
            switch byte {
            case UInt8(ascii: "<"): escaped += Array("\\u003c".utf8)
            case UInt8(ascii: ">"): escaped += Array("\\u003e".utf8)
            case UInt8(ascii: "&"): escaped += Array("\\u0026".utf8)
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }
}
