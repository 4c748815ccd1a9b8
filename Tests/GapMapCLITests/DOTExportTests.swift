import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The DOT export read back by Graphviz's own `dot`: entities and long names stay literal, the
/// SVG it makes is well-formed, and no string is too long for its scanner.
extension CLITests {
  @Test func dotExportSurvivesEntitiesAndHugeLabelsInGraphviz() throws {
    let dir = Self.temp() + "/data"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let long = String(repeating: "x", count: 20_000)
    try """
    id,name,kind
    a,A &nbsp; B &#xFFFF; &foo; \\N,company
    b,\(long),facility
    c,"He said ""hi"" \u{FFFF}",state

    """.write(toFile: dir + "/entities.csv", atomically: true, encoding: .utf8)
    try "id,source,target,kind\nr1,a,b,operates\nr2,c,a,contracts\n"
      .write(toFile: dir + "/relations.csv", atomically: true, encoding: .utf8)
    let out = Self.temp()
    let r = try Self.run(["convert", dir, out + "/g.dot"])
    #expect(r.status == 0, "\(r.stderr)")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["dot", "-Tsvg", "-o", out + "/g.svg", out + "/g.dot"]
    let err = Pipe()
    p.standardError = err
    try p.run()
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "\(message)")
    let svg = FileManager.default.contents(atPath: out + "/g.svg") ?? Data()
    #expect(XMLParser(data: svg).parse(), "dot's SVG is not well-formed")
    let text = String(decoding: svg, as: UTF8.self)
    #expect(text.contains("A &amp;nbsp; B &amp;#xFFFF; &amp;foo; \\N"), "\(text.prefix(3000))")
    #expect(text.contains(String(repeating: "x", count: 1_000) + "…"))
    #expect(!text.contains(String(repeating: "x", count: 1_001)))
  }
}
