import Foundation
import LadderModel

/// The pages at a role's or track's old addresses, and `_redirects` for hosts that read it.
enum Redirects {
    /// A page that sends the reader on: a meta refresh (works on any static host and from
    /// `file://`), a canonical link for search engines, and a plain link for everyone else.
    static func page(from file: String, to target: String, title: String) -> Data {
        let href = escapeHTML(Links.root(of: file) + target)
        let name = escapeHTML(title)
        return Data("""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(name) has moved</title>
            <meta name="robots" content="noindex">
            <link rel="canonical" href="\(href)">
            <meta http-equiv="refresh" content="0; url=\(href)">
            </head>
            <body>
            <p>This page has moved: <a href="\(href)">\(name)</a>.</p>
            </body>
            </html>

            """.utf8)
    }

    /// Netlify's and Cloudflare Pages' `_redirects`: one permanent redirect per old address.
    static func rules(_ redirects: [(from: Alias, to: String)]) -> Data {
        let lines = redirects.map { from, to in
            "\(from.urlPath) /\(to.hasSuffix("/index.html") ? String(to.dropLast("index.html".count)) : to) 301"
        }
        return Data(("# Old addresses of moved pages (aliases: in front matter), written by ladder.\n" + lines.joined(separator: "\n") + "\n").utf8)
    }

}
