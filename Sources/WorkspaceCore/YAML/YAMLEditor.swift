import Yams

/// Applies ``ConfigEdit``s to YAML text as the smallest text change that does the job, so comments, blank lines,
/// key order, quoting and every untouched value stay byte-for-byte.
///
/// A changed scalar is rewritten in place (its trailing comment kept, at the same column when it fits); a new key
/// is added at the end of its mapping with that mapping's indentation; a deleted key loses its line and the
/// lines nested under it. Every result is parsed again and must equal the edit applied to the parsed value —
/// otherwise the edit is refused and the text is left alone, so an unusual construct can never be corrupted.
public struct YAMLEditor: Sendable {
    private let renderer = YAMLRenderer()

    /// Creates an editor.
    public init() {}

    /// `text` with every edit applied in order.
    public func applying(_ edits: [ConfigEdit], to text: String) throws -> String {
        var text = text
        for edit in edits {
            let document = try YAMLDocument(text: text)
            let expected = try edit.applied(to: document.value)
            guard expected != document.value else { continue }
            var lines = YAMLSourceLines(text)
            if let root = document.root {
                try rewrite(root, holder: nil, path: edit.path[...], edit: edit, expected: expected, lines: &lines)
            } else {
                lines.insert(renderer.block(expected, indent: 0), at: lines.lines.count)
            }
            let candidate = lines.text
            guard (try? YAMLDocument(text: candidate))?.value == expected else {
                throw ConfigProblem.editConflict(
                    path: edit.dottedPath,
                    reason: """
                        this part of the file uses YAML the form editor does not rewrite (anchors, multi-line keys or \
                        values, or a mapping inside a list); change it in the raw editor
                        """)
            }
            text = candidate
        }
        return text
    }

    /// A mapping entry as it appears in the text: its key node and its value node.
    private struct Entry {
        var key: Node
        var value: Node

        var line: Int { (key.mark?.line ?? 1) - 1 }
        var column: Int { (key.mark?.column ?? 1) - 1 }
    }

    private func rewrite(
        _ node: Node, holder: Entry?, path: ArraySlice<String>, edit: ConfigEdit, expected: OrderedJSON,
        lines: inout YAMLSourceLines
    ) throws {
        let prefix = edit.path[..<path.startIndex]
        let expectedHere = Self.value(at: prefix, in: expected) ?? .object([])
        guard let key = path.first else { return }
        switch node {
        case .mapping(let mapping) where !Self.isFlow(node, in: lines):
            let entries = mapping.map { Entry(key: $0.key, value: $0.value) }
            if let entry = entries.last(where: { $0.key.string == key }) {
                let rest = path.dropFirst()
                if !rest.isEmpty {
                    try rewrite(entry.value, holder: entry, path: rest, edit: edit, expected: expected, lines: &lines)
                } else if case .set(let value) = edit.operation {
                    try replaceValue(of: entry, with: value, lines: &lines)
                } else if let holder, entries.count == 1 {
                    try replaceValue(of: holder, with: .object([]), lines: &lines)
                } else {
                    try removeEntry(entry, path: edit.dottedPath, lines: &lines)
                }
            } else {
                guard case .object(let members) = expectedHere, let added = members.first(where: { $0.key == key }) else { return }
                let indent = (node.mark?.column ?? 1) - 1
                let end = holder.map { lines.blockEnd(startingAt: $0.line, column: $0.column) } ?? lines.contentEnd
                lines.insert(renderer.block(.object([added]), indent: indent), at: end)
            }
        case .mapping:
            guard let holder else { throw ConfigProblem.editConflict(path: edit.dottedPath, reason: "the whole file is one flow mapping") }
            try replaceValue(of: holder, with: expectedHere, lines: &lines)
        case .scalar where Resolver.default.resolveTag(of: node) == .null:
            guard let holder else { return }
            try replaceValue(of: holder, with: expectedHere, lines: &lines)
        default:
            let name = prefix.isEmpty ? "the document" : prefix.joined(separator: ".")
            throw ConfigProblem.editConflict(path: edit.dottedPath, reason: "\(name) is not a mapping; set \(name) itself instead")
        }
    }

    private func replaceValue(of entry: Entry, with value: OrderedJSON, lines: inout YAMLSourceLines) throws {
        let line = lines.lines[entry.line].scalars
        guard let afterColon = YAMLSourceLines.afterColon(in: line, keyColumn: entry.column) else {
            throw ConfigProblem.editConflict(path: entry.key.string ?? "?", reason: "the key's line has an unexpected shape")
        }
        let end = lines.blockEnd(startingAt: entry.line, column: entry.column)
        let comment = YAMLSourceLines.commentStart(in: line, from: afterColon)
        var valueEnd = comment ?? line.count
        while valueEnd > afterColon, line[valueEnd - 1] == " " || line[valueEnd - 1] == "\t" { valueEnd -= 1 }
        let leading = line[afterColon..<valueEnd].prefix { $0 == " " || $0 == "\t" }
        let head = Array(line[..<afterColon])
        let valueIsFlow = Self.isFlow(entry.value, in: lines)

        var newLine = head
        var nested: [String] = []
        if YAMLRenderer.isInline(value) || valueIsFlow {
            let rendered = Array(renderer.inline(value, quoting: Self.quoting(of: entry.value)).unicodeScalars)
            newLine += (leading.isEmpty ? [" "] : Array(leading)) + rendered
            if let comment {
                let gap = newLine.count < comment ? comment - newLine.count : max(1, comment - valueEnd)
                newLine += Array(repeating: " ", count: gap) + line[comment...]
            }
        } else {
            if let comment { newLine += [" "] + line[comment...] }
            var indent = entry.column + renderer.indentStep
            if let mark = entry.value.mark, mark.line - 1 > entry.line, entry.value.isCollection {
                indent = mark.column - 1
            }
            if case .object = value, indent <= entry.column { indent = entry.column + renderer.indentStep }
            nested = renderer.block(value, indent: indent)
        }
        lines.lines[entry.line].scalars = newLine
        lines.lines.removeSubrange((entry.line + 1)..<end)
        lines.insert(nested, at: entry.line + 1)
    }

    private func removeEntry(_ entry: Entry, path: String, lines: inout YAMLSourceLines) throws {
        guard lines.lines[entry.line].scalars.prefix(entry.column).allSatisfy({ $0 == " " }) else {
            throw ConfigProblem.editConflict(path: path, reason: "the key shares its line with other content")
        }
        lines.lines.removeSubrange(entry.line..<lines.blockEnd(startingAt: entry.line, column: entry.column))
    }

    private static func isFlow(_ node: Node, in lines: YAMLSourceLines) -> Bool {
        guard node.isCollection, let mark = node.mark, mark.line - 1 < lines.lines.count else { return false }
        let line = lines.lines[mark.line - 1].scalars
        let column = mark.column - 1
        return column < line.count && (line[column] == "[" || line[column] == "{")
    }

    private static func quoting(of node: Node) -> YAMLRenderer.Quoting {
        guard case .scalar(let scalar) = node, Resolver.default.resolveTag(of: node) == .str else { return .plainIfSafe }
        switch scalar.style {
        case .singleQuoted: return .single
        case .doubleQuoted: return .double
        default: return .plainIfSafe
        }
    }

    private static func value(at path: ArraySlice<String>, in value: OrderedJSON) -> OrderedJSON? {
        guard let key = path.first else { return value }
        guard case .object(let members) = value, let member = members.last(where: { $0.key == key }) else { return nil }
        return Self.value(at: path.dropFirst(), in: member.value)
    }
}

private extension Node {
    var isCollection: Bool {
        switch self {
        case .mapping, .sequence: true
        default: false
        }
    }
}
