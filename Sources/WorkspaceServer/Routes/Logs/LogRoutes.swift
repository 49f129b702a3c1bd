import Foundation
import Hummingbird
import WorkspaceCore

/// The Logs tab: `/logs/files` and `/logs` (pages of parsed records, newest last, paged backwards across rotation).
struct LogRoutes {
    let scope: ProfileScope

    /// The LogFiles of the profile `request` names.
    private func files(_ request: Request) throws -> LogFiles { try scope(request).logFiles }

    struct FileList: ResponseEncodable {
        var items: [LogFiles.File]
    }

    func addRoutes(to group: SecuredRoutes) {
        group.get("logs/files", .read) { request, _ in try FileList(items: files(request).all()) }
        group.get("logs", .read) { request, _ -> Response in
            let values = QueryValues(request)
            let log = try values.string("file", maximumLength: 64) ?? "agent"
            guard LogFiles.isLogName(log) else { throw QueryValues.invalid("file", "is not a log name") }
            let cursor = try values.string("before").map { text -> LogCursor in
                guard let cursor = LogCursor(text) else { throw QueryValues.invalid("before", "is not a cursor") }
                return cursor
            }
            let filter = try Self.filter(values)
            let limit = try values.int("limit", in: 1...2_000, default: 200)
            let home = try scope(request)
            guard cursor == nil else {
                return try .json(try await home.logs.pageOffThePool(log: log, before: cursor, limit: limit, filter: filter))
            }
            // The newest page, kept while nothing in logs/ changes (and read only in its new bytes when it grew).
            return try await home.fileAnswers.response(for: "logs|\(log)|\(limit)|\(filter.key)", areas: [.logs]) {
                let page = try await home.logs.pageOffThePool(log: log, before: nil, limit: limit, filter: filter)
                return (value: page, reusable: !page.partial)
            }
        }
    }

    /// The filter the query parameters describe: `level`, `logger` (prefixes, comma-separated), `session`, `q`.
    static func filter(_ values: QueryValues) throws -> LogFilter {
        var filter = LogFilter()
        if let level = try values.string("level") {
            guard let parsed = LogLevel(rawValue: level.uppercased()) else {
                throw QueryValues.invalid("level", "must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
            }
            filter.minimumLevel = parsed
        }
        filter.loggerPrefixes = try values.list("logger")
        filter.session = try values.string("session", maximumLength: 128)
        if let query = try values.string("q", maximumLength: LogFilter.maximumPatternLength) {
            do {
                try filter.search(query)
            } catch let error as WorkspaceError {
                throw APIError(.badRequest, code: "invalid_search", message: error.description, details: ["parameter": "q"])
            }
        }
        return filter
    }
}

extension LogPage: ResponseEncodable {}
