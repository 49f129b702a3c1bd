import Foundation

/// `cron/jobs.json` read and written exactly as the agent does: `{"jobs": [...], "updated_at": ISO}` with
/// `indent=2` and `ensure_ascii=True`, jobs kept as ordered JSON so unknown fields and their order survive, written
/// atomically (0600) under the agent's lock after re-reading inside it. A file that does not parse is reported
/// with the parse error and is never overwritten.
public struct CronJobsFile: Sendable {
    private let url: URL
    private let lock: AgentFileLock
    private let timeZone: AgentTimeZone
    private let writer = AtomicFileWriter(defaultMode: 0o600)

    /// The jobs file of `home`; `updated_at` carries `timeZone`'s offset.
    public init(home: HermesHome, lock: AgentFileLock? = nil, timeZone: AgentTimeZone? = nil) {
        url = home.cronJobsFile
        self.lock = lock ?? AgentFileLock.jobs(home: home)
        self.timeZone = timeZone ?? AgentTimeZone(home: home)
    }

    /// The jobs in file order; empty when the file does not exist. Readers need no lock: writes are atomic renames.
    public func jobs() throws -> [OrderedJSON] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            if FileManager.default.fileExists(atPath: url.path) {
                throw WorkspaceError.storageFailure(path: url.path, reason: "cannot read the file")
            }
            return []
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return [] }
        let document: OrderedJSON
        do {
            document = try OrderedJSON(parsing: text)
        } catch {
            throw WorkspaceError.storageFailure(
                path: url.path, reason: "it is not valid JSON (\(error)); fix or remove it — the workspace will not overwrite it")
        }
        switch document {
        case .array(let jobs): return jobs
        case .object(let members):
            guard let jobs = members.last(where: { $0.key == "jobs" })?.value, case .array(let list) = jobs else {
                throw WorkspaceError.storageFailure(path: url.path, reason: "it has no \"jobs\" list; the workspace will not overwrite it")
            }
            return list
        default:
            throw WorkspaceError.storageFailure(path: url.path, reason: "expected {\"jobs\": [...]}; the workspace will not overwrite it")
        }
    }

    /// Re-reads the jobs under the lock, lets `change` edit them, and writes the result; returns what `change` returns.
    /// With `onlyIfChanged`, an unchanged list is not written (a scheduler tick that finds nothing due).
    public func update<T>(onlyIfChanged: Bool = false, _ change: (inout [OrderedJSON]) throws -> T, now: Date = Date()) throws -> T {
        try lock.withLock {
            var jobs = try jobs()
            let before = jobs
            let result = try change(&jobs)
            if onlyIfChanged, jobs == before { return result }
            let document = OrderedJSON.object([
                .init("jobs", .array(jobs)), .init("updated_at", .string(Self.isoFormat(now, zone: timeZone.current))),
            ])
            try writer.write(Data(document.rendered(.indented, asciiOnly: true).utf8), to: url)
            return result
        }
    }

    /// `2026-11-25T10:00:00.123456+01:00`, as Python's `datetime.isoformat()` writes an aware time.
    static func isoFormat(_ date: Date, zone: TimeZone) -> String {
        WallClockTime(date, in: zone).isoFormat(offset: zone.secondsFromGMT(for: date))
    }

    /// Reads an ISO time as Python's `datetime.fromisoformat` writes it (fraction optional); a naive one is read
    /// in the server's zone, as the agent reads legacy values.
    public static func date(fromISO text: String) -> Date? {
        guard let wall = WallClockTime(iso: text) else { return nil }
        return wall.instant(offset: wall.offset ?? wall.offsetBeforeAnyGap(in: .current))
    }
}
