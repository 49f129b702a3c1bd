import Foundation

/// Installs the approvals bridge into `HERMES_HOME/plugins/workspace-approvals/` (copied next to the old copy, then
/// swapped in by two renames, so a re-install or an upgrade replaces a non-empty folder and leaves no staging copy)
/// and enables it in `config.yaml` — `plugins.enabled` gains its name and `plugins.entries.workspace-approvals.url`
/// says where the workspace listens — with the comment-keeping editor.
///
/// The bridge gets its own credential: an `agent` token (it can submit a request and wait for its decision, nothing
/// else) and a signing key the server signs its answers with, written to `workspace.json` (0600) in the plugin folder.
/// Each install replaces the previous bridge token.
public struct PluginInstaller: Sendable {
    /// The plugin's folder name, which is its name for the agent.
    public static let pluginName = "workspace-approvals"
    /// The name of the bridge's agent token.
    public static let tokenName = "approvals-bridge"

    private let home: HermesHome
    private let config: ConfigStore
    private let credentials: CredentialStore
    private let profile: ProfileName

    /// An installer for `home`, editing its configuration through `config`; a named `profile`'s home is under the
    /// root home whose workspace holds the credentials (`credentials`), and its bridge has a token of its own.
    public init(home: HermesHome, config: ConfigStore, profile: ProfileName = .default, credentials: CredentialStore? = nil) {
        self.home = home
        self.config = config
        self.profile = profile
        self.credentials = credentials ?? CredentialStore(home: home)
    }

    /// The bridge token's name for `profile`.
    public static func tokenName(for profile: ProfileName) -> String { profile.isDefault ? tokenName : "\(tokenName)-\(profile)" }

    /// Where the plugin's files come from.
    public enum Source: Sendable {
        /// A folder holding `plugin.yaml` and `__init__.py`.
        case folder(URL)
        /// Files by path relative to the plugin folder (the copy built into the binary).
        case files([String: Data])
    }

    /// Installs the plugin's files from `source` and enables it for `url`. Returns the installed folder.
    @discardableResult
    public func install(from source: Source, url: String, actor: AuditActor?) async throws -> URL {
        let manager = FileManager.default
        let plugins = home.root.appendingPathComponent("plugins")
        let target = plugins.appendingPathComponent(Self.pluginName)
        let staging = plugins.appendingPathComponent(".\(Self.pluginName).installing-\(UUID().uuidString)")
        switch source {
        case .folder(let folder):
            for file in ["plugin.yaml", "__init__.py"] where !manager.fileExists(atPath: folder.appendingPathComponent(file).path) {
                throw WorkspaceError.notFound(what: "\(folder.appendingPathComponent(file).path)")
            }
            try manager.createDirectory(at: plugins, withIntermediateDirectories: true)
            try manager.copyItem(at: folder, to: staging)
        case .files(let files):
            for file in ["plugin.yaml", "__init__.py"] where files[file] == nil { throw WorkspaceError.notFound(what: "the plugin's \(file)") }
            let paths = files.keys.filter { path in !path.split(separator: "/").contains { $0 == ".." || $0 == "." || $0.isEmpty } }
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            for path in paths {
                let file = staging.appendingPathComponent(path)
                try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(files[path] ?? Data()).write(to: file)
            }
        }
        for leftover in ["__pycache__", "workspace.json"] { try? manager.removeItem(at: staging.appendingPathComponent(leftover)) }
        do {
            let token = try credentials.createToken(name: Self.tokenName(for: profile), role: .agent, replacing: true)
            let settings: OrderedJSON = .object([
                "url": .string(url), "token": .string(token.secret), "signingKey": .string(token.signingKey ?? ""),
                "profile": .string(profile.rawValue),
            ])
            try AtomicFileWriter(forcedMode: 0o600).write(
                Data((settings.rendered(.indented) + "\n").utf8), to: staging.appendingPathComponent("workspace.json"))
            let retired = plugins.appendingPathComponent(".\(Self.pluginName).old-\(UUID().uuidString)")
            let hadOne = manager.fileExists(atPath: target.path)
            if hadOne { try manager.moveItem(at: target, to: retired) }
            do {
                try manager.moveItem(at: staging, to: target)
            } catch {
                if hadOne { try? manager.moveItem(at: retired, to: target) }
                throw error
            }
            if hadOne { try? manager.removeItem(at: retired) }
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
        let snapshot = try config.snapshot()
        var enabled = snapshot.value["plugins"]?["enabled"]?.stringList ?? []
        if !enabled.contains(Self.pluginName) { enabled.append(Self.pluginName) }
        var edits = [
            ConfigEdit(path: ["plugins", "enabled"], operation: .set(.array(enabled.map(OrderedJSON.string)))),
            ConfigEdit(path: ["plugins", "entries", Self.pluginName, "url"], operation: .set(.string(url))),
        ]
        if case .array(let disabled)? = snapshot.value["plugins"]?["disabled"], disabled.contains(.string(Self.pluginName)) {
            edits.append(ConfigEdit(path: ["plugins", "disabled"], operation: .set(.array(disabled.filter { $0 != .string(Self.pluginName) }))))
        }
        _ = try await config.patch(edits, expecting: .exactly(snapshot.etag), actor: actor, source: "install-plugin")
        return target
    }
}
