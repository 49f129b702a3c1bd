import ArgumentParser
import Foundation
import WorkspaceCore

/// `hermes-workspace install-plugin`: puts the approvals bridge into the agent's plugins and enables it.
struct InstallPluginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install-plugin",
        abstract: "Install the approvals bridge plugin into HERMES_HOME/plugins and enable it in config.yaml.")

    @OptionGroup var homeOption: HomeOption

    @Option(help: "Where the workspace listens, as the agent should reach it.")
    var url = "http://127.0.0.1:9119"

    @Option(help: "The plugin folder to install (default: integrations/hermes-plugin/workspace-approvals beside the binary or the repository).")
    var source: String?

    func run() async throws {
        let home = try homeOption.existingHome()
        guard let folder = source.map({ URL(fileURLWithPath: $0) }) ?? Self.defaultSource() else {
            throw ValidationError("The plugin files were not found; pass --source PATH/workspace-approvals.")
        }
        let installed = try await PluginInstaller(home: home, config: ConfigStore(home: home, audit: AuditLog(home: home)))
            .install(from: folder, url: url, actor: AuditActor(name: "cli", address: nil, requestID: nil))
        print("Installed \(installed.path) and enabled it in \(home.configFile.path). Restart the agent (gateway) to load it.")
    }

    private static func defaultSource() -> URL? {
        BundledFiles.folder(
            "integrations/hermes-plugin/workspace-approvals", installedAs: "hermes-plugin/workspace-approvals", containing: "plugin.yaml")
    }
}
