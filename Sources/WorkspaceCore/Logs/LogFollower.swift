import Foundation

/// A record read by a ``LogFollower`` and the position just after it (where a resumed stream continues).
public struct FollowedRecord: Sendable {
    /// The record.
    public var record: LogRecord
    /// The position after the record's last line.
    public var resumeAt: LogCursor
}

/// Follows a log as it is written: new complete records since the last call, across rotation (the old file's last
/// lines are read to its end through the open handle before moving to the new file) and truncation (reading
/// restarts at the top). A record is complete when the next header arrives or its lines have been quiet for
/// ``settleTime`` (Python's logging writes a record with its traceback in one write, so this is short).
public final class LogFollower {
    /// How long a record's last line must be quiet before the record is sent.
    public var settleTime: TimeInterval = 0.1

    private let url: URL
    private let log: String
    private let zone: TimeZone
    private let parser = LogLineParser()
    private var handle: FileHandle?
    private var inode: UInt64 = 0
    private var offset: UInt64 = 0
    private var partialLine: [UInt8] = []
    private var partialLineOffset: UInt64 = 0
    private var pending: FollowedRecord?
    /// The file's first bytes as last seen: a file truncated and rewritten past the old offset between two polls
    /// keeps its inode and grows, and only its changed beginning gives it away.
    private var head: [UInt8] = []
    private var lastLineAt = Date.distantPast

    /// Follows `log` of `home` from its end, or from `cursor` when it names the current file (resumption).
    public init(home: HermesHome, log: String, from cursor: LogCursor? = nil, zone: TimeZone = .current) throws {
        guard LogFiles.isLogName(log) else { throw WorkspaceError.invalidInput("\(log) is not a log name.") }
        self.log = log
        self.zone = zone
        url = home.logsDirectory.appendingPathComponent("\(log).log")
        guard let signature = FileSignature(path: url.path) else { return }
        if let cursor, cursor.inode != signature.inode,
            let rotated = LogFiles(home: home).chain(of: log).first(where: { $0.inode == cursor.inode })
        {
            // The file rotated since the cursor was handed out: finish the renamed file first; the next poll sees
            // the new inode and moves on, exactly as for a rotation seen live.
            let files = LogFiles(home: home)
            handle = try FileHandle(forReadingFrom: files.url(of: rotated))
            inode = rotated.inode
            offset = min(cursor.offset, UInt64(rotated.size))
            try handle?.seek(toOffset: offset)
            partialLineOffset = offset
            head = try currentHead(count: 64)
            return
        }
        try open(
            signature: signature,
            at: cursor.flatMap { $0.inode == signature.inode ? min($0.offset, UInt64(signature.size)) : nil } ?? UInt64(signature.size))
    }

    /// The end of `log`'s current file now, so a stream can start following from the moment it was asked for,
    /// not from when its first byte goes out; `nil` when the file does not exist yet.
    public static func end(of log: String, in home: HermesHome) -> LogCursor? {
        guard LogFiles.isLogName(log), let signature = FileSignature(path: home.logsDirectory.appendingPathComponent("\(log).log").path) else {
            return nil
        }
        return LogCursor(inode: signature.inode, offset: UInt64(signature.size))
    }

    deinit {
        try? handle?.close()
    }

    /// Records completed since the last call.
    public func poll(now: Date = Date()) throws -> [FollowedRecord] {
        var records: [FollowedRecord] = []
        let signature = FileSignature(path: url.path)
        if let signature, signature.inode != inode || handle == nil {
            if handle != nil { records += try readAvailable(now: now) }
            records += flushPartial()
            try open(signature: signature, at: 0)
        } else if let signature, try UInt64(signature.size) < offset || currentHead(count: head.count) != head {
            records += flushPartial()
            try handle?.seek(toOffset: 0)
            offset = 0
            partialLineOffset = 0
            head = []
        }
        if handle != nil {
            records += try readAvailable(now: now)
            if head.count < 64 { head = try currentHead(count: 64) }
        }
        if let pending, partialLine.isEmpty, now.timeIntervalSince(lastLineAt) >= settleTime {
            records.append(pending)
            self.pending = nil
        }
        return records
    }

    /// Up to `count` bytes from the start of the open file, leaving the read position where it was.
    private func currentHead(count: Int) throws -> [UInt8] {
        guard let handle, count > 0 else { return [] }
        let position = try handle.offset()
        defer { try? handle.seek(toOffset: position) }
        try handle.seek(toOffset: 0)
        return Array(try handle.read(upToCount: count) ?? Data())
    }

    private func open(signature: FileSignature, at position: UInt64) throws {
        try handle?.close()
        handle = try FileHandle(forReadingFrom: url)
        inode = signature.inode
        try handle?.seek(toOffset: position)
        offset = position
        partialLine = []
        partialLineOffset = position
        head = try currentHead(count: 64)
    }

    private func readAvailable(now: Date) throws -> [FollowedRecord] {
        guard let handle else { return [] }
        var records: [FollowedRecord] = []
        while let data = try handle.read(upToCount: 256 * 1024), !data.isEmpty {
            lastLineAt = now
            var lineStart = partialLineOffset
            var current = partialLine
            for byte in data {
                offset += 1
                if byte == UInt8(ascii: "\n") {
                    if let record = consume(current, at: lineStart, end: offset) { records.append(record) }
                    current = []
                    lineStart = offset
                } else {
                    current.append(byte)
                }
            }
            partialLine = current
            partialLineOffset = lineStart
        }
        return records
    }

    /// Adds one complete line (ending at `lineEnd`); returns the previous record when this line starts a new one.
    private func consume(_ bytes: [UInt8], at lineOffset: UInt64, end lineEnd: UInt64) -> FollowedRecord? {
        var slice = bytes[...]
        if slice.last == UInt8(ascii: "\r") { slice = slice.dropLast() }
        let line = Substring(String(decoding: slice, as: UTF8.self))
        let id = LogCursor(inode: inode, offset: lineOffset).text
        let name = url.lastPathComponent
        let resume = LogCursor(inode: inode, offset: lineEnd)
        guard let header = parser.header(line) else {
            if pending != nil {
                pending?.record.continuation.append(String(line))
                pending?.resumeAt = resume
                return nil
            }
            pending = FollowedRecord(
                record: LogRecord(
                    id: id, file: name, localTime: nil, time: nil, level: nil, session: nil, logger: nil,
                    message: String(line), continuation: [], raw: true), resumeAt: resume)
            return nil
        }
        let finished = pending
        pending = FollowedRecord(
            record: LogRecord(
                id: id, file: name, localTime: header.localTime, time: LogLineParser.date(header.localTime, zone: zone),
                level: header.level, session: header.session, logger: header.logger, message: header.message,
                continuation: [], raw: false), resumeAt: resume)
        return finished
    }

    private func flushPartial() -> [FollowedRecord] {
        var records: [FollowedRecord] = []
        if !partialLine.isEmpty, let record = consume(partialLine, at: partialLineOffset, end: offset) { records.append(record) }
        partialLine = []
        if let pending { records.append(pending) }
        pending = nil
        return records
    }
}
