import Foundation

/// A job's run outputs: `cron/output/<job id>/<YYYY-MM-DD_HH-MM-SS>.md`, newest first. Ids are checked before any
/// path is built from them.
public struct CronRuns: Sendable {
    /// One kept output.
    public struct Run: Sendable, Codable, Equatable {
        /// `2026-11-10_09-00-00`: when the run ended, in the agent's zone.
        public var id: String
        /// Size in bytes.
        public var size: Int
    }

    private let directory: URL

    /// The outputs of `home`.
    public init(home: HermesHome) {
        directory = home.cronDirectory.appendingPathComponent("output")
    }

    /// Whether `id` can be a job id (letters, digits, `_`, `-`).
    public static func isJobID(_ id: String) -> Bool {
        id.range(of: #"^[A-Za-z0-9_-]{1,64}$"#, options: .regularExpression) != nil
    }

    /// Up to `limit` runs of `job` older than `before`, newest first, and the cursor for the next page.
    public func runs(of job: String, limit: Int, before: String?) throws -> (runs: [Run], nextCursor: String?) {
        guard Self.isJobID(job) else { throw WorkspaceError.notFound(what: "Job \(job)") }
        let folder = directory.appendingPathComponent(job)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let ids = names.filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.filter(Self.isRunID).sorted(by: >)
            .filter { before == nil || $0 < before! }
        let page = ids.prefix(limit).map { id in
            Run(id: id, size: (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(id + ".md").path)[.size] as? Int) ?? 0)
        }
        return (page, ids.count > limit ? page.last?.id : nil)
    }

    /// Whether `job` has an output folder (it outlives the job when the job is deleted).
    public func hasOutputs(of job: String) -> Bool {
        Self.isJobID(job) && FileManager.default.fileExists(atPath: directory.appendingPathComponent(job).path)
    }

    /// The Markdown a run wrote.
    public func output(of job: String, run: String) throws -> String {
        let url = try outputFile(of: job, run: run)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw WorkspaceError.notFound(what: "Run \(run) of job \(job)") }
        return String(decoding: data, as: UTF8.self)
    }

    /// The most of a run's output the page is given.
    public static let previewLimit = 1 << 20

    /// The first `limit` bytes of a run's output (cut at a character boundary), the whole file's size, and whether
    /// that was all of it: what the page shows, so a 400 MB output costs 1 MiB of memory, not 400 MB.
    public func outputPreview(of job: String, run: String, limit: Int = previewLimit) throws -> (text: String, size: Int, truncated: Bool) {
        let url = try outputFile(of: job, run: run)
        guard let handle = FileHandle(forReadingAtPath: url.path) else { throw WorkspaceError.notFound(what: "Run \(run) of job \(job)") }
        defer { try? handle.close() }
        let size = Int((try? handle.seekToEnd()) ?? 0)
        try handle.seek(toOffset: 0)
        let data = (try handle.read(upToCount: limit)) ?? Data()
        let truncated = size > data.count
        return (String(decoding: truncated ? data.droppingPartialUTF8Tail() : data, as: UTF8.self), size, truncated)
    }

    /// The file holding a run's output (it must exist).
    public func outputFile(of job: String, run: String) throws -> URL {
        let url = directory.appendingPathComponent(job).appendingPathComponent(run + ".md")
        guard Self.isJobID(job), Self.isRunID(run), FileManager.default.fileExists(atPath: url.path) else {
            throw WorkspaceError.notFound(what: "Run \(run) of job \(job)")
        }
        return url
    }

    private static func isRunID(_ id: String) -> Bool {
        id.range(of: #"^\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}(_\d+)?$"#, options: .regularExpression) != nil
    }

    /// Saves a run's Markdown as `<id>/<YYYY-MM-DD_HH-MM-SS>.md` (the wall clock of `zone` at `date`), atomically
    /// and 0600, then keeps only the newest `keep` files of the job, as the agent does. Returns the run id.
    @discardableResult
    public func save(_ text: String, of job: String, at date: Date, zone: TimeZone, keep: Int) throws -> String {
        guard Self.isJobID(job) else { throw WorkspaceError.notFound(what: "Job \(job)") }
        let folder = directory.appendingPathComponent(job)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let wall = WallClockTime(date, in: zone)
        let id = String(format: "%04d-%02d-%02d_%02d-%02d-%02d", wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second)
        try AtomicFileWriter(defaultMode: 0o600).write(Data(text.utf8), to: folder.appendingPathComponent(id + ".md"))
        if keep > 0 {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".md") }.sorted(by: >)
            for stale in names.dropFirst(keep) { try? FileManager.default.removeItem(at: folder.appendingPathComponent(stale)) }
        }
        return id
    }
}
