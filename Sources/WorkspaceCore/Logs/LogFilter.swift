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

    /// Sets the search: `/pattern/` or `/pattern/i` is a regular expression, anything else plain case-insensitive text.
    public mutating func search(_ query: String) throws {
        guard query.count <= Self.maximumPatternLength else {
            throw WorkspaceError.invalidInput("The search is longer than \(Self.maximumPatternLength) characters.")
        }
        if query.count >= 2, query.hasPrefix("/"), let close = query.lastIndex(of: "/"), close != query.startIndex {
            let flags = query[query.index(after: close)...]
            guard flags.allSatisfy({ $0 == "i" }) else { throw WorkspaceError.invalidInput("Only the i flag is supported after /pattern/.") }
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

    /// Whether only some records match.
    public var isNarrowing: Bool { minimumLevel != nil || !loggerPrefixes.isEmpty || session != nil || text != nil || expression != nil }

    /// Whether `record` matches. Search looks at the message and its continuation lines, each capped at 8 KiB so
    /// one enormous line cannot make a pattern slow.
    public func matches(_ record: LogRecord) -> Bool {
        if let minimumLevel {
            guard let level = record.level.flatMap(LogLevel.init(rawValue:)), level >= minimumLevel else { return false }
        }
        if !loggerPrefixes.isEmpty {
            guard let logger = record.logger, loggerPrefixes.contains(where: { logger.hasPrefix($0) }) else { return false }
        }
        if let session, record.session != session { return false }
        guard text != nil || expression != nil else { return true }
        let haystacks = ([record.logger ?? "", record.message] + record.continuation).map { String($0.prefix(8_192)) }
        if let text { return haystacks.contains { $0.lowercased().contains(text) } }
        guard let expression else { return true }
        return haystacks.contains { line in expression.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil }
    }
}
