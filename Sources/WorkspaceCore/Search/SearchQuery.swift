import Foundation

/// A user's search text turned into an FTS5 expression that can never be a syntax error: every term and phrase
/// is quoted, so FTS operators, column filters and stray punctuation are searched for literally.
public struct SearchQuery: Sendable, Equatable {
    /// Which index answers the query.
    public enum Mode: String, Sendable, CaseIterable {
        /// Word search when the text has no CJK characters, substring search otherwise.
        case auto
        /// Whole words (`messages_fts`, unicode61): `deploy` finds "Deploy", `deploy*` finds "deployment".
        case words
        /// Substrings of three characters or more (`messages_fts_trigram`): CJK text and parts of words.
        case substring
    }

    /// One piece of the query.
    public enum Term: Sendable, Equatable {
        /// A word or a quoted phrase.
        case phrase(String)
        /// A word prefix (`deplo*`).
        case prefix(String)
    }

    /// Longest accepted query text, in characters.
    public static let maximumLength = 500
    /// Most terms in one query.
    public static let maximumTerms = 16

    /// The terms, all of which must match.
    public let terms: [Term]
    /// The index to use (never `.auto`).
    public let mode: Mode

    /// Parses `text`; throws `invalidInput` for empty, oversized or (substring mode) too-short queries.
    public init(_ text: String, mode requested: Mode = .auto) throws {
        guard text.count <= Self.maximumLength else {
            throw WorkspaceError.invalidInput("The search text is longer than \(Self.maximumLength) characters.")
        }
        let terms = Self.tokenize(text)
        guard !terms.isEmpty else { throw WorkspaceError.invalidInput("Type something to search for.") }
        guard terms.count <= Self.maximumTerms else {
            throw WorkspaceError.invalidInput("Use at most \(Self.maximumTerms) search terms.")
        }
        let mode: Mode = requested == .auto ? (text.unicodeScalars.contains(where: Self.isCJK) ? .substring : .words) : requested
        if mode == .substring {
            for term in terms {
                let body =
                    switch term {
                    case .phrase(let text), .prefix(let text): text
                    }
                guard body.count >= 3 else {
                    throw WorkspaceError.invalidInput("Substring search needs at least three characters per term; \"\(body)\" is shorter.")
                }
            }
        }
        self.terms = terms
        self.mode = mode
    }

    /// The FTS5 MATCH expression.
    public var expression: String {
        terms.map { term in
            switch term {
            case .phrase(let text): Self.quote(text)
            case .prefix(let text): mode == .words ? Self.quote(text) + "*" : Self.quote(text)
            }
        }.joined(separator: " ")
    }

    private static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func tokenize(_ text: String) -> [Term] {
        var terms: [Term] = []
        var rest = Substring(text)
        while let start = rest.firstIndex(where: { !$0.isWhitespace }) {
            rest = rest[start...]
            if rest.first == "\"" {
                let body = rest.dropFirst()
                let end = body.firstIndex(of: "\"") ?? body.endIndex
                let phrase = body[..<end].trimmingCharacters(in: .whitespacesAndNewlines)
                if Self.hasSearchableText(phrase) { terms.append(.phrase(phrase)) }
                rest = end == body.endIndex ? body[end...] : body[body.index(after: end)...]
                continue
            }
            let end = rest.firstIndex(where: { $0.isWhitespace || $0 == "\"" }) ?? rest.endIndex
            var word = String(rest[..<end])
            rest = rest[end...]
            let isPrefix = word.hasSuffix("*")
            while word.hasSuffix("*") { word.removeLast() }
            while word.hasPrefix("*") { word.removeFirst() }
            guard Self.hasSearchableText(word) else { continue }
            terms.append(isPrefix ? .prefix(word) : .phrase(word))
        }
        return terms
    }

    private static func hasSearchableText(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }

    private static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FA1F: true
        default: false
        }
    }
}
