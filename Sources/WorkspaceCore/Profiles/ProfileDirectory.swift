import Foundation

/// The profiles on this machine, found exactly as the agent finds them (`hermes_cli/profiles.py`,
/// `list_profiles`): the root home is `default`, and every folder under `<root>/profiles/` whose name has a
/// profile's shape is a named profile with a complete home of its own. `<root>/active_profile` names the sticky
/// profile the CLI uses when no `-p` is given.
public struct ProfileDirectory: Sendable {
    /// The root home (the one the workspace was pointed at).
    public let root: HermesHome

    /// The profiles of `root`.
    public init(root: HermesHome) { self.root = root }

    /// `<root>/profiles/`.
    public var profilesFolder: URL { root.root.appendingPathComponent("profiles", isDirectory: true) }
    /// `<root>/active_profile`.
    public var activeProfileFile: URL { root.root.appendingPathComponent("active_profile") }

    /// Every profile, `default` first, the rest by name.
    public func names() -> [ProfileName] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: profilesFolder.path)) ?? []
        let named = entries.filter { $0 != "default" && ProfileName.isWellFormed($0) && isDirectory(profilesFolder.appendingPathComponent($0)) }
            .compactMap { try? ProfileName($0) }
        return [.default] + named.sorted()
    }

    /// The home of `name`; a named profile without its folder is not found (404, naming it).
    public func home(of name: ProfileName) throws -> HermesHome {
        if name.isDefault { return root }
        let folder = profilesFolder.appendingPathComponent(name.rawValue, isDirectory: true)
        guard isDirectory(folder) else { throw WorkspaceError.notFound(what: "Profile \(name.rawValue)") }
        return HermesHome(root: folder)
    }

    /// Whether `name` exists now.
    public func exists(_ name: ProfileName) -> Bool { name.isDefault || isDirectory(profilesFolder.appendingPathComponent(name.rawValue)) }

    /// The sticky profile (`active_profile`; absent, empty, `default` or naming a missing profile = default).
    public func active() -> ProfileName {
        guard let text = try? String(contentsOf: activeProfileFile, encoding: .utf8),
            let name = try? ProfileName(text.trimmingCharacters(in: .whitespacesAndNewlines)), exists(name)
        else { return .default }
        return name
    }

    private func isDirectory(_ url: URL) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
    }
}
