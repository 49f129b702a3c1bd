import Foundation

/// The window a report covers.
public struct AnalyticsWindow: Sendable, Codable, Equatable {
    /// Start (inclusive).
    public var from: Date
    /// End (exclusive).
    public var to: Date
    /// IANA zone the buckets are cut in.
    public var timeZone: String
    /// Bucket size.
    public var bucket: AnalyticsRange.Bucket

    init(_ range: AnalyticsRange) {
        from = range.from
        to = range.to
        timeZone = range.timeZone.identifier
        bucket = range.bucket
    }
}

/// Usage over time. Sessions are attributed to the bucket in which they started.
public struct UsageReport: Sendable, Codable, Equatable {
    /// One bucket.
    public struct Bucket: Sendable, Codable, Equatable {
        /// Start (inclusive).
        public var start: Date
        /// End (exclusive).
        public var end: Date
        /// Local calendar label (`2026-11-24`, `2026-W48`, `2026-11`).
        public var label: String
        /// What happened in it.
        public var usage: UsageFigures
    }

    /// The window.
    public var window: AnalyticsWindow
    /// Every bucket of the window, empty ones included.
    public var buckets: [Bucket]
    /// Sum over all buckets.
    public var totals: UsageFigures
    /// Set when `state.db` could not be read.
    public var notice: String?
}

/// Usage per model, billing route and task.
public struct ModelReport: Sendable, Codable, Equatable {
    /// One model on one route for one task.
    public struct Entry: Sendable, Codable, Equatable {
        /// Model id.
        public var model: String
        /// Billing provider (empty when unknown).
        public var provider: String
        /// Auxiliary task; `nil` for the main loop.
        public var task: String?
        /// Whether this is an auxiliary task.
        public var isAuxiliary: Bool
        /// Sessions that used it.
        public var sessions: Int
        /// API calls.
        public var apiCalls: Int
        /// Tokens.
        public var tokens: TokenCounts
        /// Cost.
        public var cost: CostFigures
        /// Part of these figures comes from session counters that have no per-model rows (older agent writers).
        public var includesSessionCounters: Bool
    }

    /// The window.
    public var window: AnalyticsWindow
    /// Largest total tokens first.
    public var models: [Entry]
    /// Where the figures come from: `model_usage` or, on databases without that table, `sessions`.
    public var source: String
    /// Set when `state.db` could not be read.
    public var notice: String?
}

/// Usage per platform.
public struct PlatformReport: Sendable, Codable, Equatable {
    /// One platform.
    public struct Entry: Sendable, Codable, Equatable {
        /// Platform (`source`).
        public var platform: String
        /// Its usage.
        public var usage: UsageFigures
    }

    /// The window.
    public var window: AnalyticsWindow
    /// Most sessions first.
    public var platforms: [Entry]
    /// Set when `state.db` could not be read.
    public var notice: String?
}

/// The most expensive or token-hungriest sessions of a window.
public struct TopSessionsReport: Sendable, Codable, Equatable {
    /// The order.
    public enum Measure: String, Sendable, Codable, CaseIterable {
        /// Provider-reported cost where known, else the estimate.
        case cost
        /// Total tokens.
        case tokens
    }

    /// The window.
    public var window: AnalyticsWindow
    /// The order.
    public var by: Measure
    /// Largest first.
    public var sessions: [SessionSummary]
    /// Set when `state.db` could not be read.
    public var notice: String?
}
