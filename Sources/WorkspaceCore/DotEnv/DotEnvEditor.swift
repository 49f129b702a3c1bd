import Foundation

/// Surgical edits of `.env` text: one key's lines change, every other byte stays as it was.
///
/// Setting a key rewrites its first definition in place (keeping an `export ` prefix) and removes later
/// duplicates, so the agent's last-wins readers and first-wins writers agree afterwards; a new key is appended.
/// Values are written bare when that reads back unchanged, double-quoted (`\` and `"` escaped) when they hold
/// whitespace, `#`, `$` or quotes. A `${NAME}` in a value stays a reference: the agent's runtime loader
/// (python-dotenv) expands it in every quoting style, so no quoting could make it literal anyway.
public struct DotEnvEditor: Sendable {
    /// Why an edit was refused.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        /// The name is not `[A-Za-z_][A-Za-z0-9_]*`.
        case invalidName(String)
        /// The name steers the loader or the agent itself and may not be set from here.
        case deniedName(String)
        /// The value holds a line break or NUL, which `.env` cannot carry safely.
        case invalidValue(name: String)

        /// A sentence for people; never contains the value.
        public var description: String {
            switch self {
            case .invalidName(let name): "\"\(name)\" is not a valid variable name (letters, digits and _, not starting with a digit)."
            case .deniedName(let name): "\(name) controls the loader or the agent itself and cannot be set from the workspace."
            case .invalidValue(let name): "The value for \(name) contains a line break or NUL character."
            }
        }
    }

    /// Names the agent's own writer refuses (loader and interpreter hooks, the agent's location).
    public static let deniedNames: Set<String> = [
        "LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "LD_DEBUG", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONUSERBASE",
        "PYTHONEXECUTABLE", "PYTHONNOUSERSITE", "NODE_OPTIONS", "NODE_PATH", "PATH", "SHELL", "BROWSER", "EDITOR", "VISUAL", "PAGER",
        "GIT_SSH_COMMAND", "GIT_EXEC_PATH", "GIT_SHELL", "HERMES_HOME", "HERMES_PROFILE", "HERMES_CONFIG", "HERMES_ENV",
    ]

    /// Creates an editor.
    public init() {}

    /// Checks `name` against the naming rule and the deny list.
    public func validate(name: String) throws {
        guard name.range(of: #"^[A-Za-z_][A-Za-z0-9_]*$"#, options: .regularExpression) != nil else { throw Refusal.invalidName(name) }
        guard !Self.deniedNames.contains(name), !name.hasPrefix("DYLD_") else { throw Refusal.deniedName(name) }
    }

    /// `text` with `name` set to `value`.
    public func setting(_ name: String, to value: String, in text: String) throws -> String {
        try validate(name: name)
        guard !value.contains(where: { $0.isNewline || $0 == "\u{0}" }) else { throw Refusal.invalidValue(name: name) }
        let assignment = "\(name)=\(Self.encode(value))"
        var lines = Self.lines(of: text)
        var replaced = false
        lines = lines.compactMap { line in
            guard let exported = Self.definition(of: name, in: line.content) else { return line }
            guard !replaced else { return nil }
            replaced = true
            return Line(content: (exported ? "export " : "") + assignment, terminator: line.terminator)
        }
        if !replaced {
            let terminator = lines.first { !$0.terminator.isEmpty }?.terminator ?? "\n"
            if let last = lines.indices.last, lines[last].terminator.isEmpty { lines[last].terminator = terminator }
            lines.append(Line(content: assignment, terminator: terminator))
        }
        return lines.map { $0.content + $0.terminator }.joined()
    }

    /// `text` without any line defining `name`, and whether there was one.
    public func removing(_ name: String, from text: String) throws -> (text: String, removed: Bool) {
        try validate(name: name)
        let lines = Self.lines(of: text)
        let kept = lines.filter { Self.definition(of: name, in: $0.content) == nil }
        return (kept.map { $0.content + $0.terminator }.joined(), kept.count != lines.count)
    }

    private struct Line {
        var content: String
        var terminator: String
    }

    /// Splits text into lines that remember their own terminator (`\n`, `\r\n` or none at the end).
    /// (Swift reads `\r\n` as one character, so the split goes by characters, not by searching for `\n`.)
    private static func lines(of text: String) -> [Line] {
        var result: [Line] = []
        var content = ""
        for character in text {
            if character == "\n" || character == "\r\n" {
                result.append(Line(content: content, terminator: String(character)))
                content = ""
            } else {
                content.append(character)
            }
        }
        if !content.isEmpty { result.append(Line(content: content, terminator: "")) }
        return result
    }

    /// Whether `line` defines `name` (`nil` if not), and whether it carries an `export ` prefix.
    private static func definition(of name: String, in line: String) -> Bool? {
        var body = Substring(line.drop(while: { $0 == " " || $0 == "\t" }))
        let exported = body.hasPrefix("export ")
        if exported { body = body.dropFirst(7).drop(while: { $0 == " " }) }
        guard body.hasPrefix(name) else { return nil }
        let after = body.dropFirst(name.count).drop(while: { $0 == " " || $0 == "\t" })
        return after.hasPrefix("=") ? exported : nil
    }

    /// The value as it must appear after `=` to read back unchanged.
    static func encode(_ value: String) -> String {
        let needsQuotes = !value.isEmpty && value.contains { $0.isWhitespace || $0 == "#" || $0 == "\"" || $0 == "'" || $0 == "\\" || $0 == "$" }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
