import Crypto
import Foundation

/// Opens, edits and creates skills: SKILL.md written atomically after its front matter is validated and only when
/// the caller saw the current version (ETag), files read only from inside the skill's own folder, new skills under
/// `HERMES_HOME/skills/[category/]name/`. Blocking: call it off the concurrency pool.
public struct SkillWorkbench: Sendable {
    private let home: HermesHome
    private let registry: SkillsRegistry
    private let environment: [String: String]
    private let writer = AtomicFileWriter(defaultMode: 0o644)

    /// Names of skills and categories, as the agent accepts them for creation.
    public static func isValidName(_ name: String) -> Bool {
        name.count <= 64 && name.range(of: #"^[a-z0-9][a-z0-9._-]*$"#, options: .regularExpression) != nil
    }

    /// The largest SKILL.md and support file the agent accepts.
    public static let maximumSkillBytes = 100_000
    /// The largest support file served.
    public static let maximumFileBytes = 1 << 20

    /// A workbench over `home`'s skills.
    public init(home: HermesHome, registry: SkillsRegistry, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.home = home
        self.registry = registry
        self.environment = environment
    }

    /// The skill called `name`.
    public func detail(of name: String) throws -> SkillDetail {
        let location = try locate(name)
        guard let skill = registry.skills().first(where: { $0.name == name }) else { throw WorkspaceError.notFound(what: "Skill \(name)") }
        let content = try readSkillFile(location)
        let env = DotEnvReader().values(at: home.envFile)
        return SkillDetail(
            skill: skill, content: content, etag: Self.etag(of: content), editable: location.isLocal && isContained(location),
            files: files(in: location), variables: skill.requiredVariables.map { .init(name: $0, isSet: env[$0] != nil || environment[$0] != nil) })
    }

    /// The text of `path` inside the skill's folder; never a file outside it, however the path or a symlink is spelled.
    public func file(_ path: String, of name: String) throws -> String {
        let location = try locate(name)
        guard isContained(location), !path.isEmpty, !path.contains("\0"), !path.hasPrefix("/"),
            !path.split(separator: "/").contains(where: { $0 == ".." || $0 == "." || $0.isEmpty })
        else {
            throw WorkspaceError.notFound(what: "File \(path) of skill \(name)")
        }
        let folder = location.folder.resolvingSymlinksInPath().path
        let url = location.folder.appendingPathComponent(path).resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard url.path.hasPrefix(folder + "/"), FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue
        else {
            throw WorkspaceError.notFound(what: "File \(path) of skill \(name)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= Self.maximumFileBytes else { throw WorkspaceError.invalidInput("\(path) is larger than 1 MiB; open it on the server.") }
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw WorkspaceError.invalidInput("\(path) is not UTF-8 text.")
        }
        return text
    }

    /// Replaces SKILL.md with `text` when `expecting` admits its current revision; the front matter must be valid and
    /// keep the name.
    public func updateContent(of name: String, to text: String, expecting: ExpectedRevision?) throws -> SkillDetail {
        let location = try locate(name)
        guard location.isLocal, isContained(location) else {
            throw WorkspaceError.readOnly("Skill \(name) comes from an external folder; edit it there.")
        }
        guard expecting != nil else { throw WorkspaceError.revisionRequired("Send the ETag of the SKILL.md you edited in If-Match.") }
        let current = try readSkillFile(location)
        try ExpectedRevision.check(
            expecting, against: Revision(tag: Self.etag(of: current)), missing: "Send the ETag of the SKILL.md you edited in If-Match.",
            changed: "SKILL.md of \(name) changed since you loaded it; reload and edit again.")
        let document = try validated(text)
        guard (document.frontMatter["name"]?.stringValue ?? "") == name else {
            throw WorkspaceError.invalidInput("The name in the front matter must stay \(name); create a new skill to use another name.")
        }
        try writer.write(Data(text.utf8), to: location.folder.appendingPathComponent("SKILL.md"))
        return try detail(of: name)
    }

    /// Creates `skills/[category/]name/SKILL.md` from its parts.
    public func create(name: String, category: String?, description: String, body: String) throws -> SkillDetail {
        guard Self.isValidName(name) else {
            throw WorkspaceError.invalidInput(
                "A skill name is lowercase letters, digits, '.', '_' or '-', at most 64 characters, starting with a letter or digit.")
        }
        if let category, !Self.isValidName(category) {
            throw WorkspaceError.invalidInput("A category is one folder name made of lowercase letters, digits, '.', '_' or '-'.")
        }
        let summary = description.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !summary.isEmpty, !summary.contains("\n") else { throw WorkspaceError.invalidInput("The description is one non-empty line.") }
        guard registry.skills().first(where: { $0.name == name }) == nil else {
            throw WorkspaceError.conflict("A skill named \(name) already exists.")
        }
        let text =
            "---\nname: \(name)\ndescription: \(OrderedJSON.string(summary).rendered(.compact))\n---\n\n"
            + body.trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
        _ = try validated(text)
        var folder = home.skillsDirectory
        if let category { folder.appendPathComponent(category) }
        folder.appendPathComponent(name)
        guard !FileManager.default.fileExists(atPath: folder.path) else { throw WorkspaceError.conflict("The folder \(folder.path) already exists.") }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try writer.write(Data(text.utf8), to: folder.appendingPathComponent("SKILL.md"))
        return try detail(of: name)
    }

    private func validated(_ text: String) throws -> SkillDocument {
        guard text.utf8.count <= Self.maximumSkillBytes else { throw WorkspaceError.invalidInput("SKILL.md is limited to 100,000 characters.") }
        guard !text.contains("\0") else { throw WorkspaceError.invalidInput("SKILL.md contains a NUL character.") }
        let document = SkillDocument(text: text)
        guard document.problems.isEmpty else {
            throw WorkspaceError.invalidInput("SKILL.md is not valid: " + document.problems.joined(separator: " "))
        }
        return document
    }

    private func locate(_ name: String) throws -> SkillsRegistry.Location {
        guard !name.isEmpty, name.count <= 200, !name.contains("/"), let location = registry.location(of: name) else {
            throw WorkspaceError.notFound(what: "Skill \(name)")
        }
        return location
    }

    private func isContained(_ location: SkillsRegistry.Location) -> Bool {
        let root = location.root.resolvingSymlinksInPath().path
        let folder = location.folder.resolvingSymlinksInPath().path
        return folder.hasPrefix(root + "/")
    }

    private func readSkillFile(_ location: SkillsRegistry.Location) throws -> String {
        let url = location.folder.appendingPathComponent("SKILL.md")
        guard isContained(location), let data = FileManager.default.contents(atPath: url.path) else {
            throw WorkspaceError.notFound(what: "SKILL.md in \(location.folder.lastPathComponent)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    private func files(in location: SkillsRegistry.Location) -> [SkillDetail.File] {
        guard isContained(location) else { return [] }
        let folder = location.folder.resolvingSymlinksInPath()
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey]) else {
            return []
        }
        var files: [SkillDetail.File] = []
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey])
            guard values?.isRegularFile == true, url.resolvingSymlinksInPath().path.hasPrefix(folder.path + "/") else { continue }
            files.append(.init(path: String(url.path.dropFirst(folder.path.count + 1)), size: values?.fileSize ?? 0))
            if files.count >= 2_000 { break }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// `"skill-<sha256 prefix>"` of the text.
    static func etag(of text: String) -> String {
        Revision.digest("skill", of: Data(text.utf8), bytes: 12).tag
    }
}
