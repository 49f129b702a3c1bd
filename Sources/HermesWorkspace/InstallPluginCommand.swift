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

    @Option(help: "Install it into this profile's home (profiles/NAME under --home) instead of the default profile's.")
    var profile: String?

    @Option(help: "Install the plugin from this folder instead of the copy built into the binary.")
    var source: String?

    func run() async throws {
        let root = try homeOption.existingHome()
        let name = try profile.map { try ProfileName($0) } ?? .default
        let home: HermesHome
        do { home = try ProfileDirectory(root: root).home(of: name) } catch { throw ValidationError("\(error)") }
        let files: PluginInstaller.Source
        if let source {
            files = .folder(URL(fileURLWithPath: source))
        } else if let embedded = BundledFiles.embeddedPlugin {
            files = .files(embedded)
        } else if let folder = Self.defaultSource() {
            files = .folder(folder)
        } else {
            throw ValidationError("The plugin files were not found; pass --source PATH/workspace-approvals.")
        }
        let audit = AuditLog(home: root).scoped(to: name)
        let installed = try await PluginInstaller(
            home: home, config: ConfigStore(home: home, audit: audit), profile: name, credentials: CredentialStore(home: root)
        )
        .install(from: files, url: url, actor: AuditActor(name: "cli", address: nil, requestID: nil))
        print("Installed \(installed.path) and enabled it in \(home.configFile.path). Restart the agent (gateway) to load it.")
    }

    private static func defaultSource() -> URL? {
        BundledFiles.folder(
            "integrations/hermes-plugin/workspace-approvals", installedAs: "hermes-plugin/workspace-approvals", containing: "plugin.yaml")
    }
}
