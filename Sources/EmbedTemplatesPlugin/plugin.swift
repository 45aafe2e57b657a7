import Foundation
import PackagePlugin

/// Turns every file under the package's `templates/` folder into one Swift source file, so the
/// binary carries the built-in templates and assets and needs no resource bundle beside it,
/// and compiles the templates to Swift (used while no user template replaces one).
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let templates = context.package.directoryURL.appending(path: "templates")
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinTemplates.swift")
        let compiled = context.pluginWorkDirectoryURL.appending(path: "CompiledTemplates.swift")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: templates, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walker
            where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                inputs.append(url)
            }
        }
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) template files",
                executable: try context.tool(named: "EmbedTemplatesTool").url,
                arguments: [templates.path, output.path, compiled.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output, compiled]
            )
        ]
    }
}
