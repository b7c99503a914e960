/// A calendar day with no time zone: what a press release means by a date.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a day only when it exists in the proleptic Gregorian calendar
    /// (so `31.02.2024` and `00.00.0000` are rejected, not wrapped around).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso: String) {
        let parts = iso.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// A number that orders days: yyyymmdd.
    public var ordinal: Int { year * 10_000 + month * 100 + day }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }
}

/// The date or span an article's text gives for its event.
public struct DateSpan: Hashable, Sendable {
    public var start: Day
    public var end: Day

    public init(start: Day, end: Day) {
        self.start = min(start, end)
        self.end = max(start, end)
    }

    public init(_ day: Day) { self.init(start: day, end: day) }
}
