import Foundation

/// A time window cut into calendar buckets of one time zone (days, ISO weeks or months), DST-correct.
public struct AnalyticsRange: Sendable, Equatable {
    /// Bucket size.
    public enum Bucket: String, Sendable, CaseIterable, Codable {
        /// Calendar days.
        case day
        /// ISO weeks, starting on Monday.
        case week
        /// Calendar months.
        case month
    }

    /// Most buckets one request may ask for.
    public static let maximumBuckets = 1_200

    /// Start of the first bucket.
    public let from: Date
    /// End (exclusive) of the last bucket.
    public let to: Date
    /// The zone buckets are cut in.
    public let timeZone: TimeZone
    /// Bucket size.
    public let bucket: Bucket
    /// Bucket boundaries: `edges[i]..<edges[i+1]` is bucket `i`.
    public let edges: [Date]

    /// Covers `from..<to`, widened to whole buckets in `timeZone`.
    public init(from: Date, to: Date, timeZone: TimeZone, bucket: Bucket) throws {
        guard from < to else { throw WorkspaceError.invalidInput("`from` must be before `to`.") }
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        let component: Calendar.Component =
            switch bucket {
            case .day: .day
            case .week: .weekOfYear
            case .month: .month
            }
        guard let start = calendar.dateInterval(of: component, for: from)?.start else {
            throw WorkspaceError.invalidInput("The range could not be cut into \(bucket.rawValue)s.")
        }
        var edges = [start]
        while let last = edges.last, last < to {
            guard edges.count <= Self.maximumBuckets, let next = calendar.date(byAdding: component, value: 1, to: last) else {
                throw WorkspaceError.invalidInput("The range holds more than \(Self.maximumBuckets) \(bucket.rawValue)s; use a larger bucket.")
            }
            edges.append(next)
        }
        self.from = start
        self.to = edges[edges.count - 1]
        self.timeZone = timeZone
        self.bucket = bucket
        self.edges = edges
    }

    /// The last `days` days up to and including today in `timeZone`.
    public static func lastDays(_ days: Int, now: Date, timeZone: TimeZone, bucket: Bucket = .day) throws -> AnalyticsRange {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        let today = calendar.startOfDay(for: now)
        guard let end = calendar.date(byAdding: .day, value: 1, to: today),
            let start = calendar.date(byAdding: .day, value: -(days - 1), to: today)
        else {
            throw WorkspaceError.invalidInput("The range could not be computed.")
        }
        return try AnalyticsRange(from: start, to: end, timeZone: timeZone, bucket: bucket)
    }

    /// Identifies the window for caches.
    public var key: String {
        "\(from.timeIntervalSince1970)|\(to.timeIntervalSince1970)|\(timeZone.identifier)|\(bucket.rawValue)"
    }

    /// The bucket edges as the JSON array `[[lo, hi], …]` of epoch seconds, for `json_each`.
    var edgesJSON: String {
        zip(edges, edges.dropFirst()).map { "[\($0.timeIntervalSince1970),\($1.timeIntervalSince1970)]" }
            .joined(separator: ",").surrounded
    }

    /// The local calendar label of the bucket starting at `start` (`2026-11-24`, `2026-W48`, `2026-11`).
    func label(for start: Date) -> String {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .weekOfYear, .yearForWeekOfYear], from: start)
        switch bucket {
        case .day: return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        case .week: return String(format: "%04d-W%02d", parts.yearForWeekOfYear ?? 0, parts.weekOfYear ?? 0)
        case .month: return String(format: "%04d-%02d", parts.year ?? 0, parts.month ?? 0)
        }
    }
}

private extension String {
    var surrounded: String { "[" + self + "]" }
}
