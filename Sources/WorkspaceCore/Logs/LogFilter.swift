import Foundation

/// Which records a log query wants: a minimum level, logger prefixes, a session tag, and text or a `/regex/`.
public struct LogFilter: Sendable {
    /// The longest pattern accepted.
    public static let maximumPatternLength = 256

    /// Records at this level or above.
    public var minimumLevel: LogLevel?
    /// Records whose logger starts with one of these (`tools.`, `gateway`).
    public var loggerPrefixes: [String] = []
    /// Records tagged with this session.
    public var session: String?
    private var text: String?
    private var expression: NSRegularExpression?

    /// A filter that keeps everything.
    public init() {}

    /// Sets the search: `/pattern/` or `/pattern/i` is a regular expression, anything else plain case-insensitive text
    /// — including a pasted path such as `/tmp/run-7/out`, whose last `/` is followed by more than an `i`.
    public mutating func search(_ query: String) throws {
        guard query.count <= Self.maximumPatternLength else {
            throw WorkspaceError.invalidInput("The search is longer than \(Self.maximumPatternLength) characters.")
        }
        if query.count >= 2, query.hasPrefix("/"), let close = query.lastIndex(of: "/"), close != query.startIndex,
            ["", "i"].contains(query[query.index(after: close)...])
        {
            let flags = query[query.index(after: close)...]
            let pattern = String(query[query.index(after: query.startIndex)..<close])
            do {
                expression = try NSRegularExpression(pattern: pattern, options: flags.isEmpty ? [] : [.caseInsensitive])
            } catch {
                throw WorkspaceError.invalidInput("The regular expression does not compile.")
            }
        } else if !query.isEmpty {
            text = query.lowercased()
        }
    }

    /// Names the filter unambiguously (for keeping its answer).
    public var key: String {
        CacheKey.joining([
            minimumLevel?.rawValue, CacheKey.joining(loggerPrefixes), session, text, expression.map { "\($0.options.rawValue)/\($0.pattern)" },
        ])
    }

    /// Whether only some records match.
    public var isNarrowing: Bool { minimumLevel != nil || !loggerPrefixes.isEmpty || session != nil || text != nil || expression != nil }

    /// The longest one regular-expression search of one line may take before the pattern is refused as too slow
    /// (catastrophic backtracking: `(a+)+$`, `.*.*.*x`); sane patterns scan an 8 KiB line in microseconds.
    public static let searchTimeLimit: Duration = .milliseconds(100)

    /// Whether `record` matches; throws ``WorkspaceError/invalidInput(_:)`` when the pattern is too slow.
    public func matches(_ record: LogRecord) throws -> Bool {
        try matches(
            level: record.level, logger: record.logger, session: record.session, lines: [record.message[...]] + record.continuation.map { $0[...] })
    }

    /// Whether a record with these parts matches, checked before the record is built (the cheap parts first).
    /// Search looks at the logger, the message and the continuation lines, each capped at 8 KiB so one enormous
    /// line cannot make a pattern slow.
    func matches(level: String?, logger: String?, session: String?, lines: [Substring]) throws -> Bool {
        if let minimumLevel {
            guard let level = level.flatMap(LogLevel.init(rawValue:)), level >= minimumLevel else { return false }
        }
        if !loggerPrefixes.isEmpty {
            guard let logger, loggerPrefixes.contains(where: { logger.hasPrefix($0) }) else { return false }
        }
        if let wanted = self.session, session != wanted { return false }
        if let text {
            return ([logger.map { $0[...] } ?? ""] + lines).contains { Self.containsIgnoringCase($0.prefix(8_192), text) }
        }
        if let expression {
            return try ([logger.map { $0[...] } ?? ""] + lines).contains { line in try Self.search(expression, in: String(line.prefix(8_192))) }
        }
        return true
    }

    /// Whether `expression` matches somewhere in `text`, given at most ``searchTimeLimit``: ICU reports progress
    /// while it backtracks, and the search stops there.
    private static func search(_ expression: NSRegularExpression, in text: String) throws -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + searchTimeLimit
        var found = false
        var tooSlow = false
        expression.enumerateMatches(in: text, options: [.reportProgress], range: NSRange(text.startIndex..., in: text)) { match, _, stop in
            if match != nil {
                found = true
                stop.pointee = true
            } else if clock.now > deadline {
                tooSlow = true
                stop.pointee = true
            }
        }
        if tooSlow { throw WorkspaceError.invalidInput("The regular expression is too slow on these logs (it backtracks too much); simplify it.") }
        return found
    }

    /// Case-insensitive search without building a lowercased copy: ASCII bytes are folded while comparing.
    private static func containsIgnoringCase(_ haystack: Substring, _ needle: String) -> Bool {
        let needle = Array(needle.utf8)
        guard let first = needle.first else { return true }
        var bytes = Array(haystack.utf8)
        guard bytes.count >= needle.count else { return false }
        for index in bytes.indices where bytes[index] >= 65 && bytes[index] <= 90 { bytes[index] += 32 }
        var start = 0
        while start + needle.count <= bytes.count {
            guard let candidate = bytes[start...(bytes.count - needle.count)].firstIndex(of: first) else { return false }
            if bytes[candidate..<(candidate + needle.count)].elementsEqual(needle) { return true }
            start = candidate + 1
        }
        return false
    }
}
