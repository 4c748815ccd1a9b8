import Dispatch
import GapMapGraph

/// The outcome of an iterative measure.
public struct IterativeResult: Sendable {
  /// The scores per node.
  public var values: [Double]
  /// Iterations run.
  public var iterations: Int
  /// Whether the stopping rule was met within the iteration limit.
  public var converged: Bool
}

extension Graph {
  /// Sums `x[u] · w(u→v)` over the in-arcs of every `v` (pull form: deterministic, no atomics).
  @inline(__always)
  func _pull(_ x: [Double], inWeights: [Double]?, into y: inout [Double]) {
    let n = nodeCount
    let m = inSources.count
    // Large graphs: rows split into ranges of equal arc counts, one per thread. Each y[v] is
    // summed by one thread in arc order, so the result does not depend on the split.
    let parts = m >= 200_000 ? Swift.min(defaultThreadCount, 8) : 1
    inOffsets.withUnsafeBufferPointer { off in
      inSources.withUnsafeBufferPointer { src in
        x.withUnsafeBufferPointer { xb in
          y.withUnsafeMutableBufferPointer { yb in
            let job = PullJob(off: off, src: src, x: xb, y: yb, w: inWeights)
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

  /// Eigenvector centrality by networkx's power iteration on A + I (in-arcs for directed graphs),
  /// starting from 1/n, L2-normalised each step, stopping when the L1 change is below n·tol.
  ///
  /// Matches `networkx.eigenvector_centrality(G, max_iter=100, tol=1e-06)` (weights when the
  /// graph is weighted).
  /// - Complexity: O(iterations · (n + m)).
  public func eigenvector(maxIterations: Int = 100, tolerance: Double = 1e-6) -> IterativeResult {
    let n = nodeCount
    guard n > 0 else { return IterativeResult(values: [], iterations: 0, converged: true) }
    let w = inSlotWeights()
    var x = [Double](repeating: 1 / Double(n), count: n)
    var y = x
    for it in 1...maxIterations {
      _pull(x, inWeights: w, into: &y)
      var norm = 0.0
      for v in 0..<n {
        y[v] += x[v]
        norm += y[v] * y[v]
      }
      norm = norm.squareRoot()
      if norm == 0 { norm = 1 }
      var err = 0.0
      for v in 0..<n {
        y[v] /= norm
        err += abs(y[v] - x[v])
      }
      swap(&x, &y)
      if err < Double(n) * tolerance { return IterativeResult(values: x, iterations: it, converged: true) }
    }
    return IterativeResult(values: x, iterations: maxIterations, converged: false)
  }

  /// Katz centrality by networkx's iteration `x ← α Aᵀx + β` from 0, stopping when the L1
  /// change is below n·tol, then L2-normalised.
  ///
  /// Matches `networkx.katz_centrality(G, alpha, beta, max_iter=1000, tol=1e-06)`.
  /// - Complexity: O(iterations · (n + m)).
  public func katz(
    alpha: Double = 0.1, beta: Double = 1, maxIterations: Int = 1000, tolerance: Double = 1e-6
  ) -> IterativeResult {
    let n = nodeCount
    guard n > 0 else { return IterativeResult(values: [], iterations: 0, converged: true) }
    let w = inSlotWeights()
    var x = [Double](repeating: 0, count: n)
    var y = x
    for it in 1...maxIterations {
      _pull(x, inWeights: w, into: &y)
      var err = 0.0
      for v in 0..<n {
        y[v] = alpha * y[v] + beta
        err += abs(y[v] - x[v])
      }
      swap(&x, &y)
      if err < Double(n) * tolerance {
        var norm = 0.0
        for v in x { norm += v * v }
        norm = norm.squareRoot()
        let s = norm == 0 ? 1 : 1 / norm
        return IterativeResult(values: x.map { $0 * s }, iterations: it, converged: true)
      }
    }
    return IterativeResult(values: x, iterations: maxIterations, converged: false)
  }

  /// PageRank as `networkx.pagerank`: transition by out-strength (weights when weighted), teleport
  /// to `personalization` (uniform when nil; normalised to sum 1), dangling nodes' mass spread
  /// like the teleport, start 1/n, stop when the L1 change is below n·tol.
  /// - Complexity: O(iterations · (n + m)).
  public func pagerank(
    damping: Double = 0.85, personalization: [Double]? = nil, maxIterations: Int = 100,
    tolerance: Double = 1e-6
  ) -> IterativeResult {
    let n = nodeCount
    guard n > 0 else { return IterativeResult(values: [], iterations: 0, converged: true) }
    var p = personalization ?? [Double](repeating: 1, count: n)
    let psum = p.reduce(0, +)
    p = p.map { $0 / psum }
    // Out-strength of every node (sum of out-arc weights).
    var strength = [Double](repeating: 0, count: n)
    let outW = outSlotWeights()
    for v in 0..<n {
      if let outW {
        for q in outOffsets[v]..<outOffsets[v + 1] { strength[v] += outW[q] }
      } else {
        strength[v] = Double(outOffsets[v + 1] - outOffsets[v])
      }
    }
    let dangling = (0..<n).filter { strength[$0] == 0 }
    let inv = strength.map { $0 == 0 ? 0 : 1 / $0 }
    let inW = inSlotWeights()
    var x = [Double](repeating: 1 / Double(n), count: n)
    var scaled = x
    var y = x
    for it in 1...maxIterations {
      for v in 0..<n { scaled[v] = x[v] * inv[v] }
      _pull(scaled, inWeights: inW, into: &y)
      var danglingSum = 0.0
      for v in dangling { danglingSum += x[v] }
      var err = 0.0
      for v in 0..<n {
        y[v] = damping * (y[v] + danglingSum * p[v]) + (1 - damping) * p[v]
        err += abs(y[v] - x[v])
      }
      swap(&x, &y)
      if err < Double(n) * tolerance { return IterativeResult(values: x, iterations: it, converged: true) }
    }
    return IterativeResult(values: x, iterations: maxIterations, converged: false)
  }

  /// Hub and authority scores (Kleinberg): the principal right singular vector of the adjacency
  /// matrix gives authorities, `hubs = A · authorities`; each normalised to sum 1, as
  /// `networkx.hits` (which uses a sparse SVD). Computed by power iteration on AᵀA to a tight
  /// tolerance, so it agrees with the SVD whenever the top singular value is simple.
  /// - Complexity: O(iterations · (n + m)).
  public func hits(maxIterations: Int = 10_000, tolerance: Double = 1e-14) -> (
    hubs: [Double], authorities: [Double], converged: Bool
  ) {
    let n = nodeCount
    guard n > 0 else { return ([], [], true) }
    let inW = inSlotWeights()
    let outW = outSlotWeights()
    var a = [Double](repeating: 1 / Double(n), count: n)
    var h = [Double](repeating: 0, count: n)
    var next = a
    var converged = false
    for _ in 0..<maxIterations {
      // h = A a (push along out-arcs: h[u] = Σ_{u→v} w a[v]); a' = Aᵀ h.
      for u in 0..<n {
        var s = 0.0
        for q in outOffsets[u]..<outOffsets[u + 1] { s += a[Int(outTargets[q])] * (outW?[q] ?? 1) }
        h[u] = s
      }
      _pull(h, inWeights: inW, into: &next)
      let total = next.reduce(0, +)
      if total == 0 { break }
      var err = 0.0
      for v in 0..<n {
        next[v] /= total
        err += abs(next[v] - a[v])
      }
      swap(&a, &next)
      if err < tolerance {
        converged = true
        break
      }
    }
    for u in 0..<n {
      var s = 0.0
      for q in outOffsets[u]..<outOffsets[u + 1] { s += a[Int(outTargets[q])] * (outW?[q] ?? 1) }
      h[u] = s
    }
    let hs = h.reduce(0, +)
    let asum = a.reduce(0, +)
    return (hs == 0 ? h : h.map { $0 / hs }, asum == 0 ? a : a.map { $0 / asum }, converged)
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
