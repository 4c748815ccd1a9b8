/// An ISO 8601 date at year, month or day precision (`2015`, `2015-04`, `2015-04-26`).
///
/// A partial date covers its whole period: `2015-04` is every day from 1 to 30 April 2015.
/// ``earliestDay`` and ``latestDay`` give that period as day numbers for comparisons.
public struct PartialDate: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The year (1–9999).
  public let year: Int
  /// The month (1–12), if given.
  public let month: Int?
  /// The day of the month, if given (requires a month).
  public let day: Int?

  /// The precision of a partial date.
  public enum Precision: Int, Sendable { case year, month, day }

  /// A validated date; `nil` if the parts do not form a calendar date.
  public init?(year: Int, month: Int? = nil, day: Int? = nil) {
    guard (1...9999).contains(year) else { return nil }
    if let month {
      guard (1...12).contains(month) else { return nil }
      if let day {
        guard (1...PartialDate.daysIn(month: month, year: year)).contains(day) else { return nil }
      }
    } else if day != nil {
      return nil
    }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (surrounding white space ignored).
  public init?(_ text: String) {
    let parts = text.trimmingWhitespace.split(separator: "-", omittingEmptySubsequences: false)
    guard (1...3).contains(parts.count) else { return nil }
    let widths = [4, 2, 2]
    var numbers: [Int] = []
    for (i, part) in parts.enumerated() {
      guard part.utf8.count == widths[i], part.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
        let n = Int(part)
      else { return nil }
      numbers.append(n)
    }
    self.init(
      year: numbers[0], month: numbers.count > 1 ? numbers[1] : nil,
      day: numbers.count > 2 ? numbers[2] : nil)
  }

  /// Year, month or day.
  public var precision: Precision { day != nil ? .day : (month != nil ? .month : .year) }

  /// The ISO text, at the date's own precision.
  public var description: String {
    var s = String(year).leftPadded(to: 4)
    if let month { s += "-" + String(month).leftPadded(to: 2) }
    if let day { s += "-" + String(day).leftPadded(to: 2) }
    return s
  }

  /// The first day the date covers, as a day number (days since 0001-01-01 = 0).
  public var earliestDay: Int {
    PartialDate.dayNumber(year: year, month: month ?? 1, day: day ?? 1)
  }

  /// The last day the date covers, as a day number.
  public var latestDay: Int {
    let m = month ?? 12
    return PartialDate.dayNumber(
      year: year, month: m, day: day ?? PartialDate.daysIn(month: m, year: year))
  }

  /// Orders by earliest day, then by precision (coarser first).
  public static func < (a: PartialDate, b: PartialDate) -> Bool {
    if a.earliestDay != b.earliestDay { return a.earliestDay < b.earliestDay }
    return a.latestDay > b.latestDay
  }

  /// Whether the year is a Gregorian leap year.
  public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

  /// The number of days in a month.
  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 0001-01-01 in the proleptic Gregorian calendar.
  static func dayNumber(year: Int, month: Int, day: Int) -> Int {
    let y = year - 1
    var n = y * 365 + y / 4 - y / 100 + y / 400
    for m in 1..<month { n += daysIn(month: m, year: year) }
    return n + day - 1
  }
}

/// A period between two optional partial dates, for validity (`start`, `end`).
///
/// An unknown start means "since always", an unknown end "ongoing or unknown". Because the
/// bounds are partial, a date can be certainly inside, possibly inside, or outside.
public struct Period: Sendable, Hashable {
  /// The start, if known.
  public let start: PartialDate?
  /// The end, if known.
  public let end: PartialDate?

  /// A period from optional bounds.
  public init(start: PartialDate?, end: PartialDate?) {
    self.start = start
    self.end = end
  }

  /// How a date relates to a period.
  public enum Overlap: Sendable, Equatable {
    /// Every day of the date falls inside the period, whatever the partial bounds mean.
    case certain
    /// Some reading of the partial bounds and the date puts them together.
    case possible
    /// No reading does.
    case outside
  }

  /// Whether the period holds on `date` (itself possibly partial).
  ///
  /// Certain when the date's whole span lies between the start's latest day and the end's
  /// earliest day; possible when the spans overlap at all.
  public func overlap(with date: PartialDate) -> Overlap {
    let lo = start?.earliestDay ?? Int.min
    let loCertain = start?.latestDay ?? Int.min
    let hi = end?.latestDay ?? Int.max
    let hiCertain = end?.earliestDay ?? Int.max
    if date.latestDay < lo || date.earliestDay > hi { return .outside }
    if date.earliestDay >= loCertain && date.latestDay <= hiCertain { return .certain }
    return .possible
  }

  /// Whether `end` is certainly before `start` (every reading of both).
  public var endsBeforeStart: Bool {
    guard let start, let end else { return false }
    return end.latestDay < start.earliestDay
  }
}

extension String {
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}

/// Encoded as its text (`2018`, `2018-05`, `2018-05-31`), as the dataset files write it.
extension PartialDate: Codable {
  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    let text = try c.decode(String.self)
    guard let d = PartialDate(text) else {
      throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a date: \(text)")
    }
    self = d
  }
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
