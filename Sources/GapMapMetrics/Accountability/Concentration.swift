/// The Herfindahl–Hirschman index of a market whose group totals are only partly known.
///
/// Each group (contractors under one ultimate parent) has a known total `known[g]` and unknown
/// contract values that add between 0 and `extra[g]` (infinite when nothing bounds them). HHI =
/// 10,000 · Σ sᵢ² over the shares of the group totals.
public enum HHI {
  /// HHI of known totals (`nil` when they sum to 0).
  /// Totals are scaled by the largest first, so values near `Double.greatestFiniteMagnitude`
  /// (whose sum overflows) give the same index as smaller ones; infinite totals share the
  /// market equally.
  public static func value(_ totals: [Double]) -> Double? {
    guard let top = totals.max(), top > 0 else { return nil }
    if top.isInfinite { return 10_000 / Double(totals.filter(\.isInfinite).count) }
    let scaled = totals.map { $0 / top }
    let t = scaled.reduce(0, +)
    return 10_000 * scaled.reduce(0) { $0 + ($1 / t) * ($1 / t) }
  }

  /// The least and greatest HHI over every reading of the unknown values; `nil` when no
  /// reading gives a positive total.
  ///
  /// The maximum lies at a vertex of the box (HHI is a ratio of convex quadratics whose maximum
  /// over a box is attained at a corner); with an unbounded group it is the supremum 10,000.
  /// The minimum, for a fixed total, is reached by water-filling (every group as close to a
  /// common level L as its bounds allow); between two breakpoints of L the index is
  /// (Q + aL²)/(C + aL)², minimal at L = Q/C, so the search is exact.
  /// - Complexity: O(2^k · g) for the maximum with k groups carrying unknowns (k ≤ 20; above
  ///   that the maximum is reported as 10,000), O(g²) for the minimum.
  public static func bounds(known: [Double], extra: [Double]) -> Interval? {
    precondition(known.count == extra.count)
    let g = known.count
    guard g > 0 else { return nil }
    // Maximum.
    var maxHHI: Double
    let open = (0..<g).filter { extra[$0] > 0 }
    if open.contains(where: { extra[$0].isInfinite }) {
      maxHHI = 10_000
    } else if open.count > 20 {
      maxHHI = 10_000
    } else {
      maxHHI = -1
      var x = known
      for mask in 0..<(1 << open.count) {
        for (bit, i) in open.enumerated() { x[i] = known[i] + ((mask >> bit) & 1 == 1 ? extra[i] : 0) }
        if let h = value(x) { maxHHI = max(maxHHI, h) }
      }
      if maxHHI < 0 { return nil }
    }
    // Minimum by water-filling over the level L.
    let lo = known
    let hi = (0..<g).map { known[$0] + extra[$0] }
    var breaks = Set(lo + hi.filter(\.isFinite))
    breaks.insert(0)
    let sorted = breaks.sorted()
    func at(_ level: Double) -> Double? {
      value((0..<g).map { min(max(level, lo[$0]), hi[$0]) })
    }
    var minHHI = Double.infinity
    for b in sorted { if let h = at(b) { minHHI = min(minHHI, h) } }
    for (k, left) in sorted.enumerated() {
      let right = k + 1 < sorted.count ? sorted[k + 1] : Double.infinity
      // Groups free inside (left, right): lo ≤ left and hi ≥ right.
      let mid = right.isFinite ? (left + right) / 2 : left + 1
      var a = 0.0
      var c = 0.0
      var q = 0.0
      for i in 0..<g {
        if lo[i] <= mid && mid <= hi[i] {
          a += 1
        } else {
          let x = min(max(mid, lo[i]), hi[i])
          c += x
          q += x * x
        }
      }
      if a > 0 && c == 0 {
        minHHI = min(minHHI, 10_000 / a)
        continue
      }
      guard a > 0, c > 0 else { continue }
      let star = q / c
      if star > left && star < right, let h = at(star) { minHHI = min(minHHI, h) }
      if !right.isFinite { minHHI = min(minHHI, 10_000 / a) }  // the limit L → ∞
    }
    guard minHHI.isFinite else { return nil }
    return Interval(minHHI, maxHHI)
  }
}
