/// The lines of a YAML text, each remembering its own terminator, with the small amount of lexical knowledge the
/// surgical editor needs: indentation, comment-only lines, where a trailing comment starts.
///
/// Columns are counted in Unicode scalars, as libyaml's marks are.
struct YAMLSourceLines: Sendable {
    /// One line without its terminator.
    struct Line: Sendable {
        var scalars: [Unicode.Scalar]
        var terminator: String

        var text: String { String(String.UnicodeScalarView(scalars)) }

        /// Leading spaces.
        var indent: Int { scalars.prefix { $0 == " " }.count }

        /// Whether the line holds YAML content (not blank, not only a comment).
        var isContent: Bool {
            guard let first = scalars.first(where: { $0 != " " && $0 != "\t" }) else { return false }
            return first != "#"
        }
    }

    var lines: [Line]

    /// Splits `text`; `\r\n` and `\n` terminators are kept per line.
    init(_ text: String) {
        lines = []
        var current: [Unicode.Scalar] = []
        var iterator = text.unicodeScalars.makeIterator()
        var pendingReturn = false
        while let scalar = iterator.next() {
            if pendingReturn {
                pendingReturn = false
                if scalar == "\n" {
                    lines.append(Line(scalars: current, terminator: "\r\n"))
                    current = []
                    continue
                }
                current.append("\r")
            }
            if scalar == "\r" {
                pendingReturn = true
                continue
            }
            if scalar == "\n" {
                lines.append(Line(scalars: current, terminator: "\n"))
                current = []
            } else {
                current.append(scalar)
            }
        }
        if pendingReturn { current.append("\r") }
        if !current.isEmpty { lines.append(Line(scalars: current, terminator: "")) }
    }

    /// The text again.
    var text: String {
        var result = ""
        for line in lines {
            result.unicodeScalars.append(contentsOf: line.scalars)
            result += line.terminator
        }
        return result
    }

    /// The terminator new lines get: the file's own.
    var newline: String { lines.first { !$0.terminator.isEmpty }?.terminator ?? "\n" }

    /// Index just past the last content line, or 0 when there is none.
    var contentEnd: Int { (lines.lastIndex { $0.isContent } ?? -1) + 1 }

    /// Index just past the last content line of the block that starts on line `start` with its key at `column`
    /// (0-based): later lines indented deeper belong to it, and so do `- ` items at the same indentation.
    func blockEnd(startingAt start: Int, column: Int) -> Int {
        var end = start + 1
        var index = start + 1
        while index < lines.count {
            let line = lines[index]
            if line.isContent {
                let indent = line.indent
                let isSameIndentItem =
                    indent == column
                    && (line.scalars.dropFirst(indent).starts(with: ["-", " "]) || line.scalars.count == indent + 1 && line.scalars[indent] == "-")
                guard indent > column || isSameIndentItem else { break }
                end = index + 1
            }
            index += 1
        }
        return end
    }

    /// Inserts `newLines` before line `index`, making sure the line before ends with a terminator.
    mutating func insert(_ newLines: [String], at index: Int) {
        let terminator = newline
        if index > 0, lines[index - 1].terminator.isEmpty { lines[index - 1].terminator = terminator }
        lines.insert(contentsOf: newLines.map { Line(scalars: Array($0.unicodeScalars), terminator: terminator) }, at: index)
    }

    /// Where a trailing comment starts on `line`, searching from `column`: a `#` after whitespace, outside quotes.
    static func commentStart(in line: [Unicode.Scalar], from column: Int) -> Int? {
        var quote: Unicode.Scalar?
        var index = column
        while index < line.count {
            let scalar = line[index]
            if let open = quote {
                if open == "'" && scalar == "'" {
                    if index + 1 < line.count, line[index + 1] == "'" { index += 1 } else { quote = nil }
                } else if open == "\"" && scalar == "\\" {
                    index += 1
                } else if scalar == open {
                    quote = nil
                }
            } else if scalar == "'" || scalar == "\"" {
                if index == column || " \t[{,:".unicodeScalars.contains(line[index - 1]) { quote = scalar }
            } else if scalar == "#", index == 0 || line[index - 1] == " " || line[index - 1] == "\t" {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Where the key that starts at `column` on `line` is followed by its `:` indicator; the index just past it.
    static func afterColon(in line: [Unicode.Scalar], keyColumn column: Int) -> Int? {
        var index = column
        if index < line.count, line[index] == "'" || line[index] == "\"" {
            let quote = line[index]
            index += 1
            while index < line.count {
                if line[index] == "\\", quote == "\"" {
                    index += 2
                    continue
                }
                if line[index] == quote {
                    if quote == "'", index + 1 < line.count, line[index + 1] == "'" {
                        index += 2
                        continue
                    }
                    break
                }
                index += 1
            }
            index += 1
            while index < line.count, line[index] == " " || line[index] == "\t" { index += 1 }
            return index < line.count && line[index] == ":" ? index + 1 : nil
        }
        while index < line.count {
            if line[index] == ":", index + 1 == line.count || line[index + 1] == " " || line[index + 1] == "\t" { return index + 1 }
            index += 1
        }
        return nil
    }
}
