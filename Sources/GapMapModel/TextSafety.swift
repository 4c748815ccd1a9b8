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

  /// XML text and attribute escaping, the one escaper of every XML GapMap writes (SVG, the
  /// report's HTML, GraphML, GEXF): `& < > " '` as entities, tab, line feed and carriage return
  /// as character references (so attribute values keep them), and characters XML cannot hold
  /// as U+FFFD.
  public static func xmlEscape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for u in s.unicodeScalars {
      switch u {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\n": out += "&#10;"
      case "\r": out += "&#13;"
      case "\t": out += "&#9;"
      case _ where !isXMLChar(u): out.unicodeScalars.append("\u{FFFD}")
      default: out.unicodeScalars.append(u)
      }
    }
    return out
  }

  /// How many characters of `s` ``xmlSafe(_:)`` replaces.
  public static func xmlForbiddenCount(_ s: String) -> Int {
    s.unicodeScalars.reduce(0) { $0 + (isXMLChar($1) ? 0 : 1) }
  }

  /// `u`'s code point as at least four upper-case hex digits (`001B`, `202E`).
  static func hex(_ u: Unicode.Scalar) -> String {
    let h = String(u.value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - h.count)) + h
  }

  /// `s` between U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE, with its own
  /// isolates and overrides shown visibly: whatever direction `s` takes, the text around it
  /// keeps its order (for SVG text and tooltips, where there is no `<bdi>`).
  public static func isolated(_ s: String) -> String {
    // Nothing to isolate in an empty text (and an empty label must stay empty: no invisible text).
    s.isEmpty ? "" : "\u{2068}" + visible(s, keepingLineBreaks: true) + "\u{2069}"
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
      default: out.append(contentsOf: "\\u{\(hex(u))}".unicodeScalars)
      }
    }
    return String(out)
  }
}

extension TextSafety {
  /// One warning per dataset text field holding characters XML cannot hold (at most `limit`,
  /// then one counting the rest): figures, pages and XML files show each as U+FFFD.
  /// - Complexity: O(total text length).
  public static func xmlDiagnostics(_ d: Dataset, limit: Int = 100) -> [Diagnostic] {
    var out: [Diagnostic] = []
    var more = 0
    func check(_ text: String, _ file: String, _ line: Int, _ column: String) {
      let n = xmlForbiddenCount(text)
      guard n > 0 else { return }
      guard out.count < limit else {
        more += 1
        return
      }
      let first = text.unicodeScalars.first { !isXMLChar($0) }.map { TextSafety.hex($0) }
      out.append(
        Diagnostic(
          .warning, file: file, line: line, column: column,
          "\(n) character\(n == 1 ? "" : "s") XML cannot hold (first U+\(first ?? "?")) shown as U+FFFD or a "
            + "control picture in figures, pages and XML files"))
    }
    if let t = d.metadata.title { check(t, d.files.metadata, 0, "title") }
    if let t = d.metadata.description { check(t, d.files.metadata, 0, "description") }
    for e in d.entities {
      for (c, v) in [("id", e.id), ("name", e.name), ("notes", e.notes), ("country", e.country.known ?? "")] {
        check(v, d.files.entities, e.line, c)
      }
      for a in e.aliases { check(a, d.files.entities, e.line, "aliases") }
      for (k, v) in e.attributes.sorted(by: { $0.key < $1.key }) { check(k + v, d.files.entities, e.line, k) }
    }
    for r in d.relations {
      for (c, v) in [("id", r.id), ("notes", r.notes), ("currency", r.currency.known ?? "")] {
        check(v, d.files.relations, r.line, c)
      }
      for (k, v) in r.attributes.sorted(by: { $0.key < $1.key }) {
        check(k + v, d.files.relations, r.line, k)
      }
    }
    for s in d.sources {
      for (c, v) in [("id", s.id), ("title", s.title), ("publisher", s.publisher), ("url", s.url)] {
        check(v, d.files.sources, s.line, c)
      }
      for (k, v) in s.attributes.sorted(by: { $0.key < $1.key }) { check(k + v, d.files.sources, s.line, k) }
    }
    if more > 0 {
      out.append(
        Diagnostic(
          .warning, file: d.files.entities, line: 0, "\(more) more fields with characters XML cannot hold"))
    }
    return out
  }
}
