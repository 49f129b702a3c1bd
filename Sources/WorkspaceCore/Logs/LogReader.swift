import Foundation

/// Reads a log's records newest first across its rotated files, page by page, with filters.
///
/// Reading starts at the end of the current file (or at a cursor) and goes backwards in blocks, so the last page of
/// a 1 GiB file costs what it costs on a 1 MiB one. A filtered scan stops at a time and size budget and says so,
/// handing back a cursor to continue from, so no query can pin a core.
public struct LogReader: Sendable {
    /// How long one request may scan.
    public var timeBudget: Duration = .seconds(2)
    /// How many bytes one request may read.
    public var byteBudget: UInt64 = 512 * 1024 * 1024

    private let files: LogFiles
    private let zone: TimeZone
    /// The newest page of each log and filter asked for, and where its current file ended: a log that grew since
    /// is read only in its new bytes.
    private let tails = LockedValue<[String: Tail]>([:])

    private struct Tail: Sendable {
        var inode: UInt64
        var end: UInt64
        var page: LogPage
    }

    /// Reads `home`'s logs; timestamps are read in `zone` (the agent writes server-local time).
    public init(home: HermesHome, zone: TimeZone = .current) {
        files = LogFiles(home: home)
        self.zone = zone
    }

    /// ``page(log:before:limit:filter:)`` off the concurrency pool (it reads files backwards, for up to 2 s).
    public func pageOffThePool(log: String, before cursor: LogCursor?, limit: Int, filter: LogFilter) async throws -> LogPage {
        try await offloaded { [self] in try page(log: log, before: cursor, limit: limit, filter: filter) }
    }

    /// Up to `limit` records of `log` matching `filter`, older than `cursor` (newest when `nil`).
    public func page(log: String, before cursor: LogCursor?, limit: Int, filter: LogFilter) throws -> LogPage {
        let chain = files.chain(of: log)
        guard !chain.isEmpty else { throw WorkspaceError.notFound(what: "Log \(log)") }
        guard cursor == nil else { return try scan(chain, before: cursor, limit: limit, filter: filter) }
        let key = "\(log)|\(limit)|\(filter.key)"
        let current = chain[0]
        if let tail = tails.value[key], tail.inode == current.inode, UInt64(current.size) >= tail.end,
            let grown = try extend(tail, file: current, limit: limit, filter: filter)
        {
            keep(grown, key: key, file: current)
            return grown.page
        }
        let page = try scan(chain, before: nil, limit: limit, filter: filter)
        if !page.partial { keep(Tail(inode: current.inode, end: UInt64(current.size), page: page), key: key, file: current) }
        return page
    }

    /// Keeps `tail` for the next request when its file ended with a whole line there (a line still being written
    /// would otherwise be kept half).
    private func keep(_ tail: Tail, key: String, file: LogFiles.File) {
        guard tail.end > 0, let handle = try? FileHandle(forReadingFrom: files.url(of: file)) else { return }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: tail.end - 1)) != nil, (try? handle.read(upToCount: 1)) == Data([UInt8(ascii: "\n")]) else {
            return
        }
        tails.withValue { tails in
            if tails.count >= 32, tails[key] == nil { tails.removeAll() }
            tails[key] = tail
        }
    }

    /// `tail` with the records written after its end, reading only those bytes; nil when they do not start with a
    /// new record (a continuation of the last kept one), so the page has to be read again.
    private func extend(_ tail: Tail, file: LogFiles.File, limit: Int, filter: LogFilter) throws -> Tail? {
        let size = UInt64(file.size)
        guard size > tail.end else { return tail }
        guard let handle = try? FileHandle(forReadingFrom: files.url(of: file)) else { return nil }
        defer { try? handle.close() }
        var reader = BackwardLineReader(handle: handle, end: size, start: tail.end)
        let parser = LogLineParser()
        var added: [LogRecord] = []
        var continuation: [Substring] = []
        while let (offset, line) = try reader.previous() {
            guard let header = parser.header(line) else {
                continuation.append(line)
                continue
            }
            let lines = Array(continuation.reversed())
            continuation.removeAll()
            if try filter.matches(level: header.level, logger: header.logger, session: header.session, lines: [header.message[...]] + lines) {
                added.append(record(header, offset: offset, file: file, continuation: lines))
            }
        }
        guard continuation.isEmpty else { return nil }
        var items = tail.page.items + added.reversed()
        var nextCursor = tail.page.nextCursor
        if items.count > limit {
            items.removeFirst(items.count - limit)
            nextCursor = items.first?.id
        }
        return Tail(
            inode: tail.inode, end: size, page: LogPage(items: items, nextCursor: nextCursor, partial: false, bytesScanned: Int64(reader.bytesRead)))
    }

    private func record(_ header: LogLineParser.Header, offset: UInt64, file: LogFiles.File, continuation lines: [Substring]) -> LogRecord {
        LogRecord(
            id: LogCursor(inode: file.inode, offset: offset).text, file: file.name, localTime: header.localTime,
            time: LogLineParser.date(header.localTime, zone: zone), level: header.level, session: header.session,
            logger: header.logger, message: header.message, continuation: lines.map(String.init), raw: false)
    }

    /// Reads `chain` backwards from `cursor` (the end of the current file when nil).
    private func scan(_ chain: [LogFiles.File], before cursor: LogCursor?, limit: Int, filter: LogFilter) throws -> LogPage {
        var startIndex = 0
        if let cursor {
            guard let index = chain.firstIndex(where: { $0.inode == cursor.inode }) else {
                throw WorkspaceError.conflict("That position is in a file that has rotated away; start again from the newest records.")
            }
            startIndex = index
        }
        let clock = ContinuousClock()
        let started = clock.now
        var collected: [LogRecord] = []
        var scanned: UInt64 = 0
        let parser = LogLineParser()
        for (index, file) in chain.enumerated() where index >= startIndex {
            guard let handle = try? FileHandle(forReadingFrom: files.url(of: file)) else { continue }
            defer { try? handle.close() }
            let size = (try? handle.seekToEnd()) ?? 0
            let end = index == startIndex ? min(cursor?.offset ?? UInt64(file.size), size) : size
            var reader = BackwardLineReader(handle: handle, end: end)
            var continuation: [Substring] = []
            var boundary = end
            while true {
                if clock.now - started > timeBudget || scanned + reader.bytesRead > byteBudget {
                    return LogPage(
                        items: collected.reversed(), nextCursor: LogCursor(inode: file.inode, offset: boundary).text, partial: true,
                        bytesScanned: Int64(scanned + reader.bytesRead))
                }
                guard let (offset, line) = try reader.previous() else { break }
                guard let header = parser.header(line) else {
                    continuation.append(line)
                    continue
                }
                boundary = offset
                let lines = Array(continuation.reversed())
                continuation.removeAll()
                if try filter.matches(level: header.level, logger: header.logger, session: header.session, lines: [header.message[...]] + lines) {
                    let record = record(header, offset: offset, file: file, continuation: lines)
                    collected.append(record)
                    if collected.count == limit {
                        return LogPage(
                            items: collected.reversed(), nextCursor: record.id, partial: false, bytesScanned: Int64(scanned + reader.bytesRead))
                    }
                }
            }
            if let first = continuation.last {
                let record = LogRecord(
                    id: LogCursor(inode: file.inode, offset: 0).text, file: file.name, localTime: nil, time: nil, level: nil,
                    session: nil, logger: nil, message: String(first), continuation: continuation.dropLast().reversed().map(String.init), raw: true)
                if try filter.matches(record) {
                    collected.append(record)
                    if collected.count == limit {
                        let next =
                            chain.indices.contains(index + 1)
                            ? LogCursor(inode: chain[index + 1].inode, offset: UInt64(chain[index + 1].size)).text : nil
                        return LogPage(items: collected.reversed(), nextCursor: next, partial: false, bytesScanned: Int64(scanned + reader.bytesRead))
                    }
                }
            }
            scanned += reader.bytesRead
        }
        return LogPage(items: collected.reversed(), nextCursor: nil, partial: false, bytesScanned: Int64(scanned))
    }
}
