import GapMapIO
import GapMapModel
import Testing

@Suite struct YAMLTests {
  @Test func anchorsAndAliasesAreRefusedButLookalikesAreNot() throws {
    let fine = """
      name: R&D sweep   # a comment with *stars and &amps
      args: ["*.csv", '&x', "--measure", "*"]
      weights: {oversight: 0.5}
      list: [a*b, c&d]
      name2: mine *draft*
      note: price *per* unit & more
      """
    let v = try YAML.parse(Array(fine.utf8), file: "m.yaml")
    #expect(v["name"] == .string("R&D sweep"))
    // Regression (issue 16, bug 6): the text pre-scan took `*draft*` for an alias.
    #expect(v["name2"] == .string("mine *draft*"))
    #expect(v["note"] == .string("price *per* unit & more"))
    for bomb in ["a: &a [1, 2]\nb: *a\n", "x:\n  - &anchor 1\n", "jobs: [*a]\n"] {
      #expect(throws: IOError.self) { try YAML.parse(Array(bomb.utf8), file: "m.yaml") }
    }
    do {
      _ = try YAML.parse(Array("ok: 1\nb: &big [1]\n".utf8), file: "m.yaml")
    } catch {
      #expect(error.line == 2 && error.message.contains("anchors and aliases"))
    }
  }
}
