import Foundation

/// A five-field cron expression (minute hour day-of-month month day-of-week) with `*`, lists, ranges and steps,
/// day-of-month and day-of-week combined with OR when both are restricted (as Vixie cron and croniter do), and
/// fire times computed on the wall clock of an IANA zone: a time that does not exist on a spring-forward day fires
/// once at the first instant after the gap; a time that occurs twice on a fall-back day fires at its first
/// occurrence only — unless the hour field is a wildcard (`*`, `*/2`), whose jobs follow real time through the
/// repeated hour, as Vixie cron runs them.
public struct CronExpression: Sendable, Equatable {
    private let minutes: Set<Int>
    private let hours: Set<Int>
    private let days: Set<Int>
    private let months: Set<Int>
    private let weekdays: Set<Int>
    private let daysRestricted: Bool
    private let weekdaysRestricted: Bool
    private let hourWildcard: Bool

    /// Parses `text`; throws ``WorkspaceError/invalidInput(_:)`` naming the field that is wrong.
    public init(_ text: String) throws {
        let fields = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard fields.count == 5 else { throw WorkspaceError.invalidInput("A cron expression has five fields (minute hour day month weekday).") }
        minutes = try Self.field(fields[0], name: "minute", range: 0...59)
        hours = try Self.field(fields[1], name: "hour", range: 0...23)
        days = try Self.field(fields[2], name: "day of month", range: 1...31)
        months = try Self.field(fields[3], name: "month", range: 1...12)
        weekdays = Set(try Self.field(fields[4], name: "day of week", range: 0...7).map { $0 % 7 })
        daysRestricted = !fields[2].hasPrefix("*")
        weekdaysRestricted = !fields[4].hasPrefix("*")
        hourWildcard = fields[1].hasPrefix("*")
    }

    private static func field(_ text: String, name: String, range: ClosedRange<Int>) throws -> Set<Int> {
        var values = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard (1...2).contains(pieces.count) else { throw invalid(name, text) }
            let step = pieces.count == 2 ? Int(pieces[1]) : 1
            guard let step, step > 0 else { throw invalid(name, text) }
            var low = range.lowerBound
            var high = range.upperBound
            if pieces[0] != "*" {
                let bounds = pieces[0].split(separator: "-", omittingEmptySubsequences: false)
                guard (1...2).contains(bounds.count), let first = Int(bounds[0]) else { throw invalid(name, text) }
                low = first
                if bounds.count == 2 {
                    guard let last = Int(bounds[1]) else { throw invalid(name, text) }
                    high = last
                } else if pieces.count == 1 {
                    high = first
                }
            }
            guard range.contains(low), range.contains(high), low <= high else { throw invalid(name, text) }
            values.formUnion(stride(from: low, through: high, by: step))
        }
        return values
    }

    private static func invalid(_ name: String, _ text: String) -> WorkspaceError {
        .invalidInput("The \(name) field \"\(text)\" is not valid.")
    }

    /// The first fire time strictly after `date`, in `zone`; `nil` when none exists within eight years
    /// (`0 0 30 2 *` never fires).
    public func next(after date: Date, in zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let start = calendar.dateComponents([.year, .month, .day], from: date)
        guard var day = calendar.date(from: DateComponents(year: start.year, month: start.month, day: start.day, hour: 12)) else { return nil }
        let hourList = hours.sorted()
        let minuteList = minutes.sorted()
        for _ in 0..<(366 * 8) {
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
            if let year = parts.year, let month = parts.month, let dayOfMonth = parts.day, let weekday = parts.weekday,
                matches(month: month, day: dayOfMonth, weekday: weekday - 1)
            {
                let clocksChange =
                    zone.nextDaylightSavingTimeTransition(after: day.addingTimeInterval(-64_800)).map { $0 < day.addingTimeInterval(64_800) } ?? false
                var earliest: Date?
                for hour in hourList {
                    for minute in minuteList {
                        for instant in Self.instants(
                            year: year, month: month, day: dayOfMonth, hour: hour, minute: minute, zone: zone, repeated: hourWildcard)
                        where instant > date {
                            guard clocksChange else { return instant }
                            earliest = min(earliest ?? instant, instant)
                        }
                    }
                }
                if let earliest { return earliest }
            }
            guard let following = calendar.date(byAdding: .day, value: 1, to: day) else { return nil }
            day = following
        }
        return nil
    }

    /// The next `count` fire times after `date`.
    public func upcoming(_ count: Int, after date: Date, in zone: TimeZone) -> [Date] {
        var result: [Date] = []
        var cursor = date
        while result.count < count, let next = next(after: cursor, in: zone) {
            result.append(next)
            cursor = next
        }
        return result
    }

    /// Whether the wall-clock minute `date` shows in `zone` is one the expression names.
    func matches(_ date: Date, in zone: TimeZone) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.month, .day, .weekday, .hour, .minute], from: date)
        guard let month = parts.month, let day = parts.day, let weekday = parts.weekday, let hour = parts.hour, let minute = parts.minute else {
            return false
        }
        return hours.contains(hour) && minutes.contains(minute) && matches(month: month, day: day, weekday: weekday - 1)
    }

    private func matches(month: Int, day: Int, weekday: Int) -> Bool {
        guard months.contains(month) else { return false }
        switch (daysRestricted, weekdaysRestricted) {
        case (true, true): return days.contains(day) || weekdays.contains(weekday)
        case (true, false): return days.contains(day)
        case (false, true): return weekdays.contains(weekday)
        case (false, false): return true
        }
    }

    /// The instants a wall-clock time names in `zone`: its first occurrence (both, when `repeated`) when it happens
    /// twice, the end of the gap when it does not exist.
    static func instants(year: Int, month: Int, day: Int, hour: Int, minute: Int, zone: TimeZone, repeated: Bool) -> [Date] {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(secondsFromGMT: 0)!
        guard let wall = utc.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)) else { return [] }
        let offsets = Set([zone.secondsFromGMT(for: wall.addingTimeInterval(-86_400)), zone.secondsFromGMT(for: wall.addingTimeInterval(86_400))])
        let candidates = offsets.map { wall.addingTimeInterval(-Double($0)) }
            .filter { Double(zone.secondsFromGMT(for: $0)) == wall.timeIntervalSince($0) }
            .sorted()
        if let first = candidates.first { return repeated ? candidates : [first] }
        let beforeGap = wall.addingTimeInterval(-Double(offsets.max() ?? 0))
        return zone.nextDaylightSavingTimeTransition(after: beforeGap).map { [$0] } ?? []
    }
}
