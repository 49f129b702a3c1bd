import Foundation

/// A job's schedule in the agent's grammar, tried in the agent's order: `every 30m` (interval), a five-field cron
/// expression, an ISO timestamp (a naive one is read in the agent's zone), or a bare duration (`30m`, `2h`, `1d`:
/// once, that long from now). Stored as the agent stores it (`{"kind", …, "display"}`), byte for byte.
public enum CronSchedule: Sendable, Equatable {
    /// Every `minutes` minutes.
    case interval(minutes: Int)
    /// A cron expression, as typed.
    case cron(expression: String)
    /// Once, at `runAt`; `runAtText` is the stored ISO form (the offset the operator gave is kept), `display` is
    /// `once at …` or `once in …`.
    case once(runAt: Date, runAtText: String, display: String)

    /// How far in the past a one-shot may be when it is created.
    public static let pastTolerance: TimeInterval = 120

    /// Parses what an operator typed, at `now`, in `zone`. Stricter than the agent in two places: `every 0m`
    /// (which would run at every tick) and a sixth (seconds) cron field are refused.
    public init(parsing input: String, now: Date = Date(), zone: TimeZone) throws {
        let text = input.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = text.lowercased()
        if lower.hasPrefix("every ") {
            guard let minutes = Self.minutes(in: lower.dropFirst(6).trimmingCharacters(in: .whitespaces)) else {
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
            guard let stamp = WallClockTime(iso: text) else {
                throw WorkspaceError.invalidInput("\"\(input)\" is not a date and time the agent understands.")
            }
            let offset = stamp.offset ?? stamp.offsetBeforeAnyGap(in: zone)
            let date = stamp.instant(offset: offset)
            guard date >= now.addingTimeInterval(-Self.pastTolerance) else { throw WorkspaceError.invalidInput("\(input) is in the past.") }
            self = .once(runAt: date, runAtText: stamp.isoFormat(offset: offset), display: "once at " + stamp.minuteText)
            return
        }
        if let minutes = Self.minutes(in: lower) {
            let runAt = now.addingTimeInterval(Double(minutes) * 60)
            self = .once(runAt: runAt, runAtText: CronJobsFile.isoFormat(runAt, zone: zone), display: "once in \(text)")
            return
        }
        throw WorkspaceError.invalidInput(
            "\"\(input)\" is not a schedule: use every 30m, a cron expression like 0 9 * * 1-5, an ISO time, or a delay like 2h.")
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
            self = .once(runAt: date, runAtText: text, display: stored["display"]?.stringValue ?? "once at \(text)")
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
        case .once(_, _, let display): display
        }
    }

    /// The stored form, keys in the agent's order.
    public func stored() -> OrderedJSON {
        switch self {
        case .interval(let minutes):
            .object([.init("kind", .string("interval")), .init("minutes", .int(minutes)), .init("display", .string(display))])
        case .cron(let expression): .object([.init("kind", .string("cron")), .init("expr", .string(expression)), .init("display", .string(display))])
        case .once(_, let text, _): .object([.init("kind", .string("once")), .init("run_at", .string(text)), .init("display", .string(display))])
        }
    }

    /// When the job runs next after `now`, given when it last ran; `nil` when it never will again. Intervals are
    /// added on the wall clock of `zone`, as the agent's aware-datetime arithmetic does (`every 1d` keeps its
    /// local time across a clock change).
    public func nextRun(after now: Date, lastRun: Date?, zone: TimeZone) -> Date? {
        switch self {
        case .interval(let minutes):
            guard let lastRun else { return now.addingTimeInterval(Double(minutes) * 60) }
            let wall = WallClockTime(lastRun, in: zone).adding(minutes: minutes)
            return wall.instant(offset: wall.offsetBeforeAnyGap(in: zone))
        case .cron(let expression):
            return (try? CronExpression(expression))?.next(after: lastRun ?? now, in: zone)
        case .once(let runAt, _, _):
            return lastRun == nil && runAt >= now.addingTimeInterval(-Self.pastTolerance) ? runAt : nil
        }
    }

    /// ``nextRun(after:lastRun:zone:)`` as `next_run_at` stores it: a one-shot keeps its `run_at` text.
    public func storedNextRun(after now: Date, lastRun: Date?, zone: TimeZone) -> String? {
        guard let next = nextRun(after: now, lastRun: lastRun, zone: zone) else { return nil }
        if case .once(_, let text, _) = self { return text }
        return CronJobsFile.isoFormat(next, zone: zone)
    }

    /// Minutes in `30m`, `2 h`, `1day`…; `nil` when it is not a positive duration in the agent's units.
    private static func minutes(in text: String) -> Int? {
        let digits = text.prefix { $0.isNumber }
        guard let count = Int(digits), count > 0, count <= 5_256_000 else { return nil }
        let unit = text.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        switch unit {
        case "m", "min", "mins", "minute", "minutes": return count
        case "h", "hr", "hrs", "hour", "hours": return count * 60
        case "d", "day", "days": return count * 1_440
        default: return nil
        }
    }
}
