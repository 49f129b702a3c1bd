import Foundation
import Hummingbird
import WorkspaceCore

/// The Analytics tab: `/analytics/usage`, `/models`, `/platforms`, `/top-sessions`.
///
/// Every endpoint takes a window: `from`/`to` (epoch, ISO-8601 or `YYYY-MM-DD`, `to` inclusive), or `days`
/// (default 30) ending today; `tz` (default: the agent's zone) and `bucket` (`day`, `week`, `month`).
struct AnalyticsRoutes {
    let analytics: AnalyticsService

    func addRoutes(to group: RouterGroup<WorkspaceRequestContext>) {
        group.get("analytics/usage") { request, _ in
            try await analytics.usage(try range(request))
        }
        group.get("analytics/models") { request, _ in
            try await analytics.models(try range(request))
        }
        group.get("analytics/platforms") { request, _ in
            try await analytics.platforms(try range(request))
        }
        group.get("analytics/top-sessions") { request, _ in
            let values = QueryValues(request)
            return try await analytics.topSessions(try range(request), by: try values.choice("by", default: .cost),
                                                   limit: try values.int("limit", in: 1...100, default: 10))
        }
    }

    private func range(_ request: Request) throws -> AnalyticsRange {
        let values = QueryValues(request)
        let zone = try values.timeZone("tz") ?? analytics.timeZone.current
        let bucket: AnalyticsRange.Bucket = try values.choice("bucket", default: .day)
        do {
            if let from = try values.date("from", timeZone: zone) {
                let to = try values.date("to", timeZone: zone, endOfDay: true) ?? Date()
                return try AnalyticsRange(from: from, to: to, timeZone: zone, bucket: bucket)
            }
            return try .lastDays(try values.int("days", in: 1...3_660, default: 30), now: Date(), timeZone: zone, bucket: bucket)
        } catch let error as WorkspaceError {
            throw APIError(.badRequest, code: "invalid_query", message: error.description)
        }
    }
}

extension UsageReport: ResponseEncodable {}
extension ModelReport: ResponseEncodable {}
extension PlatformReport: ResponseEncodable {}
extension TopSessionsReport: ResponseEncodable {}
