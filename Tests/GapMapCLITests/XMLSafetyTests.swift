import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Characters XML cannot hold (U+FFFF, U+FFFE, C0 controls) in dataset text: every SVG, page and
/// XML file stays well-formed, and the diagnostics say what was replaced.
extension CLITests {
  static func forbiddenCharacterDataset() throws -> String {
    let dir = temp() + "/forbidden"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try "{\"title\": \"Title \u{FFFF} end\", \"as_of\": \"2020\"}\n"
      .write(toFile: dir + "/dataset.json", atomically: true, encoding: .utf8)
    try """
    id,name,kind,country
    uk,United Kingdom \u{FFFE},state,GB
    co,"Company \u{1}\u{8}\u{1B} ltd",company,GB
    fac,Facility \u{FFFF} house,facility,GB

    """.write(toFile: dir + "/entities.csv", atomically: true, encoding: .utf8)
    try """
    id,source,target,kind,sources,notes
    r1,uk,co,contracts,s1,note \u{FFFF}
    r2,co,fac,operates,s1,

    """.write(toFile: dir + "/relations.csv", atomically: true, encoding: .utf8)
    try "id,title,url\ns1,Source \u{FFFF},https://example.org\n"
      .write(toFile: dir + "/sources.csv", atomically: true, encoding: .utf8)
    return dir
  }

  static func wellFormedXML(_ path: String) -> Bool {
    guard let data = FileManager.default.contents(atPath: path) else { return false }
    return XMLParser(data: data).parse()
  }

  static func hasXMLForbidden(_ path: String) -> Bool {
    guard let data = FileManager.default.contents(atPath: path) else { return true }
    return String(decoding: data, as: UTF8.self).unicodeScalars.contains { u in
      switch u.value {
      case 0x9, 0xA, 0xD: return false
      case 0..<0x20, 0xFFFE, 0xFFFF: return true
      default: return false
      }
    }
  }

  @Test func xmlForbiddenCharactersAreReplacedInEveryXMLOutput() throws {
    let data = try Self.forbiddenCharacterDataset()
    let out = Self.temp()
    let svg = try Self.run(["render", data, "-o", out + "/a.svg"])
    #expect(svg.status == 0, "\(svg.stderr)")
    #expect(svg.stderr.contains("entities.csv:4: name: warning: 1 character XML cannot hold (first U+FFFF)"))
    let fragment = try Self.run(["render", data, "--fragment", "--facility", "fac", "-o", out + "/b.svg"])
    #expect(fragment.status == 0, "\(fragment.stderr)")
    let report = try Self.run(["report", data, "-o", out + "/report"])
    #expect(report.status == 0, "\(report.stderr)")
    #expect(report.stderr.contains("XML cannot hold"))
    let graphml = try Self.run(["convert", data, out + "/d.graphml"])
    #expect(graphml.status == 0, "\(graphml.stderr)")
    #expect(graphml.stderr.contains("XML cannot hold"))
    let gexf = try Self.run(["convert", data, out + "/d.gexf"])
    #expect(gexf.status == 0, "\(gexf.stderr)")
    let figures = try FileManager.default.contentsOfDirectory(atPath: out + "/report/figures").map {
      out + "/report/figures/" + $0
    }
    #expect(figures.count >= 3)
    for f in [out + "/a.svg", out + "/b.svg", out + "/d.graphml", out + "/d.gexf"] + figures {
      #expect(Self.wellFormedXML(f), "\(f) is not well-formed XML")
      #expect(!Self.hasXMLForbidden(f), "\(f)")
    }
    #expect(!Self.hasXMLForbidden(out + "/report/index.html"))
    let page = try String(contentsOfFile: out + "/report/index.html", encoding: .utf8)
    #expect(page.contains("Facility \u{FFFD} house"))
  }
}
