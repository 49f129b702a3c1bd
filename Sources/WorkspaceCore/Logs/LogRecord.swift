import Foundation

/// One log record: a header line (`2026-11-17 11:06:42,717 INFO [session] logger: message`) with the lines that
/// continue it (a traceback), or a raw line that does not parse, which is kept rather than dropped.
public struct LogRecord: Sendable, Codable, Equatable {
    /// Where the record starts: the file's inode and the byte offset, as a cursor (`<inode>:<offset>`).
    public var id: String
    /// The log's short name (`agent`), and the file the record is in (`agent.log.1`).
    public var file: String
    /// The timestamp as written (server-local time).
    public var localTime: String?
    /// The timestamp as an instant, read in the server's time zone.
    public var time: Date?
    /// `DEBUG`, `INFO`, `WARNING`, `ERROR` or `CRITICAL`; `nil` for a raw line.
    public var level: String?
    /// The session tag in brackets, when the line was written inside a conversation.
    public var session: String?
    /// The logger name (`tools.terminal_tool`).
    public var logger: String?
    /// The first line's message.
    public var message: String
    /// Lines that continue the record (a traceback), in order.
    public var continuation: [String]
    /// Whether the line did not parse as a record header.
    public var raw: Bool
}

/// Severity order of the levels Python's logging writes.
public enum LogLevel: String, Sendable, CaseIterable, Comparable {
    case debug = "DEBUG"
    case info = "INFO"
    case warning = "WARNING"
    case error = "ERROR"
    case critical = "CRITICAL"

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// Orders by severity.
    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rank < rhs.rank }
}
