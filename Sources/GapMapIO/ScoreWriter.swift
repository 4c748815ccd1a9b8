import CFloatFormat
import GapMapModel

/// Writes score tables (`id,measure,…`) as CSV bytes directly: the big outputs of `gapmap
/// centrality` (a million scores) without a `String` per cell. Numbers are byte for byte
/// Swift's `Double.description`, whole-number measures as integers.
public enum ScoreWriter {
  /// The CSV of `values[k][v]` (measure k, node v) under `id,<columns>`.
  /// - Complexity: O(rows × columns), one output buffer.
  public static func csv(ids: [String], columns: [String], values: [[Double]], integer: [Bool]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(ids.count * (12 + 20 * columns.count))
    out += Array((["id"] + columns).map { CSV.escape($0) }.joined(separator: ",").utf8)
    out.append(0x0A)
    let fast = ScoreWriter.fastFormatAgrees
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 40) { buf in
      guard let base = buf.baseAddress else { return }
      for v in ids.indices {
        var id = ids[v]
        if let b = id.utf8.first, b == 0x3D || b == 0x2B || b == 0x2D || b == 0x40 || b == 0x09 || b == 0x0D {
          id = CSV.neutralized(id)
        }
        if needsQuoting(id) { out += Array(CSV.escape(id).utf8) } else { out += id.utf8 }
        for k in columns.indices {
          out.append(0x2C)
          let x = values[k][v]
          if integer[k], x.isFinite, abs(x) < 9e15 {
            appendInteger(Int64(x), to: &out)
          } else if fast && x.isFinite {
            let n = gapmap_format_double(x, base, 40)
            for i in 0..<n { out.append(UInt8(bitPattern: base[i])) }
          } else {
            out += x.description.utf8
          }
        }
        out.append(0x0A)
      }
    }
    return out
  }

  /// Whether the runtime formatter, called directly, prints what `description` prints (checked
  /// once on values of every shape; otherwise `description` is used).
  static let fastFormatAgrees: Bool = {
    let probes: [Double] = [
      0, -0.0, 1, -1.5, 0.1, 1e-7, 3.0e-5, 0.00031297077949383627, 123456.789, 1e16, 1.7976931348623157e308,
      .leastNonzeroMagnitude, .infinity, -.infinity, .nan, 2.0 / 3.0, 1e21, 9_007_199_254_740_992,
    ]
    return probes.allSatisfy { format($0) == $0.description }
  }()

  /// Swift's `Double.description` of `x`, through the C shim (for tests).
  public static func format(_ x: Double) -> String {
    // NaN payloads and infinities are printed by Swift itself.
    guard x.isFinite else { return x.description }
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 40) { buf in
      guard let base = buf.baseAddress else { return "" }
      let n = gapmap_format_double(x, base, 40)
      return String(decoding: UnsafeRawBufferPointer(start: base, count: n), as: UTF8.self)
    }
  }

  static func needsQuoting(_ s: String) -> Bool {
    var first = true
    var last: UInt8 = 0
    for b in s.utf8 {
      if b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D { return true }
      if first && (b == 0x20 || b == 0x09) { return true }
      first = false
      last = b
    }
    return last == 0x20 || last == 0x09 || (s.unicodeScalars.first?.properties.isWhitespace ?? false)
      || (s.unicodeScalars.last?.properties.isWhitespace ?? false)
  }

  static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
    if value == 0 {
      out.append(0x30)
      return
    }
    var v = value.magnitude
    if value < 0 { out.append(0x2D) }
    var digits:
      (
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
      ) = (
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
      )
    var n = 0
    withUnsafeMutableBytes(of: &digits) { d in
      while v > 0 {
        d[n] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
        v /= 10
        n += 1
      }
      while n > 0 {
        n -= 1
        out.append(d[n])
      }
    }
  }
}
