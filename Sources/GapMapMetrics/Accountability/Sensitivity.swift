import GapMapAlgorithms
import GapMapModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The sensitivity analyses of the metrics spec: one weight at a time, seeded Monte Carlo over
/// weights and unknowns, and the evidence filter.
public struct Sensitivity: Sendable {
  /// One weight scaled, the others renormalised, gaps at interval midpoints.
  public struct OneAtATime: Sendable {
    public var component: GapComponent
    public var factor: Double
    /// Facility ids by midpoint, largest first.
    public var order: [String]
    public var orderChanged: Bool
  }

  /// The Monte Carlo distribution of one facility's gap.
  public struct Draws: Sendable {
    public var facility: String
    /// The 5th, 50th and 95th percentiles of G.
    public var p5: Double
    public var p50: Double
    public var p95: Double
    /// The 5th–95th percentile range of its rank (1 = largest gap).
    public var rankLow: Int
    public var rankHigh: Int
    /// P(rank = 1).
    public var firstRank: Double
  }

  public struct MonteCarlo: Sendable {
    public var alpha: Double
    public var draws: Int
    public var seed: UInt64
    public var facilities: [Draws]
  }

  /// The gap of every facility at another evidence level.
  public struct EvidenceRun: Sendable {
    public var evidence: Evidence
    public var gaps: [(facility: String, gap: Interval?, knownShare: Double)]
  }

  public var baseline: [String]
  public var oneAtATime: [OneAtATime]
  public var monteCarlo: [MonteCarlo]
  public var evidence: [EvidenceRun]

  /// Runs the three analyses on `analysis` (`draws` Monte Carlo samples per α, from `seed`).
  public init(_ analysis: GapAnalysis, draws: Int = 2000, seed: UInt64 = 1) {
    let facilities = analysis.facilities.filter { $0.composite.gap != nil }
    let comps = facilities.map(\.componentIntervals)
    func order(_ w: GapWeights) -> [String] {
      let mids = comps.map { Composite($0, weights: w).gap?.midpoint ?? 0 }
      return facilities.indices.sorted {
        mids[$0] != mids[$1] ? mids[$0] > mids[$1] : facilities[$0].id < facilities[$1].id
      }
      .map { facilities[$0].id }
    }
    baseline = order(analysis.weights)
    var oat: [OneAtATime] = []
    for c in GapComponent.allCases where analysis.weights[c] > 0 {
      for factor in [0.5, 1.5] {
        let o = order(analysis.weights.scaling(c, by: factor))
        oat.append(OneAtATime(component: c, factor: factor, order: o, orderChanged: o != baseline))
      }
    }
    oneAtATime = oat
    monteCarlo = [50.0, 5.0].map { alpha in
      Sensitivity.monteCarlo(
        facilities.map(\.id), comps, analysis.weights, alpha: alpha, draws: draws, seed: seed)
    }
    var runs: [EvidenceRun] = []
    for level in [Evidence.confirmed, .possible, .alleged] {
      let net = AccountabilityNetwork(
        analysis.network.unfiltered, at: analysis.network.at, evidence: level,
        rules: analysis.network.rules)
      guard let a = try? GapAnalysis(net, weights: analysis.weights) else { continue }
      runs.append(
        EvidenceRun(
          evidence: level,
          gaps: a.facilities.map { ($0.id, $0.composite.gap, $0.composite.knownShare) }))
    }
    evidence = runs
  }

  /// Weights ~ Dirichlet(α·w₀), unknown components ~ Uniform[low, high].
  static func monteCarlo(
    _ ids: [String], _ comps: [[GapComponent: Interval]], _ w0: GapWeights, alpha: Double,
    draws: Int, seed: UInt64
  ) -> MonteCarlo {
    var rng = SplitMix64(seed: seed ^ UInt64(alpha * 1000))
    let n = ids.count
    var values = [[Double]](repeating: [], count: n)
    var ranks = [[Int]](repeating: [], count: n)
    let total = GapComponent.allCases.reduce(0) { $0 + w0[$1] }
    var g = [Double](repeating: 0, count: n)
    for _ in 0..<draws {
      var w = [GapComponent: Double]()
      for c in GapComponent.allCases {
        let shape = alpha * w0[c] / total
        let x = shape > 0 ? Sensitivity.gamma(shape, &rng) : 0
        w[c] = x
      }
      for i in 0..<n {
        var num = 0.0
        var den = 0.0
        for c in GapComponent.allCases {
          guard let iv = comps[i][c], let wc = w[c], wc > 0 else { continue }
          let v = iv.isExact ? iv.low : iv.low + rng.unit() * iv.width
          num += wc * v
          den += wc
        }
        g[i] = den > 0 ? num / den : 0
        values[i].append(g[i])
      }
      let sorted = (0..<n).sorted { g[$0] != g[$1] ? g[$0] > g[$1] : $0 < $1 }
      for (r, i) in sorted.enumerated() { ranks[i].append(r + 1) }
    }
    func pct(_ xs: [Double], _ p: Double) -> Double {
      let s = xs.sorted()
      return s[min(s.count - 1, Int((p * Double(s.count - 1)).rounded()))]
    }
    let out = (0..<n).map { i -> Draws in
      let r = ranks[i].map(Double.init)
      return Draws(
        facility: ids[i], p5: pct(values[i], 0.05), p50: pct(values[i], 0.5),
        p95: pct(values[i], 0.95), rankLow: Int(pct(r, 0.05)), rankHigh: Int(pct(r, 0.95)),
        firstRank: Double(ranks[i].filter { $0 == 1 }.count) / Double(max(1, draws)))
    }
    return MonteCarlo(alpha: alpha, draws: draws, seed: seed, facilities: draws > 0 ? out : [])
  }

  /// A Gamma(shape, 1) variate (Marsaglia & Tsang 2000; boosted for shape < 1).
  static func gamma(_ shape: Double, _ rng: inout SplitMix64) -> Double {
    if shape < 1 {
      let u = max(rng.unit(), .leastNonzeroMagnitude)
      return gamma(shape + 1, &rng) * pow(u, 1 / shape)
    }
    let d = shape - 1.0 / 3.0
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x: Double
      var v: Double
      repeat {
        x = normal(&rng)
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = rng.unit()
      if u < 1 - 0.0331 * x * x * x * x { return d * v }
      if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
    }
  }

  static func normal(_ rng: inout SplitMix64) -> Double {
    let u1 = max(rng.unit(), .leastNonzeroMagnitude)
    let u2 = rng.unit()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }
}
