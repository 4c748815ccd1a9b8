import Dispatch
import GapMapGraph

/// When an iterative measure stops.
///
/// GapMap's default is an absolute, size-independent rule: the L1 norm of the residual of the
/// normalised result (one more step of the measure's own iteration, minus the result) is at
/// most `tolerance`. networkx stops when the L1 change of one power-iteration step is below
/// `n · tolerance`, which on large graphs stops after two or three steps; `networkx` reproduces
/// that rule (and networkx's plain power iteration) for users who must match its numbers.
public struct Convergence: Sendable, Equatable {
  /// The bound on the L1 residual (or, with `networkx`, on the L1 change divided by n).
  public var tolerance: Double
  /// The most iterations (Gauss–Seidel sweeps for PageRank and Katz) before giving up.
  public var maxIterations: Int
  /// networkx's rule: power iteration from networkx's start, stop when the L1 change is below
  /// `n · tolerance`.
  public var networkx: Bool

  public init(tolerance: Double, maxIterations: Int, networkx: Bool = false) {
    self.tolerance = tolerance
    self.maxIterations = maxIterations
    self.networkx = networkx
  }

  /// GapMap's default: L1 residual ≤ 1e-12, at most 1,000 iterations.
  public static let accurate = Convergence(tolerance: 1e-12, maxIterations: 1000)
}

/// An iterative measure that did not meet its stopping rule.
public struct ConvergenceError: Error, Sendable, Equatable {
  /// Iterations run.
  public var iterations: Int
  /// The L1 residual reached (infinite when the iteration diverged).
  public var residual: Double
  /// The rule that was not met.
  public var convergence: Convergence
}

/// The outcome of an iterative measure that converged.
public struct IterativeResult: Sendable {
  /// The scores per node.
  public var values: [Double]
  /// Iterations run (PageRank and Katz: Gauss–Seidel sweeps of the slowest strongly connected
  /// component, plus any sweeps over the whole graph).
  public var iterations: Int
  /// The L1 residual of `values` (networkx's rule: the L1 change of the last step).
  public var residual: Double
}

/// Hub and authority scores with the accuracy reached.
public struct HITSResult: Sendable {
  public var hubs: [Double]
  public var authorities: [Double]
  /// Iterations of the power iteration on AᵀA.
  public var iterations: Int
  /// The L1 change of the authorities in the last iteration.
  public var residual: Double
}

extension Graph {
  /// Sums `x[u] · w(u→v)` over the in-arcs of every `v` (pull form: deterministic, no atomics).
  @inline(__always)
  func _pull(_ x: [Double], inWeights: [Double]?, into y: inout [Double], threads: Int) {
    _pull(x, offsets: inOffsets, sources: inSources, weights: inWeights, into: &y, threads: threads)
  }

  /// Sums `x[src[q]] · w[q]` over the slots `q` of every row `v` of (offsets, src) into `y[v]`.
  func _pull(
    _ x: [Double], offsets: [Int], sources: [Int32], weights: [Double]?, into y: inout [Double],
    threads: Int
  ) {
    let n = nodeCount
    let m = sources.count
    // Large graphs: rows split into ranges of equal arc counts, one per thread. Each y[v] is
    // summed by one thread in arc order, so the result does not depend on the split.
    let parts = m >= 200_000 ? Swift.max(1, Swift.min(threads, 8)) : 1
    offsets.withUnsafeBufferPointer { off in
      sources.withUnsafeBufferPointer { src in
        x.withUnsafeBufferPointer { xb in
          y.withUnsafeMutableBufferPointer { yb in
            let job = PullJob(off: off, src: src, x: xb, y: yb, w: weights)
            if parts <= 1 {
              job.rows(0, n)
              return
            }
            var bounds = [0]
            for k in 1..<parts {
              let target = m * k / parts
              var lo = bounds[k - 1]
              var hi = n
              while lo < hi {
                let mid = (lo + hi) / 2
                if off[mid] < target { lo = mid + 1 } else { hi = mid }
              }
              bounds.append(lo)
            }
            bounds.append(n)
            let b = bounds
            DispatchQueue.concurrentPerform(iterations: parts) { k in job.rows(b[k], b[k + 1]) }
          }
        }
      }
    }
  }

  /// In-slot weights for the spectral measures: the edge weights (`nil` when unweighted and
  /// free of undirected self-loops), with an undirected self-loop counted once — its two slots
  /// at half weight — as in networkx's adjacency (`G[v][v]` is one entry).
  func _spectralInWeights() -> [Double]? {
    let w = inSlotWeights()
    guard !isDirected else { return w }
    var loops: [Int] = []
    for v in 0..<nodeCount {
      for q in inOffsets[v]..<inOffsets[v + 1] where Int(inSources[q]) == v { loops.append(q) }
    }
    guard !loops.isEmpty else { return w }
    var half = w ?? [Double](repeating: 1, count: inSources.count)
    for q in loops { half[q] *= 0.5 }
    return half
  }

  /// Eigenvector centrality by networkx's power iteration on A + I (in-arcs for directed graphs),
  /// starting from 1/n and L2-normalised each step.
  ///
  /// Stops when the L1 change of one step, and the error it implies at the observed rate of
  /// convergence (change · ρ / (1 − ρ)), are at most `convergence.tolerance` (networkx's rule:
  /// the change below n · tolerance). Matches `networkx.eigenvector_centrality(G, max_iter, tol)` (weights
  /// when the graph is weighted; an undirected self-loop counts once).
  /// - Throws: ``ConvergenceError`` when the rule is not met within `maxIterations`.
  /// - Complexity: O(iterations · (n + m)).
  public func eigenvector(convergence: Convergence = .accurate, threads: Int = defaultThreadCount)
    throws(ConvergenceError) -> IterativeResult
  {
    let n = nodeCount
    guard n > 0 else { return IterativeResult(values: [], iterations: 0, residual: 0) }
    let w = _spectralInWeights()
    let bound = convergence.networkx ? Double(n) * convergence.tolerance : convergence.tolerance
    var x = [Double](repeating: 1 / Double(n), count: n)
    var y = x
    var err = Double.infinity
    var rate = RateEstimate()
    for it in 1...Swift.max(1, convergence.maxIterations) {
      _pull(x, inWeights: w, into: &y, threads: threads)
      var norm = 0.0
      for v in 0..<n {
        y[v] += x[v]
        norm += y[v] * y[v]
      }
      norm = norm.squareRoot()
      if norm == 0 { norm = 1 }
      err = 0.0
      for v in 0..<n {
        y[v] /= norm
        err += abs(y[v] - x[v])
      }
      swap(&x, &y)
      if convergence.networkx ? err < bound : rate.met(err, bound) {
        return IterativeResult(values: x, iterations: it, residual: err)
      }
    }
    throw ConvergenceError(iterations: convergence.maxIterations, residual: err, convergence: convergence)
  }

  /// Katz centrality: the solution of `x = α Aᵀx + β`, L2-normalised, as
  /// `networkx.katz_centrality(G, alpha, beta)`.
  ///
  /// By default solved by Gauss–Seidel sweeps, strongly connected component by component in
  /// topological order, to an L1 residual (of the normalised result) at most `tolerance`. With
  /// `convergence.networkx`, networkx's iteration from 0, stopping when the L1 change is below
  /// n · tolerance.
  /// - Throws: ``ConvergenceError`` when the rule is not met (for example α ≥ 1/λ_max).
  /// - Complexity: O(iterations · (n + m)).
  public func katz(
    alpha: Double = 0.1, beta: Double = 1, convergence: Convergence = .accurate,
    threads: Int = defaultThreadCount
  ) throws(ConvergenceError) -> IterativeResult {
    let n = nodeCount
    guard n > 0 else { return IterativeResult(values: [], iterations: 0, residual: 0) }
    let w = _spectralInWeights()
    if convergence.networkx {
      var x = [Double](repeating: 0, count: n)
      var y = x
      var err = Double.infinity
      for it in 1...Swift.max(1, convergence.maxIterations) {
        _pull(x, inWeights: w, into: &y, threads: threads)
        err = 0.0
        for v in 0..<n {
          y[v] = alpha * y[v] + beta
          err += abs(y[v] - x[v])
        }
        swap(&x, &y)
        if err < Double(n) * convergence.tolerance {
          return IterativeResult(values: Graph._l2Normalized(x), iterations: it, residual: err)
        }
      }
      throw ConvergenceError(iterations: convergence.maxIterations, residual: err, convergence: convergence)
    }
    let b = [Double](repeating: beta, count: n)
    let scale = abs(beta) * Double(n).squareRoot()
    var solve = _gaussSeidel(b: b, coefficient: alpha, sourceScale: nil, inWeights: w)
    solve.solveComponents(normOfB: scale, convergence: convergence)
    func residual(_ y: [Double]) -> Double {
      var t = [Double](repeating: 0, count: n)
      _pull(y, inWeights: w, into: &t, threads: threads)
      var r = 0.0
      var norm = 0.0
      for v in 0..<n {
        r += abs(beta + alpha * t[v] - y[v])
        norm += y[v] * y[v]
      }
      norm = norm.squareRoot()
      return norm == 0 ? (r == 0 ? 0 : .infinity) : r / norm
    }
    var y = solve.values()
    var r = solve.finite ? residual(y) : .infinity
    while r.isFinite && r > convergence.tolerance && solve.sweeps < convergence.maxIterations {
      solve.sweepAll()
      y = solve.values()
      r = residual(y)
    }
    guard r <= convergence.tolerance else {
      throw ConvergenceError(iterations: solve.sweeps, residual: r, convergence: convergence)
    }
    return IterativeResult(values: Graph._l2Normalized(y), iterations: solve.sweeps, residual: r)
  }

  static func _l2Normalized(_ x: [Double]) -> [Double] {
    var norm = 0.0
    for v in x { norm += v * v }
    norm = norm.squareRoot()
    let s = norm == 0 ? 1 : 1 / norm
    return x.map { $0 * s }
  }

  /// PageRank as `networkx.pagerank`: transition by out-strength (weights when weighted; an
  /// undirected self-loop counts once), teleport to `personalization` (uniform when nil;
  /// normalised to sum 1), dangling nodes' mass spread like the teleport.
  ///
  /// By default solved as PRPACK does: the equivalent linear system `y = p + d·Pᵀy` (dangling
  /// rows left empty; PageRank is `y / Σy`) by Gauss–Seidel sweeps, one strongly connected
  /// component at a time in topological order (a component is final before its successors
  /// start; a node outside any cycle takes one step), until the L1 residual of the normalised
  /// result — one step of networkx's iteration minus the result — is at most `tolerance`. With
  /// `convergence.networkx`, networkx's power iteration from 1/n, stopping when the L1 change
  /// is below n · tolerance.
  /// - Throws: ``ConvergenceError`` when the rule is not met within `maxIterations`.
  /// - Complexity: O(iterations · (n + m)); `threads` split the residual check (and networkx's
  ///   iteration); the sweeps are sequential.
  public func pagerank(
    damping: Double = 0.85, personalization: [Double]? = nil, convergence: Convergence = .accurate,
    threads: Int = defaultThreadCount
  ) throws(ConvergenceError) -> IterativeResult {
    let n = nodeCount
    guard n > 0 else { return IterativeResult(values: [], iterations: 0, residual: 0) }
    var p = personalization ?? [Double](repeating: 1, count: n)
    let psum = p.reduce(0, +)
    p = p.map { $0 / psum }
    let inW = _spectralInWeights()
    // Out-strength of every node (sum of out-arc weights; the in-slots of the reverse rows).
    var strength = [Double](repeating: 0, count: n)
    if isDirected {
      let outW = outSlotWeights()
      for v in 0..<n {
        if let outW {
          for q in outOffsets[v]..<outOffsets[v + 1] { strength[v] += outW[q] }
        } else {
          strength[v] = Double(outOffsets[v + 1] - outOffsets[v])
        }
      }
    } else {
      for v in 0..<n {
        if let inW {
          for q in inOffsets[v]..<inOffsets[v + 1] { strength[v] += inW[q] }
        } else {
          strength[v] = Double(inOffsets[v + 1] - inOffsets[v])
        }
      }
    }
    let dangling = (0..<n).filter { strength[$0] == 0 }
    let inv = strength.map { $0 == 0 ? 0 : 1 / $0 }
    var scaled = [Double](repeating: 0, count: n)
    var y = [Double](repeating: 0, count: n)
    /// One step of networkx's iteration from `x` into `y`; returns the L1 change.
    func step(_ x: [Double]) -> Double {
      for v in 0..<n { scaled[v] = x[v] * inv[v] }
      _pull(scaled, inWeights: inW, into: &y, threads: threads)
      var danglingSum = 0.0
      for v in dangling { danglingSum += x[v] }
      var err = 0.0
      for v in 0..<n {
        y[v] = damping * (y[v] + danglingSum * p[v]) + (1 - damping) * p[v]
        err += abs(y[v] - x[v])
      }
      return err
    }
    if convergence.networkx {
      var x = [Double](repeating: 1 / Double(n), count: n)
      var err = Double.infinity
      for it in 1...Swift.max(1, convergence.maxIterations) {
        err = step(x)
        swap(&x, &y)
        if err < Double(n) * convergence.tolerance {
          return IterativeResult(values: x, iterations: it, residual: err)
        }
      }
      throw ConvergenceError(iterations: convergence.maxIterations, residual: err, convergence: convergence)
    }
    func normalized(_ y: [Double]) -> [Double] {
      let s = y.reduce(0, +)
      return s > 0 ? y.map { $0 / s } : y
    }
    if !isDirected, strength.allSatisfy({ $0 >= 0 && $0.isFinite }) {
      // Symmetric: conjugate gradients on D^{-1/2}(I − d·Pᵀ)D^{1/2}.
      var cg = _pagerankConjugateGradients(
        damping: damping, p: p, strength: strength, inWeights: inW, threads: threads)
      var bound = convergence.tolerance * 0.5
      while true {
        let met = cg.iterate(until: bound, maxIterations: convergence.maxIterations)
        let x = normalized(cg.y())
        let r = cg.finite ? step(x) : .infinity
        if r <= convergence.tolerance {
          return IterativeResult(values: x, iterations: cg.iterations, residual: r)
        }
        guard met, r.isFinite, bound > 1e-300 else {
          throw ConvergenceError(iterations: cg.iterations, residual: r, convergence: convergence)
        }
        bound /= 10
      }
    }
    var solve = _gaussSeidel(b: p, coefficient: damping, sourceScale: inv, inWeights: inW)
    solve.solveComponents(normOfB: 1, convergence: convergence)
    var x = normalized(solve.values())
    var r = solve.finite ? step(x) : .infinity
    while r.isFinite && r > convergence.tolerance && solve.sweeps < convergence.maxIterations {
      solve.sweepAll()
      x = normalized(solve.values())
      r = step(x)
    }
    guard r <= convergence.tolerance else {
      throw ConvergenceError(iterations: solve.sweeps, residual: r, convergence: convergence)
    }
    return IterativeResult(values: x, iterations: solve.sweeps, residual: r)
  }

  /// Conjugate gradients for PageRank's linear system `y = p + d·Pᵀy` on an undirected graph,
  /// made symmetric by `y = D^{1/2} z`: `(I − d·D^{-1/2} A D^{-1/2}) z = D^{-1/2} p`, whose
  /// eigenvalues lie in [1 − d, 1 + d]. Nodes of strength 0 have no weighted neighbours: y = p.
  func _pagerankConjugateGradients(
    damping: Double, p: [Double], strength: [Double], inWeights: [Double]?, threads: Int
  ) -> PageRankCG {
    let n = nodeCount
    let s = strength.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
    let b = (0..<n).map { p[$0] * s[$0] }
    return PageRankCG(
      graph: self, damping: damping, p: p, s: s, weights: inWeights, threads: threads,
      z: .init(repeating: 0, count: n),
      r: b, direction: b, rr: b.reduce(0) { $0 + $1 * $1 })
  }

  /// Hub and authority scores (Kleinberg): the principal right singular vector of the adjacency
  /// matrix gives authorities, `hubs = A · authorities`; each normalised to sum 1, as
  /// `networkx.hits` (which uses a sparse SVD). Computed by power iteration on AᵀA from 1/n
  /// until the L1 change of the authorities, and the error it implies at the observed rate of
  /// convergence, are at most `convergence.tolerance` (networkx's rule
  /// is not used: its SVD has no such iteration), so it agrees with the SVD whenever the top
  /// singular value is simple; when the two top singular values are close, convergence is slow
  /// and may need more iterations than allowed.
  /// - Throws: ``ConvergenceError`` when the rule is not met within `maxIterations`.
  /// - Complexity: O(iterations · (n + m)).
  public func hits(convergence: Convergence = .accurate, threads: Int = defaultThreadCount)
    throws(ConvergenceError) -> HITSResult
  {
    let n = nodeCount
    guard n > 0 else { return HITSResult(hubs: [], authorities: [], iterations: 0, residual: 0) }
    let inW = _spectralInWeights()
    // Undirected graphs share one array for in- and out-slots; directed ones need their own.
    let outW = isDirected ? outSlotWeights() : inW
    var a = [Double](repeating: 1 / Double(n), count: n)
    var h = [Double](repeating: 0, count: n)
    var next = a
    var err = Double.infinity
    var iterations = 0
    let tolerance = convergence.tolerance
    var rate = RateEstimate()
    var met = false
    while iterations < Swift.max(1, convergence.maxIterations) {
      iterations += 1
      // h = A a (h[u] = Σ_{u→v} w a[v], a pull over the out-rows); a' = Aᵀ h.
      _pull(a, offsets: outOffsets, sources: outTargets, weights: outW, into: &h, threads: threads)
      _pull(h, inWeights: inW, into: &next, threads: threads)
      let total = next.reduce(0, +)
      if total == 0 {
        // No edges: every score is 0, exactly.
        err = 0
        met = true
        break
      }
      err = 0.0
      for v in 0..<n {
        next[v] /= total
        err += abs(next[v] - a[v])
      }
      swap(&a, &next)
      if rate.met(err, tolerance) {
        met = true
        break
      }
    }
    guard met else {
      throw ConvergenceError(iterations: iterations, residual: err, convergence: convergence)
    }
    _pull(a, offsets: outOffsets, sources: outTargets, weights: outW, into: &h, threads: threads)
    let hs = h.reduce(0, +)
    let asum = a.reduce(0, +)
    return HITSResult(
      hubs: hs == 0 ? h : h.map { $0 / hs }, authorities: asum == 0 ? a : a.map { $0 / asum },
      iterations: iterations, residual: err)
  }
}

/// The error a power iteration has left, estimated from the L1 changes of its last steps: at an
/// observed rate ρ = change_k / change_{k−1} < 1 the remaining error is about change · ρ / (1 − ρ),
/// which exceeds the change itself when ρ > 1/2.
struct RateEstimate {
  var previous = Double.infinity

  /// Whether the change `err` and the error it implies are both at most `bound`.
  mutating func met(_ err: Double, _ bound: Double) -> Bool {
    defer { previous = err }
    guard err <= bound else { return false }
    if err == 0 { return true }
    let rho = err / previous
    guard rho < 1 else { return false }
    return err * rho / (1 - rho) <= bound
  }
}

/// The state of ``Graph/_pagerankConjugateGradients(damping:p:strength:inWeights:threads:)``.
struct PageRankCG {
  let graph: Graph
  let damping: Double
  let p: [Double]
  /// D^{-1/2} (0 where the strength is 0).
  let s: [Double]
  let weights: [Double]?
  let threads: Int
  var z: [Double]
  var r: [Double]
  var direction: [Double]
  var rr: Double
  var iterations = 0
  var finite = true

  /// y = D^{1/2} z (p where the strength is 0).
  func y() -> [Double] {
    (0..<z.count).map { v in s[v] > 0 ? z[v] / s[v] : p[v] }
  }

  /// Iterates until the L1 norm of the residual of `y = p + d·Pᵀy`, divided by Σy, is at most
  /// `bound`; false when `maxIterations` is reached first.
  mutating func iterate(until bound: Double, maxIterations: Int) -> Bool {
    let n = z.count
    var t = [Double](repeating: 0, count: n)
    var q = [Double](repeating: 0, count: n)
    while true {
      // Residual in y's terms: D^{1/2} r; Σy = Σ D^{1/2} z (+ p of isolated nodes).
      var res = 0.0
      var total = 0.0
      for v in 0..<n {
        if s[v] > 0 {
          res += abs(r[v]) / s[v]
          total += z[v] / s[v]
        } else {
          total += p[v]
        }
      }
      if !(res.isFinite && total.isFinite) {
        finite = false
        return false
      }
      if total > 0 && res <= bound * total || rr == 0 { return true }
      if iterations >= maxIterations { return false }
      iterations += 1
      // q = (I − d S) direction, S = D^{-1/2} A D^{-1/2}.
      for v in 0..<n { t[v] = s[v] * direction[v] }
      graph._pull(t, inWeights: weights, into: &q, threads: threads)
      var pq = 0.0
      for v in 0..<n {
        q[v] = direction[v] - damping * s[v] * q[v]
        pq += direction[v] * q[v]
      }
      guard pq > 0 else { return true }
      let alpha = rr / pq
      var next = 0.0
      for v in 0..<n {
        z[v] += alpha * direction[v]
        r[v] -= alpha * q[v]
        next += r[v] * r[v]
      }
      let beta = next / rr
      rr = next
      for v in 0..<n { direction[v] = r[v] + beta * direction[v] }
    }
  }
}

/// A Gauss–Seidel solve of `y = b + c · Σ_{u→v} w(u→v) · s[u] · y[u]`, on a copy of the
/// in-arcs renumbered so that each strongly connected component's nodes are contiguous and the
/// components come in topological order, with `c · w · s[u]` folded into each arc: a sweep reads
/// memory in order.
struct GaussSeidelState {
  /// Position → node.
  let order: [Int32]
  /// Where each component starts in `order` (and one past the end).
  let starts: [Int]
  /// In-arcs by position: offsets, source positions, coefficients.
  let offsets: [Int]
  let sources: [Int32]
  let coefficients: [Double]
  /// b by position.
  let b: [Double]
  /// Whether position i has an arc from itself.
  let selfLoop: [Bool]
  /// The solution so far, by position.
  var y: [Double]
  /// The largest number of sweeps any component took, plus whole-graph sweeps.
  var sweeps = 0
  /// Whether every value stayed finite.
  var finite = true

  /// The solution by node.
  func values() -> [Double] {
    var out = [Double](repeating: 0, count: y.count)
    for i in 0..<y.count { out[Int(order[i])] = y[i] }
    return out
  }

  /// Solves each component in turn. A component stops when the L1 change of a sweep is at
  /// most its share of `tolerance · normOfB / 2` (a lower bound on the normaliser of the
  /// result); a single node without a self-loop takes one step.
  mutating func solveComponents(normOfB: Double, convergence: Convergence) {
    let n = y.count
    guard n > 0 else { return }
    let budget = convergence.tolerance * normOfB * 0.5
    var worst = 0
    var ok = true
    offsets.withUnsafeBufferPointer { off in
      sources.withUnsafeBufferPointer { src in
        coefficients.withUnsafeBufferPointer { cf in
          b.withUnsafeBufferPointer { bb in
            y.withUnsafeMutableBufferPointer { yb in
              for k in 0..<(starts.count - 1) {
                let (lo, hi) = (starts[k], starts[k + 1])
                if hi - lo == 1 && !selfLoop[lo] {
                  var sum = bb[lo]
                  for q in off[lo]..<off[lo + 1] { sum += cf[q] * yb[Int(src[q])] }
                  yb[lo] = sum
                  worst = Swift.max(worst, 1)
                  continue
                }
                let local = budget * Double(hi - lo) / Double(n)
                var count = 0
                while count < convergence.maxIterations {
                  count += 1
                  var change = 0.0
                  for i in lo..<hi {
                    var sum = bb[i]
                    for q in off[i]..<off[i + 1] { sum += cf[q] * yb[Int(src[q])] }
                    change += abs(sum - yb[i])
                    yb[i] = sum
                  }
                  if !change.isFinite {
                    ok = false
                    break
                  }
                  if change <= local { break }
                }
                worst = Swift.max(worst, count)
                if !ok { break }
              }
            }
          }
        }
      }
    }
    sweeps = worst
    finite = ok
  }

  /// One more sweep over the whole graph, components in topological order.
  mutating func sweepAll() {
    var ok = true
    for i in 0..<y.count {
      var sum = b[i]
      for q in offsets[i]..<offsets[i + 1] { sum += coefficients[q] * y[Int(sources[q])] }
      y[i] = sum
      if !sum.isFinite { ok = false }
    }
    sweeps += 1
    finite = finite && ok
  }
}

extension Graph {
  /// The nodes grouped by strongly connected component (along in- and out-arcs; connected
  /// components when undirected), components in topological order: every arc between two
  /// components goes from an earlier to a later one. Tarjan's algorithm, iterative.
  /// - Complexity: O(n + m).
  func _componentsInTopologicalOrder() -> (order: [Int32], starts: [Int]) {
    let n = nodeCount
    var (found, ends) = _tarjan()
    // Members in ascending node order, for a cache-friendly sweep.
    var begin = 0
    for end in ends {
      found[begin..<end].sort()
      begin = end
    }
    var order: [Int32] = []
    order.reserveCapacity(n)
    var starts = [0]
    var end = found.count
    for k in stride(from: ends.count - 1, through: 0, by: -1) {
      let begin = k == 0 ? 0 : ends[k - 1]
      order.append(contentsOf: found[begin..<end])
      starts.append(order.count)
      end = begin
    }
    return (order, starts)
  }

  /// Prepares a Gauss–Seidel solve of `y = b + c · Σ_{u→v} w(u→v) · s[u] · y[u]` (s =
  /// `sourceScale`, 1 when nil), strongly connected component by component in topological
  /// order, so each component reads only final values from the ones before it.
  /// - Complexity: O(n + m) time and memory.
  func _gaussSeidel(
    b: [Double], coefficient c: Double, sourceScale s: [Double]?, inWeights w: [Double]?
  ) -> GaussSeidelState {
    let n = nodeCount
    let (order, starts) = _componentsInTopologicalOrder()
    var position = [Int32](repeating: 0, count: n)
    for i in 0..<n { position[Int(order[i])] = Int32(i) }
    var offsets = [Int](repeating: 0, count: n + 1)
    for i in 0..<n {
      let v = Int(order[i])
      offsets[i + 1] = offsets[i] + inOffsets[v + 1] - inOffsets[v]
    }
    var sources = [Int32](repeating: 0, count: offsets[n])
    var coefficients = [Double](repeating: 0, count: offsets[n])
    var selfLoop = [Bool](repeating: false, count: n)
    var pb = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let v = Int(order[i])
      pb[i] = b[v]
      var k = offsets[i]
      for q in inOffsets[v]..<inOffsets[v + 1] {
        let u = Int(inSources[q])
        if u == v { selfLoop[i] = true }
        sources[k] = position[u]
        coefficients[k] = c * (w?[q] ?? 1) * (s?[u] ?? 1)
        k += 1
      }
    }
    return GaussSeidelState(
      order: order, starts: starts, offsets: offsets, sources: sources, coefficients: coefficients, b: pb,
      selfLoop: selfLoop, y: [Double](repeating: 0, count: n))
  }
}

/// One pull y = Aᵀx over a range of rows, shared read-only by the threads of ``Graph/_pull``
/// (each row written by exactly one of them).
struct PullJob: @unchecked Sendable {
  let off: UnsafeBufferPointer<Int>
  let src: UnsafeBufferPointer<Int32>
  let x: UnsafeBufferPointer<Double>
  let y: UnsafeMutableBufferPointer<Double>
  let w: [Double]?

  func rows(_ from: Int, _ to: Int) {
    var v = from
    while v < to {
      var sum = 0.0
      if let w {
        for q in off[v]..<off[v + 1] { sum += x[Int(src[q])] * w[q] }
      } else {
        for q in off[v]..<off[v + 1] { sum += x[Int(src[q])] }
      }
      y[v] = sum
      v += 1
    }
  }
}
