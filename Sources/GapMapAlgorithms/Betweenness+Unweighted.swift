import GapMapGraph

/// Scratch memory for the unweighted Brandes kernel: levels as `Int32`, everything reached
/// through raw pointers, reset as it is consumed.
final class BrandesScratch {
  let level: UnsafeMutablePointer<Int32>
  /// σ and δ interleaved (`sd[2v]`, `sd[2v + 1]`): read and written together.
  let sd: UnsafeMutablePointer<Double>
  let order: UnsafeMutablePointer<Int32>

  init(nodeCount n: Int) {
    let c = Swift.max(1, n)
    level = .allocate(capacity: c)
    level.initialize(repeating: -1, count: c)
    sd = .allocate(capacity: 2 * c)
    sd.initialize(repeating: 0, count: 2 * c)
    order = .allocate(capacity: c)
    order.initialize(repeating: 0, count: c)
  }

  deinit {
    level.deallocate()
    sd.deallocate()
    order.deallocate()
  }
}

extension Graph {
  /// One source of unweighted Brandes: BFS counting shortest paths, then dependencies
  /// accumulated backwards over in-arcs one level closer to the source. Adds into `bc` (and
  /// `ebc` per edge id when given). Leaves the scratch as it found it.
  /// - Complexity: O(n + m) for the part of the graph `s` reaches.
  func _brandesUnweighted(
    from s: Int, scratch x: BrandesScratch, outOffsets off: UnsafePointer<Int>,
    outTargets tgt: UnsafePointer<Int32>, inOffsets ioff: UnsafePointer<Int>,
    inSources isrc: UnsafePointer<Int32>, inEdge ieid: UnsafePointer<Int32>,
    nodes bc: UnsafeMutablePointer<Double>, edges ebc: UnsafeMutablePointer<Double>?
  ) {
    let level = x.level
    let sd = x.sd
    let order = x.order
    level[s] = 0
    sd[2 &* s] = 1
    order[0] = Int32(truncatingIfNeeded: s)
    var head = 0
    var tail = 1
    while head < tail {
      let v = Int(order[head])
      head &+= 1
      let nl = level[v] &+ 1
      let sv = sd[2 &* v]
      var p = off[v]
      let end = off[v &+ 1]
      while p < end {
        let w = Int(tgt[p])
        let lw = level[w]
        if lw < 0 {
          level[w] = nl
          sd[2 &* w] = sv
          order[tail] = Int32(truncatingIfNeeded: w)
          tail &+= 1
        } else if lw == nl {
          sd[2 &* w] += sv
        }
        p &+= 1
      }
    }
    // Backwards over the BFS order. A node is reset once its dependency is final: later steps
    // only read nodes one level closer to the source than the node they process (level ≥ 0).
    var i = tail &- 1
    while i > 0 {
      let w = Int(order[i])
      i &-= 1
      let prev = level[w] &- 1
      let dw = sd[2 &* w &+ 1]
      let coeff = (1 + dw) / sd[2 &* w]
      var q = ioff[w]
      let end = ioff[w &+ 1]
      if let ebc {
        while q < end {
          let v = Int(isrc[q])
          if level[v] == prev {
            let c = sd[2 &* v] * coeff
            sd[2 &* v &+ 1] += c
            ebc[Int(ieid[q])] += c
          }
          q &+= 1
        }
      } else {
        while q < end {
          let v = Int(isrc[q])
          if level[v] == prev { sd[2 &* v &+ 1] += sd[2 &* v] * coeff }
          q &+= 1
        }
      }
      bc[w] += dw
      level[w] = -1
      sd[2 &* w] = 0
      sd[2 &* w &+ 1] = 0
    }
    level[s] = -1
    sd[2 &* s] = 0
    sd[2 &* s &+ 1] = 0
  }
}
