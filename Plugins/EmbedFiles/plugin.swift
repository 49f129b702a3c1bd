import Foundation
import PackagePlugin

/// Embeds the built web UI (`web/dist`, `web/vendor`) and the approvals plugin
/// (`integrations/hermes-plugin/workspace-approvals`) into the binary, so a copied `hermes-workspace` is a complete
/// install. The files are read when the build runs, never committed in generated form: React's UMD files stay
/// fetched by `web/fetch-vendor.sh`.
@main
struct EmbedFiles: BuildToolPlugin {
    /// Catalog name, its folder (relative to the package) and the entries of that folder it takes.
    static let catalogs = [
        ("web", "web", ["dist", "vendor"]),
        ("plugin", "integrations/hermes-plugin/workspace-approvals", ["plugin.yaml", "__init__.py"]),
    ]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedFiles.swift")
        // SwiftPM keeps this command's inputs from one build to the next unless the package itself changes, so they
        // are things that never disappear: each folder (a file added or removed changes it; `web/build.sh` makes
        // `dist` anew), each file named here, and `dist/index.html`, which changes whenever the bundle does. The
        // tool lists the folders itself when it runs.
        var arguments = [output.path]
        var inputs: [URL] = []
        for (name, folder, entries) in Self.catalogs {
            let root = context.package.directoryURL.appendingPathComponent(folder).standardizedFileURL
            arguments += ["--catalog", name, root.path] + entries
            for url in [root] + entries.map(root.appendingPathComponent) + [root.appendingPathComponent("dist/index.html")]
            where FileManager.default.fileExists(atPath: url.path) {
                inputs.append(url)
            }
        }
        return [
            .buildCommand(
                displayName: "Embedding the web UI and the approvals plugin",
                executable: try context.tool(named: "EmbedFilesTool").url,
                arguments: arguments, inputFiles: inputs, outputFiles: [output])
        ]
    }
}
