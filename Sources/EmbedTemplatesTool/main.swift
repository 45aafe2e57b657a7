import Foundation

// Usage: EmbedTemplatesTool TEMPLATES-DIR FILES.swift COMPILED.swift FILE…
// Writes `builtinTemplateFiles: [String: String]`, keyed by path relative to TEMPLATES-DIR, and
// the `.mustache` files among them compiled to Swift (`CompiledTemplates`).
let arguments = CommandLine.arguments
guard arguments.count >= 4 else {
    FileHandle.standardError.write(Data("usage: EmbedTemplatesTool TEMPLATES-DIR FILES.swift COMPILED.swift FILE...\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments[1]).standardizedFileURL.path
let output = arguments[2]
let compiledOutput = arguments[3]
var entries: [(String, String)] = []
for file in arguments.dropFirst(4) {
    let path = URL(fileURLWithPath: file).standardizedFileURL.path
    guard path.hasPrefix(root + "/") else { continue }
    let relative = String(path.dropFirst(root.count + 1))
    if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        FileHandle.standardError.write(Data("EmbedTemplatesTool: \(path) is not UTF-8 text\n".utf8))
        exit(1)
    }
    entries.append((relative, text))
}
entries.sort { $0.0 < $1.0 }

// Raw string delimiters long enough that no template can close them early.
func literal(_ text: String) -> String {
    var hashes = "#"
    while text.contains("\"" + hashes) || text.contains(hashes + "\"") { hashes += "#" }
    return "\(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)"
}

var source = "// Generated from templates/ by the EmbedTemplates plugin. Do not edit.\n\n"
source += "let builtinTemplateFiles: [String: String] = [\n"
for (name, text) in entries {
    let quotedName = "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    source += "    \(quotedName): \(literal(text)),\n"
}
source += "]\n"
try source.write(toFile: output, atomically: true, encoding: .utf8)

var trees: [String: [MustacheNode]] = [:]
for (name, text) in entries where name.hasSuffix(".mustache") && !name.contains("/") {
    do {
        trees[String(name.dropLast(".mustache".count))] = try MustacheSyntax.parse(text)
    } catch {
        FileHandle.standardError.write(Data("\(root)/\(name): \(error)\n".utf8))
        exit(1)
    }
}
var compiler = TemplateCompiler(templates: trees)
try compiler.source().write(toFile: compiledOutput, atomically: true, encoding: .utf8)
