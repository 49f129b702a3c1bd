import Foundation

/// A job's schedule in the agent's grammar, tried in the agent's order: `every 30m` (interval), a five-field cron
/// expression, an ISO timestamp (a naive one is read in the agent's zone), or a bare duration (`30m`, `2h`, `1d`:
/// once, that long from now). Stored as the agent stores it (`{"kind", …, "display"}`).
public enum CronSchedule: Sendable, Equatable {
    /// Every `minutes` minutes.
    case interval(minutes: Int)
    /// A cron expression, as typed.
    case cron(expression: String)
    /// Once, at `runAt`; `display` is `once at …` or `once in …`.
    case once(runAt: Date, display: String)

    /// How far in the past a one-shot may be when it is created.
    public static let pastTolerance: TimeInterval = 120

    /// Parses what an operator typed, at `now`, in `zone`.
    public init(parsing input: String, now: Date = Date(), zone: TimeZone) throws {
        let text = input.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = text.lowercased()
        if lower.hasPrefix("every") {
            guard let minutes = Self.minutes(in: lower.dropFirst(5).trimmingCharacters(in: .whitespaces)) else {
                throw WorkspaceError.invalidInput("\"\(input)\" is not an interval: write every 30m, every 2h or every 1d.")
            }
            self = .interval(minutes: minutes)
            return
        }
        let fields = text.split(whereSeparator: \.isWhitespace)
        if fields.count >= 5, fields.prefix(5).allSatisfy({ $0.allSatisfy { $0.isASCII && ($0.isNumber || "*-,/".contains($0)) } }) {
            guard fields.count == 5 else { throw WorkspaceError.invalidInput("Cron expressions have five fields here (no seconds field).") }
            _ = try CronExpression(text)
            self = .cron(expression: text)
            return
        }
        if text.contains("T") || text.range(of: #"^\d{4}-\d{2}-\d{2}"#, options: .regularExpression) != nil {
            guard let date = Self.timestamp(text, zone: zone) else { throw WorkspaceError.invalidInput("\"\(input)\" is not a date and time the agent understands.") }
            guard date >= now.addingTimeInterval(-Self.pastTolerance) else { throw WorkspaceError.invalidInput("\(input) is in the past.") }
            self = .once(runAt: date, display: "once at " + Self.wallClock(date, zone: zone))
            return
        }
        if let minutes = Self.minutes(in: lower) {
            self = .once(runAt: now.addingTimeInterval(Double(minutes) * 60), display: "once in \(text)")
            return
        }
        throw WorkspaceError.invalidInput("\"\(input)\" is not a schedule: use every 30m, a cron expression like 0 9 * * 1-5, an ISO time, or a delay like 2h.")
    }

    /// Reads a stored `schedule` object; `nil` when it is not one the agent could run.
    public init?(stored: OrderedJSON) {
        switch stored["kind"]?.stringValue {
        case "interval":
            guard let minutes = stored["minutes"]?.intValue, minutes > 0 else { return nil }
            self = .interval(minutes: minutes)
        case "cron":
            guard let expression = stored["expr"]?.stringValue, (try? CronExpression(expression)) != nil else { return nil }
            self = .cron(expression: expression)
        case "once":
            guard let text = stored["run_at"]?.stringValue, let date = CronJobsFile.date(fromISO: text) else { return nil }
            self = .once(runAt: date, display: stored["display"]?.stringValue ?? "once at \(text)")
        default:
            return nil
        }
    }

    /// Whether the job repeats (interval or cron).
    public var isRecurring: Bool {
        if case .once = self { return false }
        return true
    }

    /// The text the agent shows.
    public var display: String {
        switch self {
        case .interval(let minutes): "every \(minutes)m"
        case .cron(let expression): expression
        case .once(_, let display): display
        }
    }

    /// The stored form, keys in the agent's order.
    public func stored(zone: TimeZone) -> OrderedJSON {
        switch self {
        case .interval(let minutes): .object([.init("kind", .string("interval")), .init("minutes", .int(minutes)), .init("display", .string(display))])
        case .cron(let expression): .object([.init("kind", .string("cron")), .init("expr", .string(expression)), .init("display", .string(display))])
        case .once(let runAt, _):
            .object([.init("kind", .string("once")), .init("run_at", .string(CronJobsFile.isoFormat(runAt, zone: zone))), .init("display", .string(display))])
        }
    }

    /// When the job runs next after `now`, given when it last ran; `nil` when it never will again.
    public func nextRun(after now: Date, lastRun: Date?, zone: TimeZone) -> Date? {
        switch self {
        case .interval(let minutes):
            return (lastRun ?? now).addingTimeInterval(Double(minutes) * 60)
        case .cron(let expression):
            return (try? CronExpression(expression))?.next(after: lastRun ?? now, in: zone)
        case .once(let runAt, _):
            return lastRun == nil && runAt >= now.addingTimeInterval(-Self.pastTolerance) ? runAt : nil
        }
    }

    /// Minutes in `30m`, `2 h`, `1day`…; `nil` when it is not a positive duration in the agent's units.
    private static func minutes(in text: String) -> Int? {
        let digits = text.prefix { $0.isNumber }
        guard let count = Int(digits), count > 0 else { return nil }
        let unit = text.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        switch unit {
        case "m", "min", "mins", "minute", "minutes": return count
        case "h", "hr", "hrs", "hour", "hours": return count * 60
        case "d", "day", "days": return count * 1_440
        default: return nil
        }
    }

    private static func timestamp(_ text: String, zone: TimeZone) -> Date? {
        let normalized = text.replacingOccurrences(of: " ", with: "T")
        for options in [ISO8601DateFormatter.Options.withInternetDateTime, [.withInternetDateTime, .withFractionalSeconds]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: normalized) { return date }
        }
        let naive = DateFormatter()
        naive.locale = Locale(identifier: "en_US_POSIX")
        naive.timeZone = zone
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"] {
            naive.dateFormat = format
            if let date = naive.date(from: normalized) { return date }
        }
        return nil
    }

    private static func wallClock(_ date: Date, zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
