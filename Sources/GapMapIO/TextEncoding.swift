/// The text encoding of an input file. GapMap's formats are UTF-8; some publishers (OCDS
/// portals among them) still write ISO-8859-1.
///
/// ```swift
/// let loaded = try DatasetIO.load("releases.json", encoding: .latin1)
/// ```
public enum TextEncoding: String, Sendable, CaseIterable {
  /// UTF-8 (the default; what JSON, GraphML and GEXF files declare).
  case utf8 = "utf-8"
  /// ISO-8859-1 (Latin-1): each byte is the Unicode code point of the same number.
  case latin1

  /// The encoding a name stands for, as iconv and ocdskit spell them: `utf-8`, `utf8`,
  /// `latin1`, `latin-1`, `iso-8859-1`, `iso8859-1` (any case).
  public init?(name: String) {
    switch name.lowercased() {
    case "utf-8", "utf8": self = .utf8
    case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "iso_8859-1", "l1": self = .latin1
    default: return nil
    }
  }

  /// `bytes` in this encoding, as UTF-8.
  /// - Complexity: O(n).
  public func utf8(_ bytes: [UInt8]) -> [UInt8] {
    switch self {
    case .utf8:
      return bytes
    case .latin1:
      guard bytes.contains(where: { $0 >= 0x80 }) else { return bytes }
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count + bytes.count / 8)
      for b in bytes {
        if b < 0x80 {
          out.append(b)
        } else {
          out.append(0xC0 | (b >> 6))
          out.append(0x80 | (b & 0x3F))
        }
      }
      return out
    }
  }
}
