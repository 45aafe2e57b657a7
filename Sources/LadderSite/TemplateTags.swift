import LadderAnalysis
import LadderModel

/// The tags of a Mustache template with their positions, read before the template library
/// parses it: for what the library cannot say (which partial is missing, which partials include
/// each other in a loop that would recurse until the stack overflows) and to say where what it
/// can say went wrong (the line of a section that is never closed).
struct TemplateTags {
    struct Tag {
        /// `#`, `^`, `/`, `>`, `<`, `$`, `!`, `&`, `{`, `=`, or "" for a variable.
        var kind: String
        var name: String
        var line: Int
        var column: Int
    }

    var tags: [Tag] = []

    init(_ text: String) {
        var open = Array("{{".unicodeScalars), close = Array("}}".unicodeScalars)
        let scalars = Array(text.unicodeScalars)
        var index = 0, line = 1, column = 1
        func starts(_ needle: [Unicode.Scalar], at position: Int) -> Bool {
            position + needle.count <= scalars.count && scalars[position..<(position + needle.count)].elementsEqual(needle)
        }
        func advance(to target: Int) {
            while index < target {
                if scalars[index] == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                index += 1
            }
        }
        while index < scalars.count {
            guard starts(open, at: index) else {
                advance(to: index + 1)
                continue
            }
            let (tagLine, tagColumn) = (line, column)
            var bodyStart = index + open.count
            var closing = close
            if open == Array("{{".unicodeScalars), bodyStart < scalars.count, scalars[bodyStart] == "{" {
                closing = Array("}".unicodeScalars) + close  // {{{name}}}
            }
            var end = bodyStart
            while end < scalars.count, !starts(closing, at: end) { end += 1 }
            guard end < scalars.count else { break }  // unfinished: the library reports it
            var body = String(String.UnicodeScalarView(scalars[bodyStart..<end]))
            advance(to: end + closing.count)
            var kind = ""
            if let first = body.first, "#^/><$!&{=".contains(first) {
                kind = String(first)
                body.removeFirst()
                bodyStart += 1
            }
            if kind == "=" {
                // {{=<% %>=}}: new delimiters from here on.
                let parts = body.dropLast(body.hasSuffix("=") ? 1 : 0).split(separator: " ", omittingEmptySubsequences: true)
                if parts.count == 2 {
                    open = Array(parts[0].unicodeScalars)
                    close = Array(parts[1].unicodeScalars)
                }
            }
            let name = String(body.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
            tags.append(Tag(kind: kind, name: name, line: tagLine, column: tagColumn))
        }
    }

    /// The partials a template names (`{{> name}}` and `{{< parent}}`), each with its position.
    var partials: [Tag] { tags.filter { $0.kind == ">" || $0.kind == "<" } }

    /// The first section left open or closed under another name, as a diagnostic message and position.
    func sectionProblem() -> (message: String, line: Int, column: Int)? {
        var stack: [Tag] = []
        for tag in tags {
            switch tag.kind {
            case "#", "^", "$", "<": stack.append(tag)
            case "/":
                guard let open = stack.popLast() else {
                    return ("{{/\(tag.name)}} closes a section that was never opened; remove it or open the section with {{#\(tag.name)}}",
                            tag.line, tag.column)
                }
                if open.name != tag.name {
                    return ("{{/\(tag.name)}} closes the section {{\(open.kind)\(open.name)}} opened on line \(open.line); close that one with {{/\(open.name)}} first",
                            tag.line, tag.column)
                }
            default: continue
            }
        }
        if let open = stack.last {
            return ("a section opened here ({{\(open.kind)\(open.name)}}) is never closed; add {{/\(open.name)}} where it ends", open.line, open.column)
        }
        return nil
    }
}

/// What the templates of a set say about each other: partials that do not exist, partials
/// that are dynamic (named at render time, so they cannot be checked), and loops of partials
/// that include themselves, directly or through others.
enum TemplateReferences {
    /// `files`: template name (without `.mustache`) → its text and the path diagnostics show.
    static func check(_ files: [String: (text: String, path: String)]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var edges: [String: [(name: String, tag: TemplateTags.Tag)]] = [:]
        for name in files.keys.sorted() {
            let (text, path) = files[name]!
            for tag in TemplateTags(text).partials {
                let location = SourceLocation(file: path, line: tag.line, column: tag.column)
                if tag.name.hasPrefix("*") {
                    diagnostics.append(.error(
                        "template-dynamic-partial",
                        "{{\(tag.kind)\(tag.name)}} names its partial at render time, which ladder cannot check; name the partial itself, such as {{> area}}",
                        at: location))
                } else if files[tag.name] == nil {
                    let known = files.keys.sorted().joined(separator: ", ")
                    diagnostics.append(.error(
                        "template-missing-partial",
                        "there is no template '\(tag.name)' for {{\(tag.kind) \(tag.name)}}; add \(tag.name).mustache to the templates folder, or use one of: \(known)",
                        at: location))
                } else {
                    edges[name, default: []].append((tag.name, tag))
                }
            }
        }
        // A loop, found by a depth-first walk from each template in name order: reported once, at
        // the tag that closes it.
        var state: [String: Int] = [:]  // 1: on the current path, 2: done
        var reported: Set<String> = []
        func visit(_ name: String, path: [String]) {
            state[name] = 1
            for (next, tag) in edges[name] ?? [] {
                if state[next] == 1 {
                    let loop = (path.drop { $0 != next } + [name, next]).joined(separator: " → ")
                    if reported.insert(loop).inserted {
                        diagnostics.append(.error(
                            "template-recursion",
                            "this partial includes itself (\(loop)), which would recurse without end; break the loop",
                            at: SourceLocation(file: files[name]!.path, line: tag.line, column: tag.column)))
                    }
                } else if state[next] == nil {
                    visit(next, path: path + [name])
                }
            }
            state[name] = 2
        }
        for name in files.keys.sorted() where state[name] == nil { visit(name, path: []) }
        return diagnostics
    }
}
