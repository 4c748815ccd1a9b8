import Foundation
import Testing

/// Bidi controls in names: isolated in HTML (`<bdi>`) and SVG text (U+2068…U+2069), and shown
/// visibly in tables, so that an RLO cannot turn "gnp.exe" into "exe.png".
extension CLITests {
  static func bidiDataset() throws -> String {
    let dir = temp() + "/bidi"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try "{\"title\": \"Bidi\", \"as_of\": \"2020\"}\n"
      .write(toFile: dir + "/dataset.json", atomically: true, encoding: .utf8)
    try """
    id,name,kind,country
    uk,United Kingdom,state,GB
    co,Company,company,GB
    fac,\u{202E}gnp.exe,facility,GB

    """.write(toFile: dir + "/entities.csv", atomically: true, encoding: .utf8)
    try "id,source,target,kind,sources\nr1,uk,co,contracts,s1\nr2,co,fac,operates,s1\n"
      .write(toFile: dir + "/relations.csv", atomically: true, encoding: .utf8)
    try "id,title,url\ns1,Source,https://example.org\n"
      .write(toFile: dir + "/sources.csv", atomically: true, encoding: .utf8)
    return dir
  }

  @Test func bidiControlsAreIsolatedAndShownVisibly() throws {
    let data = try Self.bidiDataset()
    // The gap table in the terminal (ids there; the names are tested with TableWriter).
    let table = try Self.run(["gaps", data, "--format", "table"])
    #expect(table.status == 0, "\(table.stderr)")
    // The SVG: every line of a label between FSI and PDI, the override visible.
    let out = Self.temp()
    #expect(try Self.run(["render", data, "-o", out + "/a.svg"]).status == 0)
    let svg = try String(contentsOfFile: out + "/a.svg", encoding: .utf8)
    #expect(svg.contains(">\u{2068}\\u{202E}gnp.exe\u{2069}</text>"), "\(svg)")
    #expect(!svg.unicodeScalars.contains("\u{202E}"))
    // The page: names in <bdi>, the override visible in the gap table.
    #expect(try Self.run(["report", data, "-o", out + "/r"]).status == 0)
    let html = try String(contentsOfFile: out + "/r/index.html", encoding: .utf8)
    #expect(html.contains("<bdi>\\u{202E}gnp.exe</bdi>"))
    let md = try String(contentsOfFile: out + "/r/report.md", encoding: .utf8)
    #expect(md.contains(#"| \\u\{202E\}gnp.exe |"#))
  }
}
