/// One page of log records, oldest first, and where the next (older) page starts.
public struct LogPage: Sendable, Codable, Equatable {
    /// The records, oldest first (newest last, as a log reads).
    public var items: [LogRecord]
    /// Pass as `before` for older records; `nil` when the oldest rotated file is exhausted.
    public var nextCursor: String?
    /// Whether the scan stopped at its time or size budget before filling the page (ask again with `nextCursor`).
    public var partial: Bool
    /// Bytes read to answer.
    public var bytesScanned: Int64
}
