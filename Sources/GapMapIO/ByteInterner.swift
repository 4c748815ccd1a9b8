/// Maps byte strings to dense `Int32` ids without creating a `String` per look-up: an
/// open-addressing hash table over a byte arena. The edge-list reader's hot path.
struct ByteInterner {
  private(set) var arena: [UInt8] = []
  private(set) var starts: [Int] = [0]
  /// Slots: 0 = empty, else `(id + 1) << 32 | hash >> 32`: the id and a fingerprint in one
  /// load, so a probe touches the arena only when the fingerprint matches.
  private var table: [UInt64]
  /// Full hashes by id, for growing the table.
  private var hashes: [UInt64] = []
  private var mask: Int

  init(capacity: Int = 1024) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    table = [UInt64](repeating: 0, count: size)
    mask = size - 1
    arena.reserveCapacity(capacity * 8)
  }

  var count: Int { starts.count - 1 }

  @inline(__always)
  static func hash(_ p: UnsafeRawBufferPointer) -> UInt64 {
    // FNV-1a, then a final avalanche (splitmix) so low bits spread for the mask.
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in p {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    h ^= h >> 33
    h = h &* 0xff51_afd7_ed55_8ccd
    h ^= h >> 33
    return h
  }

  /// The id most recently returned by ``internRepeated(_:)``.
  private var lastRepeated: Int = -1

  /// ``intern(_:)`` with a one-entry cache: edge lists sorted by source repeat the source of the
  /// previous line, whose bytes are still in cache, so the hash table is not touched.
  @inline(__always)
  mutating func internRepeated(_ p: UnsafeRawBufferPointer) -> Int32 {
    if lastRepeated >= 0 {
      let s = starts[lastRepeated]
      let e = starts[lastRepeated + 1]
      if e - s == p.count {
        let same = arena.withUnsafeBufferPointer { a in
          memcmpEqual(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(a)[s..<e]), p)
        }
        if same { return Int32(lastRepeated) }
      }
    }
    let id = intern(p)
    lastRepeated = Int(id)
    return id
  }

  /// The id of the bytes, inserting them if new.
  /// - Complexity: O(length) expected.
  @inline(__always)
  mutating func intern(_ p: UnsafeRawBufferPointer) -> Int32 {
    let h = ByteInterner.hash(p)
    let fingerprint = h >> 32
    var slot = Int(truncatingIfNeeded: h) & mask
    while true {
      let entry = table[slot]
      if entry == 0 { break }
      if entry & 0xFFFF_FFFF == fingerprint {
        let id = Int(entry >> 32) - 1
        let s = starts[id]
        let e = starts[id + 1]
        if e - s == p.count {
          let same = arena.withUnsafeBufferPointer { a in
            memcmpEqual(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(a)[s..<e]), p)
          }
          if same { return Int32(id) }
        }
      }
      slot = (slot + 1) & mask
    }
    let id = Int32(count)
    table[slot] = UInt64(id + 1) << 32 | fingerprint
    hashes.append(h)
    arena.append(contentsOf: p)
    starts.append(arena.count)
    if count * 2 > table.count { grow() }
    return id
  }

  @inline(__always)
  private func memcmpEqual(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    for i in 0..<a.count where a[i] != b[i] { return false }
    return true
  }

  private mutating func grow() {
    let size = table.count * 2
    table = [UInt64](repeating: 0, count: size)
    mask = size - 1
    for id in 0..<count {
      let h = hashes[id]
      var slot = Int(truncatingIfNeeded: h) & mask
      while table[slot] != 0 { slot = (slot + 1) & mask }
      table[slot] = UInt64(id + 1) << 32 | (h >> 32)
    }
  }

  /// The strings, by id (invalid UTF-8 repaired with U+FFFD).
  func strings() -> [String] {
    (0..<count).map { String(decoding: arena[starts[$0]..<starts[$0 + 1]], as: UTF8.self) }
  }

  /// Whether the bytes of every id are valid UTF-8; the first bad id otherwise.
  func firstInvalidUTF8() -> Int? {
    (0..<count).first { String(validating: arena[starts[$0]..<starts[$0 + 1]], as: UTF8.self) == nil }
  }
}
