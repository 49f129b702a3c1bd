import Foundation

/// A date and time as written on a wall clock, with the UTC offset it was given with (if any): what Python's
/// `datetime` holds. Used to store one-shot times exactly as the agent does and to add intervals on the wall clock.
struct WallClockTime: Sendable, Equatable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    var microsecond: Int
    /// Seconds east of UTC; `nil` for a naive time.
    var offset: Int?

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return calendar
    }()

    /// The wall clock `date` shows in `zone`.
    init(_ date: Date, in zone: TimeZone) {
        let offset = zone.secondsFromGMT(for: date)
        let shifted = date.addingTimeInterval(Double(offset))
        let parts = Self.utc.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: shifted)
        self.init(
            year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0, hour: parts.hour ?? 0, minute: parts.minute ?? 0,
            second: parts.second ?? 0, microsecond: ((parts.nanosecond ?? 0) + 500) / 1_000 % 1_000_000, offset: offset)
    }

    private init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, microsecond: Int, offset: Int?) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second, self.microsecond, self.offset) =
            (year, month, day, hour, minute, second, microsecond, offset)
    }

    /// Parses what `datetime.fromisoformat` accepts for the agent's schedules: `YYYY-MM-DD`, then `T` or a space and
    /// `HH:MM[:SS[.ffffff]]`, then `Z` or `±HH:MM`.
    init?(iso text: String) {
        let pattern = #"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]\d{2}:?\d{2})?$"#
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        else { return nil }
        func group(_ index: Int) -> String? {
            Range(match.range(at: index), in: text).map { String(text[$0]) }
        }
        let number = { (index: Int) in group(index).flatMap { Int($0) } ?? 0 }
        year = number(1)
        month = number(2)
        day = number(3)
        hour = number(4)
        minute = number(5)
        second = number(6)
        microsecond = group(7).map { Int($0.padding(toLength: 6, withPad: "0", startingAt: 0)) ?? 0 } ?? 0
        if let zone = group(8) {
            if zone == "Z" {
                offset = 0
            } else {
                let digits = zone.dropFirst().replacingOccurrences(of: ":", with: "")
                let value = (Int(digits.prefix(2)) ?? 0) * 3_600 + (Int(digits.suffix(2)) ?? 0) * 60
                offset = zone.hasPrefix("-") ? -value : value
            }
        } else {
            offset = nil
        }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60,
            let date = Self.utc.date(from: DateComponents(year: year, month: month, day: day)),
            Self.utc.component(.day, from: date) == day
        else { return nil }
    }

    /// The same wall clock `minutes` later (no zone involved: naive arithmetic, as Python adds a `timedelta`).
    func adding(minutes: Int) -> WallClockTime {
        var moved = WallClockTime(naiveDate.addingTimeInterval(Double(minutes) * 60), in: TimeZone(secondsFromGMT: 0)!)
        moved.microsecond = microsecond
        moved.offset = offset
        return moved
    }

    /// The offset `zone` gives this wall time the way Python's `zoneinfo` does with `fold=0`: the earlier offset when
    /// the time occurs twice, the offset before the change when it does not exist.
    func offsetBeforeAnyGap(in zone: TimeZone) -> Int {
        let naive = naiveDate
        let before = zone.secondsFromGMT(for: naive.addingTimeInterval(-86_400))
        let after = zone.secondsFromGMT(for: naive.addingTimeInterval(86_400))
        let fitting = [before, after].filter { zone.secondsFromGMT(for: naive.addingTimeInterval(-Double($0))) == $0 }
        return fitting.first ?? before
    }

    /// The instant this wall time names at `offset`.
    func instant(offset: Int) -> Date {
        naiveDate.addingTimeInterval(-Double(offset))
    }

    /// `2026-12-01T08:30:00+01:00` (microseconds when present), as `datetime.isoformat()` writes it.
    func isoFormat(offset: Int) -> String {
        let sign = offset < 0 ? "-" : "+"
        let clock = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second)
        return clock + (microsecond > 0 ? String(format: ".%06d", microsecond) : "")
            + String(format: "%@%02d:%02d", sign, abs(offset) / 3600, abs(offset) % 3600 / 60)
    }

    /// Whether this wall-clock reading comes before `other`'s, offsets ignored (Python's naive comparison).
    func isEarlier(than other: WallClockTime) -> Bool {
        [year, month, day, hour, minute, second, microsecond].lexicographicallyPrecedes([
            other.year, other.month, other.day, other.hour, other.minute, other.second, other.microsecond,
        ])
    }

    /// `2026-12-01 08:30`, as `strftime('%Y-%m-%d %H:%M')`.
    var minuteText: String {
        String(format: "%04d-%02d-%02d %02d:%02d", year, month, day, hour, minute)
    }

    private var naiveDate: Date {
        Self.utc.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
            .addingTimeInterval(Double(microsecond) / 1_000_000)
    }
}
