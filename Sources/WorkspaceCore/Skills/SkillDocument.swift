import Foundation

/// A SKILL.md split into its YAML front matter and Markdown body, with what is wrong with it: the agent needs a
/// `---` fenced mapping first (a BOM is tolerated), a non-empty body, a `name` (≤ 64 characters) and a
/// `description` (≤ 1024).
public struct SkillDocument: Sendable {
    /// The front matter as a mapping (empty when missing or invalid).
    public let frontMatter: OrderedJSON
    /// The Markdown after the closing `---`.
    public let body: String
    /// Problems, in words; empty for a valid file.
    public let problems: [String]

    /// The longest name the agent accepts.
    public static let maximumNameLength = 64
    /// The longest description the agent accepts.
    public static let maximumDescriptionLength = 1_024

    /// Parses `text`.
    public init(text: String) {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
            let close = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" })
        else {
            frontMatter = .object([])
            body = text
            problems = ["SKILL.md does not start with a --- fenced YAML front matter block."]
            return
        }
        var problems: [String] = []
        var front = OrderedJSON.object([])
        do {
            let document = try YAMLDocument(text: lines[1..<close].joined(separator: "\n"))
            if case .object = document.value { front = document.value } else { problems.append("The front matter is not a YAML mapping.") }
        } catch {
            problems.append("The front matter is not valid YAML: \(error)")
        }
        body = lines[(close + 1)...].joined(separator: "\n")
        if body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append("The body after the front matter is empty.") }
        if let name = front["name"]?.stringValue {
            if name.count > Self.maximumNameLength { problems.append("The name is longer than \(Self.maximumNameLength) characters.") }
        } else if case .object = front {
            problems.append("The front matter has no name (the folder name is used).")
        }
        if let description = front["description"]?.stringValue {
            if description.count > Self.maximumDescriptionLength {
                problems.append("The description is longer than \(Self.maximumDescriptionLength) characters.")
            }
        } else {
            problems.append("The front matter has no description.")
        }
        frontMatter = front
        self.problems = problems
    }

    /// `.env` variables the skill needs (optional ones left out): `required_environment_variables`, the legacy
    /// `prerequisites.env_vars` and `setup.collect_secrets`.
    public var requiredVariables: [String] {
        var names: [String] = []
        if case .array(let items)? = frontMatter["required_environment_variables"] {
            for item in items {
                if let name = item.stringValue { names.append(name) }
                if let name = item["name"]?.stringValue, item["optional"] != .bool(true) { names.append(name) }
            }
        }
        names += frontMatter["prerequisites"]?["env_vars"]?.stringList ?? []
        if case .array(let secrets)? = frontMatter["setup"]?["collect_secrets"] {
            names += secrets.compactMap { $0["env_var"]?.stringValue }
        }
        var unique: [String] = []
        for name in names where !unique.contains(name) { unique.append(name) }
        return unique
    }

    /// The description, or the first line of the body that is not a heading (the agent's fallback).
    public var summary: String {
        if let description = frontMatter["description"]?.stringValue, !description.isEmpty { return description }
        return body.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty && !$0.hasPrefix("#") } ?? ""
    }
}
