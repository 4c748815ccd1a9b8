import GapMapIO
import GapMapModel
import Testing

/// The character-level rules under every escaper (issue 18, items 2 and 3).
@Suite struct TextSafetyTests {
  @Test func xmlForbiddenCharactersBecomeReplacementCharacters() {
    #expect(
      TextSafety.xmlSafe("a\u{FFFF}b\u{FFFE}c\u{1}d\te\nf\rg") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\te\nf\rg")
    #expect(TextSafety.xmlEscape("<&\u{FFFF}\"'\n>") == "&lt;&amp;\u{FFFD}&quot;&#39;&#10;&gt;")
    #expect(TextSafety.xmlForbiddenCount("x\u{0}\u{FFFF}\u{10FFFF}") == 2)
  }

  @Test func tablesForPeopleShowControlsAndOverrides() {
    let t = TableWriter.render(
      columns: ["name", "n"],
      rows: [[.text("\u{202E}gnp.exe"), .integer(1)], [.text("a\u{1B}[31mred"), .integer(2)]],
      format: .table)
    #expect(t.contains("\\u{202E}gnp.exe"), "\(t)")
    #expect(t.contains("a\u{241B}[31mred"))
    #expect(!t.unicodeScalars.contains("\u{202E}") && !t.unicodeScalars.contains("\u{1B}"))
    #expect(TextSafety.isolated("\u{202E}x") == "\u{2068}\\u{202E}x\u{2069}")
  }
}
