import Foundation
import GapMapIO
import GapMapModel
import GapMapRender
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Collects element names, attributes and text of an SVG, failing on malformed XML.
final class SVGScan: NSObject, XMLParserDelegate {
  var elements: [(name: String, attributes: [String: String])] = []
  var text = ""
  var rootChildren: [String] = []
  private var depth = 0

  static func parse(_ svg: String) throws -> SVGScan {
    let scan = SVGScan()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = scan
    guard parser.parse() else {
      throw RenderError("malformed SVG: \(String(describing: parser.parserError))")
    }
    return scan
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    elements.append((name, attributes))
    if depth == 1 { rootChildren.append(name) }
    depth += 1
  }
  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?)
  {
    depth -= 1
  }
  func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

  var ids: [String] { elements.compactMap { $0.attributes["id"] } }
}

@Suite(.serialized) struct RenderTests {
  static func svg(_ folder: String, options: DiagramOptions = DiagramOptions(), prefix: String? = nil) throws
    -> String
  {
    let d = try DatasetIO.load(folder).dataset
    let figure = try DiagramBuilder.build(d, options: options)
    let raw = try Renderer.render(figure, format: .svg)
    var o = SVGPostProcessor.Options()
    o.idPrefix = prefix
    return SVGPostProcessor.process(String(decoding: raw, as: UTF8.self), graph: figure, options: o)
  }

  @Test func hostileNamesAreShownLiterallyAndNothingIsActive() throws {
    let svg = try Self.svg(Paths.fixtures + "/hostile")
    let scan = try SVGScan.parse(svg)
    // Every name appears literally (line breaks become separate text lines).
    for name in [
      "He said \"hi\" & left", #"C:\path\N\G\L end\"#, "<script>alert(1)</script>", "AT&T &amp; &foo; &#60;",
      "line one", "line two", "Détention 😀 центр",
    ] {
      #expect(scan.text.contains(name), "\(name) not shown literally")
    }
    #expect(!scan.text.contains("n0") || scan.text.contains("line one"))  // \N did not become a node name
    // Nothing active or external.
    #expect(
      !scan.elements.contains { $0.name == "script" || $0.name == "image" || $0.name == "foreignObject" })
    for e in scan.elements {
      for (k, v) in e.attributes {
        #expect(!k.lowercased().hasPrefix("on"), "event attribute \(k)")
        if k.hasSuffix("href") { #expect(v.hasPrefix("#"), "external link \(v)") }
      }
    }
    #expect(!svg.contains("javascript:") && !svg.contains("data:text"))
    #expect(!svg.contains("<!DOCTYPE") && !svg.contains("<!--"))
  }

  @Test func embeddableStructure() throws {
    let svg = try Self.svg(Paths.fixtures + "/hostile", prefix: "fig1")
    let scan = try SVGScan.parse(svg)
    let root = try #require(scan.elements.first)
    #expect(root.name == "svg")
    #expect(root.attributes["role"] == "img" && root.attributes["viewBox"] != nil)
    #expect(root.attributes["width"] == nil && root.attributes["height"] == nil)
    #expect(Array(scan.rootChildren.prefix(2)) == ["title", "desc"])
    #expect(root.attributes["aria-labelledby"] == "fig1-title fig1-desc")
    #expect(scan.ids.allSatisfy { $0 == "fig1" || $0.hasPrefix("fig1-") })
    // class (kind) and data-id (entity or relation id) on every node and edge group.
    let groups = scan.elements.filter { $0.name == "g" && ($0.attributes["class"] ?? "").hasPrefix("node ") }
    #expect(
      Set(groups.compactMap { $0.attributes["data-id"] }) == [
        "quote", "slash", "script", "amp", "multi", "emoji",
      ])
    let edges = scan.elements.filter { $0.name == "g" && ($0.attributes["class"] ?? "").hasPrefix("edge ") }
    #expect(Set(edges.compactMap { $0.attributes["data-id"] }) == ["r1", "r2", "r3", "r4", "r5"])
    #expect(groups.first { $0.attributes["data-id"] == "script" }?.attributes["class"] == "node facility")
  }

  @Test func twoFiguresInOnePageShareNoID() throws {
    let a = try SVGScan.parse(try Self.svg(Paths.fixtures + "/hostile"))
    var focus = DiagramOptions()
    focus.focus = ("quote", 1)
    let b = try SVGScan.parse(try Self.svg(Paths.fixtures + "/hostile", options: focus))
    #expect(Set(a.ids).isDisjoint(with: Set(b.ids)))
    // And the same input gives the same bytes.
    #expect(try Self.svg(Paths.fixtures + "/hostile") == (try Self.svg(Paths.fixtures + "/hostile")))
  }

  @Test func concurrentRendersGiveIdenticalBytes() throws {
    let d = try DatasetIO.load(Paths.bundled).dataset
    let figure = try DiagramBuilder.build(d)
    let results = SharedResults(count: 6)
    DispatchQueue.concurrentPerform(iterations: 6) { i in
      results.set(i, (try? Renderer.render(figure, format: .svg)) ?? [])
    }
    let first = results.values[0]
    #expect(!first.isEmpty)
    #expect(results.values.allSatisfy { $0 == first })
  }

  @Test func pngAndPDFAreReal() throws {
    let d = try DatasetIO.load(Paths.fixtures + "/hostile").dataset
    let figure = try DiagramBuilder.build(d)
    let png = try Renderer.render(figure, format: .png)
    #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    // IHDR: width and height, big-endian, after the chunk header.
    let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
    let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
    #expect(width > 200 && height > 100)
    let pdf = try Renderer.render(figure, format: .pdf)
    #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")
    let json = try Renderer.render(figure, format: .json)
    let obj = try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any]
    #expect((obj?["objects"] as? [Any])?.isEmpty == false)
  }

  /// The golden file pins the bytes for a small fixture (regenerate with
  /// GAPMAP_UPDATE_GOLDEN=1 swift test --filter golden, then look at the diff).
  @Test func goldenSVG() throws {
    let path = Paths.fixtures + "/golden/hostile.svg"
    let svg = try Self.svg(Paths.fixtures + "/hostile", prefix: "golden")
    if ProcessInfo.processInfo.environment["GAPMAP_UPDATE_GOLDEN"] != nil {
      try Files.writeAtomically(svg, to: path)
    }
    #expect(svg == (try String(contentsOfFile: path, encoding: .utf8)))
  }

  @Test(arguments: Engine.allCases) func everyEngineIsDeterministic(engine: Engine) throws {
    let d = try DatasetIO.load(Paths.fixtures + "/hostile").dataset
    let figure = try DiagramBuilder.build(d)
    var o = RenderOptions()
    o.engine = engine
    o.seed = 7
    let a = try Renderer.render(figure, format: .svg, options: o)
    #expect(a == (try Renderer.render(figure, format: .svg, options: o)))
    _ = try SVGScan.parse(SVGPostProcessor.process(String(decoding: a, as: UTF8.self), graph: figure))
  }

  @Test func escaping() {
    #expect(Renderer.escapeLabel(#"a\N&b"#) == #"a\\N&amp;b"#)
    #expect(Renderer.escapeLabel("x\u{0}y\nz\u{FFFF}") == "x\u{FFFD}y\\nz\u{FFFD}")
    #expect(SVGPostProcessor.xmlEscape("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
  }
}

final class SharedResults: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var values: [[UInt8]]
  init(count: Int) { values = Array(repeating: [], count: count) }
  func set(_ i: Int, _ v: [UInt8]) {
    lock.lock()
    values[i] = v
    lock.unlock()
  }
}
