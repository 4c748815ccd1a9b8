import GapMapMetrics
import GapMapModel

/// JSON of the library's typed results (gaps, chains, summary): numbers at full precision
/// (shortest round-trip form), the keys of the first release. Presentation lives here, at the
/// edge, not in GapMapMetrics.
enum ResultJSON {
  /// A number at full precision (shortest round-trip form); `null` when not finite. Rounding
  /// belongs to tables, HTML and Markdown only.
  static func num(_ v: Double) -> JSONValue {
    guard v.isFinite else { return .null }
    if v == v.rounded(), abs(v) < 1e15 { return .number(String(Int64(v))) }
    return .number("\(v)")
  }
  static func interval(_ i: Interval) -> JSONValue {
    .object([JSONMember(key: "low", value: num(i.low)), JSONMember(key: "high", value: num(i.high))])
  }
  static func strings(_ xs: [String]) -> JSONValue { .array(xs.map(JSONValue.string)) }
}
