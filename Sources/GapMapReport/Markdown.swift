import GapMapModel

/// Escaping for `report.md`: every piece of dataset text that lands in the Markdown passes
/// through here, so that no Markdown or HTML syntax in it (links, images, raw HTML, code
/// spans, emphasis, table pipes, headings, list markers) is interpreted by a renderer.
///
/// Escaped for Markdown, not for HTML (no `&#39;`, no `&amp;` for a plain ampersand): syntax
/// characters get a backslash from the set CommonMark/GFM (markdown-it, cmark) and
/// Python-Markdown both know. Python-Markdown has no backslash escape for `<` and `|`, so those
/// two — and an `&` that would start a character reference (`&name;`, `&#…;`) — become
/// character references (`&lt;`, `&#124;`, `&amp;`), which both decode as text. Checked with both
/// renderers by `reportMarkdownShowsDatasetTextLiterallyInTwoRenderers`.
enum Markdown {
  /// Punctuation both dialects accept a backslash before.
  static let backslashed: Set<Unicode.Scalar> = [
    "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "!", ">",
  ]

  /// Inline text: literal in a paragraph, a list item, a heading or a table cell. Line breaks
  /// become spaces (a record is one line), control and bidi characters are shown visibly.
  static func text(_ s: String) -> String {
    let scalars = Array(TextSafety.visible(TextSafety.xmlSafe(s), keepingLineBreaks: true).unicodeScalars)
    // A leading `-`, `+` or `1.`/`1)` would start a list if the text ever began a line.
    let digits = scalars.prefix { ("0"..."9").contains($0) }.count
    var out = ""
    for (i, u) in scalars.enumerated() {
      switch u {
      case "<": out += "&lt;"
      case "|": out += "&#124;"
      case "&" where Markdown.startsReference(scalars, at: i): out += "&amp;"
      case "\n", "\t": out += " "
      case "-" where i == 0, "+" where i == 0: out += "\\" + String(u)
      case "." where i == digits && i > 0 && (i + 1 == scalars.count || scalars[i + 1] == " "):
        out += "\\."
      case _ where backslashed.contains(u):
        out += "\\"
        out.unicodeScalars.append(u)
      default: out.unicodeScalars.append(u)
      }
    }
    return out
  }

  /// Whether the `&` at `i` starts something a renderer would read as a character reference.
  static func startsReference(_ s: [Unicode.Scalar], at i: Int) -> Bool {
    var j = i + 1
    if j < s.count, s[j] == "#" { j += 1 }
    let start = j
    while j < s.count, j - start <= 32, s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) { j += 1 }
    return j > start && j < s.count && s[j] == ";"
  }

  /// A command line or other text shown as code: an indented code block (the one code form
  /// both dialects share), every line indented, so nothing in it is interpreted. It must
  /// follow a blank line.
  static func codeBlock(_ s: String) -> String {
    TextSafety.visible(TextSafety.xmlSafe(s), keepingLineBreaks: true).split(
      separator: "\n", omittingEmptySubsequences: false
    )
    .map { "    " + $0 }.joined(separator: "\n") + "\n"
  }
}
