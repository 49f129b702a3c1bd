import Foundation

/// Reads `.env` files with the agent's own key-reader rules: `export ` prefixes dropped, `#` lines skipped,
/// double quotes unwrapped with `\"` and `\\` unescaped, single quotes literal, no inline-comment stripping,
/// and the last occurrence of a key wins.
public struct DotEnvReader: Sendable {
    /// Creates a reader.
    public init() {}

    /// One definition line: its key, its value, whether it carried `export `.
    public struct Definition: Sendable, Equatable {
        /// The variable name.
        public var name: String
        /// The value, unquoted.
        public var value: String
        /// Whether the line started with `export `.
        public var exported: Bool
    }

    /// Every definition in file order (a key defined twice appears twice).
    public func definitions(in text: String) -> [Definition] {
        var result: [Definition] = []
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        for rawLine in body.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#"), line.contains("=") else { continue }
            let exported = line.hasPrefix("export ")
            if exported { line = String(line.dropFirst(7)) }
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { continue }
            result.append(
                Definition(
                    name: key, value: Self.unquote(parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""),
                    exported: exported))
        }
        return result
    }

    /// The key/value pairs of `text`; the last definition of a key wins.
    public func values(in text: String) -> [String: String] {
        Dictionary(definitions(in: text).map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// Defined names in order of first appearance.
    public func names(in text: String) -> [String] {
        var seen = Set<String>()
        return definitions(in: text).map(\.name).filter { seen.insert($0).inserted }
    }

    /// The key/value pairs of the file at `url`; empty when it does not exist.
    public func values(at url: URL) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [:] }
        return values(in: String(decoding: data, as: UTF8.self))
    }

    private static func unquote(_ value: String) -> String {
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
            var unescaped = ""
            var iterator = value.dropFirst().dropLast().makeIterator()
            while let character = iterator.next() {
                if character == "\\", let next = iterator.next() {
                    if next == "\"" || next == "\\" {
                        unescaped.append(next)
                    } else {
                        unescaped.append(character)
                        unescaped.append(next)
                    }
                } else {
                    unescaped.append(character)
                }
            }
            return unescaped
        }
        if value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") {
            return String(value.dropFirst().dropLast())
        }
        return value
    }
}
