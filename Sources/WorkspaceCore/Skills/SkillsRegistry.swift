import Foundation

/// The installed skills: `HERMES_HOME/skills` (with or without category folders) and `skills.external_dirs`, each
/// SKILL.md read for its front matter, problems reported on the skill instead of failing the list. The scan is
/// cached; it is redone only when a SKILL.md, a skills folder, `config.yaml` or the provenance files change
/// (checked with `stat`, so a cached listing costs no file reads).
public final class SkillsRegistry: Sendable {
    static let skippedFolders: Set<String> = [
        ".git", ".github", ".hub", ".archive", ".venv", "venv", "node_modules", "site-packages", "__pycache__", ".tox", ".nox",
        ".pytest_cache", ".mypy_cache", ".ruff_cache", ".curator_backups", "references", "templates", "assets", "scripts",
    ]
    private static let headBytes = 65_536
    /// How deep under a skills folder the scan looks for SKILL.md files.
    static let scanDepth = 6

    private let home: HermesHome
    private let environment: [String: String]
    private let cache = LockedValue<(signature: [String], skills: [Skill])?>(nil)
    private let documents = LockedValue<[String: (FileSignature, SkillDocument)]>([:])

    /// The registry of `home`; `environment` expands `${VAR}` in `skills.external_dirs`.
    public init(home: HermesHome, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.home = home
        self.environment = environment
    }

    /// A skill folder found by the scan.
    struct Location: Sendable {
        var root: URL
        var folder: URL
        var isLocal: Bool
    }

    /// Every skill, local ones first, each group in path order. Blocking: call it off the concurrency pool.
    public func skills() -> [Skill] {
        scanned().skills
    }

    /// ``skills()``, and whether they all come from the home's own `skills/` folder (no `skills.external_dirs`
    /// configured), so that watching that folder and `config.yaml` is watching everything the list depends on.
    public func scanned() -> (skills: [Skill], homeFolderOnly: Bool) {
        let config = configuration()
        let homeFolderOnly = config["skills"]?["external_dirs"]?.stringList.isEmpty ?? true
        let locations = scan(config: config)
        let signature =
            locations.map {
                "\($0.folder.path)|\(FileSignature(path: $0.folder.appendingPathComponent("SKILL.md").path).map(String.init(describing:)) ?? "-")"
            }
            + [
                home.configFile, home.skillsDirectory.appendingPathComponent(".bundled_manifest"),
                home.skillsDirectory.appendingPathComponent(".hub/lock.json"),
            ]
            .map { FileSignature(path: $0.path).map(String.init(describing:)) ?? "-" }
        if let cached = cache.value, cached.signature == signature { return (cached.skills, homeFolderOnly) }
        let provenance = Provenance(skills: home.skillsDirectory)
        var seen: [String: String] = [:]
        var result: [Skill] = []
        for location in locations {
            var skill = record(at: location, config: config, provenance: provenance)
            if let first = seen[skill.name] {
                skill.warnings.append("Another skill named \(skill.name) (\(first)) comes first; the agent uses that one.")
            } else {
                seen[skill.name] = location.isLocal ? skill.path : location.folder.path
            }
            result.append(skill)
        }
        cache.value = (signature, result)
        return (result, homeFolderOnly)
    }

    /// Where the skill called `name` lives (the first one with that name).
    func location(of name: String) -> Location? {
        let config = configuration()
        return scan(config: config).first { record(at: $0, config: config, provenance: nil).name == name }
    }

    private func record(at location: Location, config: OrderedJSON, provenance: Provenance?) -> Skill {
        let file = location.folder.appendingPathComponent("SKILL.md")
        let document = self.document(at: file)
        let front = document.frontMatter
        let relative = String(location.folder.path.dropFirst(location.root.path.count).drop { $0 == "/" })
        let parts = relative.split(separator: "/").map(String.init)
        let name = front["name"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? location.folder.lastPathComponent
        var warnings = document.problems
        let resolvedRoot = location.root.resolvingSymlinksInPath().path
        let resolved = location.folder.resolvingSymlinksInPath().path
        if !(resolved == resolvedRoot || resolved.hasPrefix(resolvedRoot + "/")) || !file.resolvingSymlinksInPath().path.hasPrefix(resolved + "/") {
            warnings.append(
                "It is a symlink to \(file.resolvingSymlinksInPath().path), outside its skills folder; the workspace does not open its files.")
        }
        let platforms = front["platforms"]?.stringList ?? []
        if !platforms.isEmpty, !platforms.contains("linux") {
            warnings.append("It is only for \(platforms.joined(separator: ", ")); the agent hides it on Linux.")
        }
        let hermes = front["metadata"]?["hermes"]
        let disabled = Set(config["skills"]?["disabled"]?.stringList ?? [])
        var disabledOn: [String] = []
        if case .object(let platformsDisabled)? = config["skills"]?["platform_disabled"] {
            disabledOn = platformsDisabled.filter { $0.value.stringList.contains(name) }.map(\.key).sorted()
        }
        return Skill(
            name: name, category: parts.count >= 2 ? parts[0] : nil, description: document.summary,
            version: front["version"].flatMap(Self.scalarText), license: front["license"]?.stringValue, platforms: platforms,
            tags: Self.unique((front["tags"]?.stringList ?? []) + (hermes?["tags"]?.stringList ?? [])),
            relatedSkills: Self.unique((front["related_skills"]?.stringList ?? []) + (hermes?["related_skills"]?.stringList ?? [])),
            requiredVariables: document.requiredVariables,
            provenance: location.isLocal ? provenance?.label(of: name) ?? "local" : "external",
            path: relative, root: location.isLocal ? "local" : location.root.path,
            enabled: !disabled.contains(name), disabledOn: disabledOn, warnings: warnings)
    }

    /// The parsed head of a SKILL.md, re-read only when the file changed.
    private func document(at file: URL) -> SkillDocument {
        let signature = FileSignature(path: file.path)
        if let signature, let cached = documents.value[file.path], cached.0 == signature { return cached.1 }
        var text = ""
        if let handle = try? FileHandle(forReadingFrom: file) {
            text = String(decoding: (try? handle.read(upToCount: Self.headBytes)) ?? Data(), as: UTF8.self)
            try? handle.close()
        }
        let document = SkillDocument(text: text)
        if let signature { documents.withValue { $0[file.path] = (signature, document) } }
        return document
    }

    /// `config.yaml` as a value (empty when missing or invalid).
    private func configuration() -> OrderedJSON {
        guard let text = try? String(contentsOf: home.configFile, encoding: .utf8), let document = try? YAMLDocument(text: text) else {
            return .object([])
        }
        return document.value
    }

    /// The skill folders of the local root, then of each external directory that exists.
    private func scan(config: OrderedJSON) -> [Location] {
        var locations = Self.folders(in: home.skillsDirectory, depth: 0).map { Location(root: home.skillsDirectory, folder: $0, isLocal: true) }
        for directory in externalDirectories(config: config) where directory.standardizedFileURL != home.skillsDirectory.standardizedFileURL {
            locations += Self.folders(in: directory, depth: 0).map { Location(root: directory, folder: $0, isLocal: false) }
        }
        return locations
    }

    private func externalDirectories(config: OrderedJSON) -> [URL] {
        (config["skills"]?["external_dirs"]?.stringList ?? []).compactMap { entry in
            var path = entry.trimmingCharacters(in: .whitespaces)
            for (name, value) in environment { path = path.replacingOccurrences(of: "${\(name)}", with: value) }
            if path.hasPrefix("~") { path = (path as NSString).expandingTildeInPath }
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : home.root.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
                ? url.standardizedFileURL : nil
        }
    }

    private static func folders(in folder: URL, depth: Int) -> [URL] {
        guard depth < scanDepth, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        if depth > 0, names.contains("SKILL.md") { return [folder] }
        return names.sorted().filter { !skippedFolders.contains($0) && !$0.hasPrefix(".") }.flatMap { name -> [URL] in
            let child = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: child.path, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
            return folders(in: child, depth: depth + 1)
        }
    }

    private static func scalarText(_ value: OrderedJSON) -> String? {
        switch value {
        case .string(let text): text
        case .int(let number): String(number)
        case .double(let number): String(number)
        default: nil
        }
    }

    private static func unique(_ names: [String]) -> [String] {
        var result: [String] = []
        for name in names where !result.contains(name) { result.append(name) }
        return result
    }
}

/// Where installed skills came from: `.hub/lock.json` (hub) and `.bundled_manifest` (bundled).
private struct Provenance {
    let hub: Set<String>
    let bundled: Set<String>

    init(skills: URL) {
        let lock = (try? Data(contentsOf: skills.appendingPathComponent(".hub/lock.json"))).flatMap {
            try? JSONSerialization.jsonObject(with: $0) as? [String: Any]
        }
        hub = Set(((lock?["installed"] as? [String: Any]) ?? [:]).keys)
        let manifest = (try? String(contentsOf: skills.appendingPathComponent(".bundled_manifest"), encoding: .utf8)) ?? ""
        bundled = Set(
            manifest.split(separator: "\n").compactMap { $0.split(separator: ":").first.map { String($0).trimmingCharacters(in: .whitespaces) } })
    }

    func label(of name: String) -> String {
        hub.contains(name) ? "hub" : bundled.contains(name) ? "bundled" : "local"
    }
}
