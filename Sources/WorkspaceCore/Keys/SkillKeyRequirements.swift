import Foundation
import Yams

/// Which `.env` variables the installed skills ask for, read from their SKILL.md front matter
/// (`required_environment_variables`, the legacy `prerequisites.env_vars`, and `setup.collect_secrets`).
struct SkillKeyRequirements: Sendable {
    private static let skippedFolders: Set<String> = [
        ".git", ".github", ".hub", ".archive", ".venv", "venv", "node_modules", "site-packages", "__pycache__",
        "references", "templates", "assets", "scripts",
    ]

    let skillsDirectory: URL

    /// Variable name → names of the skills that need it (optional ones left out).
    func requirements() -> [String: [String]] {
        var result: [String: [String]] = [:]
        for file in skillFiles(in: skillsDirectory, depth: 0) {
            guard let (name, variables) = Self.read(file) else { continue }
            for variable in variables where !(result[variable]?.contains(name) ?? false) { result[variable, default: []].append(name) }
        }
        return result
    }

    private func skillFiles(in folder: URL, depth: Int) -> [URL] {
        guard depth < 5, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        if names.contains("SKILL.md") { return [folder.appendingPathComponent("SKILL.md")] }
        return names.sorted().filter { !Self.skippedFolders.contains($0) && !$0.hasPrefix(".") }.flatMap { name -> [URL] in
            var isDirectory: ObjCBool = false
            let child = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: child.path, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
            return skillFiles(in: child, depth: depth + 1)
        }
    }

    private static func read(_ file: URL) -> (String, [String])? {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return nil }
        defer { try? handle.close() }
        let head = String(decoding: (try? handle.read(upToCount: 16_384)) ?? Data(), as: UTF8.self)
        let lines = head.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces).hasSuffix("---") == true,
              let close = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }),
              let front = (try? Yams.load(yaml: lines[1..<close].joined(separator: "\n"))) as? [String: Any] else { return nil }
        let name = (front["name"] as? String) ?? file.deletingLastPathComponent().lastPathComponent
        var variables: [String] = []
        for item in front["required_environment_variables"] as? [Any] ?? [] {
            if let text = item as? String { variables.append(text) }
            if let spec = item as? [String: Any], let variable = spec["name"] as? String, spec["optional"] as? Bool != true { variables.append(variable) }
        }
        variables += ((front["prerequisites"] as? [String: Any])?["env_vars"] as? [String]) ?? []
        for secret in ((front["setup"] as? [String: Any])?["collect_secrets"] as? [[String: Any]]) ?? [] {
            if let variable = secret["env_var"] as? String { variables.append(variable) }
        }
        return (name, variables)
    }
}
