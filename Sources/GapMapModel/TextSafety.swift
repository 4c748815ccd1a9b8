/// Character-level safety of dataset text before any escaper of an output language sees it:
/// characters XML cannot hold at all, and characters that are invisible but change what a
/// reader sees (controls, bidi overrides). The escapers of each language (XML/SVG, HTML,
/// Markdown, DOT, CSV) build on these.
public enum TextSafety {
  /// Whether XML 1.0 allows `u` in a document: tab, line feed, carriage return, and
  /// U+0020…U+D7FF, U+E000…U+FFFD, U+10000… (Swift strings never hold lone surrogates).
  public static func isXMLChar(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x9, 0xA, 0xD: return true
    case 0x20...0xD7FF, 0xE000...0xFFFD, 0x1_0000...0x10_FFFF: return true
    default: return false
    }
  }

  /// `s` with every character XML forbids (C0 controls other than tab, line feed and carriage
  /// return; U+FFFE; U+FFFF) replaced by U+FFFD REPLACEMENT CHARACTER.
  /// - Complexity: O(n); `s` itself when it is clean.
  public static func xmlSafe(_ s: String) -> String {
    guard !s.unicodeScalars.allSatisfy(isXMLChar) else { return s }
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars { out.append(isXMLChar(u) ? u : "\u{FFFD}") }
    return String(out)
  }

  /// How many characters of `s` ``xmlSafe(_:)`` replaces.
  public static func xmlForbiddenCount(_ s: String) -> Int {
    s.unicodeScalars.reduce(0) { $0 + (isXMLChar($1) ? 0 : 1) }
  }

  /// Whether `u` is a bidirectional formatting character (marks, embeddings, overrides,
  /// isolates): invisible, but able to reorder what is shown around it.
  public static func isBidiControl(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
  }

  /// `s` with its invisible controls made visible, for tables people read: C0 controls as
  /// their Control Pictures (U+2400…, `␛` for ESC, `␡` for DEL), C1 controls, bidi formatting
  /// characters and line/paragraph separators as `\u{…}`. With `keepingLineBreaks`, line feed
  /// and tab stay as they are.
  public static func visible(_ s: String, keepingLineBreaks: Bool = false) -> String {
    func shown(_ u: Unicode.Scalar) -> Bool {
      switch u.value {
      case 0x9, 0xA: return !keepingLineBreaks
      case 0...0x1F, 0x7F...0x9F, 0x2028, 0x2029: return true
      default: return isBidiControl(u)
      }
    }
    guard s.unicodeScalars.contains(where: shown) else { return s }
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
      guard shown(u) else {
        out.append(u)
        continue
      }
      switch u.value {
      case 0...0x1F: out.append(Unicode.Scalar(0x2400 + u.value) ?? "\u{FFFD}")
      case 0x7F: out.append("\u{2421}")
      default: out.append(contentsOf: "\\u{\(String(u.value, radix: 16, uppercase: true))}".unicodeScalars)
      }
    }
    return String(out)
  }
}
