import Foundation
import Hummingbird
import WorkspaceCore

/// The Analytics tab: `/analytics/usage`, `/models`, `/platforms`, `/top-sessions`.
///
/// Every endpoint takes a window: `from`/`to` (epoch, ISO-8601 or `YYYY-MM-DD`, `to` inclusive), or `days`
/// (default 30) ending today; `tz` (default: the agent's zone) and `bucket` (`day`, `week`, `month`).
struct AnalyticsRoutes {
    let scope: ProfileScope

    func addRoutes(to group: SecuredRoutes) {
        group.get("analytics/usage", .read) { request, _ in
            let (home, range) = (try scope(request), try range(request))
            return try await home.analyticsAnswers.response(for: "usage|\(range.key)") { try await home.analytics.usage(range) }
        }
        group.get("analytics/models", .read) { request, _ in
            let (home, range) = (try scope(request), try range(request))
            return try await home.analyticsAnswers.response(for: "models|\(range.key)") { try await home.analytics.models(range) }
        }
        group.get("analytics/platforms", .read) { request, _ in
            let (home, range) = (try scope(request), try range(request))
            return try await home.analyticsAnswers.response(for: "platforms|\(range.key)") { try await home.analytics.platforms(range) }
        }
        group.get("analytics/top-sessions", .read) { request, _ in
            let values = QueryValues(request)
            let (home, range) = (try scope(request), try range(request))
            let measure: TopSessionsReport.Measure = try values.choice("by", default: .cost)
            let limit = try values.int("limit", in: 1...100, default: 10)
            return try await home.analyticsAnswers.response(for: "top|\(range.key)|\(measure.rawValue)|\(limit)") {
                try await home.analytics.topSessions(range, by: measure, limit: limit)
            }
        }
    }

    private func range(_ request: Request) throws -> AnalyticsRange {
        let values = QueryValues(request)
        let analytics = try scope(request).analytics
        let requestedZone = try values.timeZone("tz")
        let zone = requestedZone ?? analytics.timeZone.current
        let bucket: AnalyticsRange.Bucket = try values.choice("bucket", default: .day)
        let from = try values.date("from", timeZone: zone)
        let to = try values.date("to", timeZone: zone, endOfDay: true)
        let days = from == nil ? try values.int("days", in: 1...3_660, default: 30) : 30
        do {
            return try analytics.window(from: from, to: to, days: days, timeZone: requestedZone, bucket: bucket)
        } catch let error as WorkspaceError {
            throw APIError(.badRequest, code: "invalid_query", message: error.description)
        }
    }
}
