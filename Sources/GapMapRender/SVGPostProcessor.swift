import Foundation
import GapMapModel

/// Makes Graphviz's SVG embeddable: prefixed ids with rewritten references, a responsive
/// `viewBox`, `role="img"` with `<title>`/`<desc>`, `data-id` on node and edge groups, tooltips
/// as SVG `<title>`s, and nothing active or external.
public enum SVGPostProcessor {
  public struct Options: Sendable {
    /// Id prefix; derived from the content when nil.
    public var idPrefix: String?
    /// For inlining in HTML: no XML prolog.
    public var fragment = false
    /// Keep Graphviz's fixed `width`/`height` (in pt).
    public var fixedSize = false
    public init() {}
  }

  /// A stable prefix from the content: `gm` + 8 hex digits of its FNV-1a hash.
  public static func derivedPrefix(_ svg: String) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in svg.utf8 {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    return "gm" + String(String(h, radix: 16).suffix(8))
  }

  /// XML text escaping for element content and attribute values (`TextSafety.xmlEscape(_:)`:
  /// characters XML cannot hold become U+FFFD).
  public static func xmlEscape(_ s: String) -> String { TextSafety.xmlEscape(s) }

  static func regex(_ p: String) -> NSRegularExpression {
    // The patterns are constants of this file; a bad one is a programmer error.
    guard let r = try? NSRegularExpression(pattern: p, options: [.dotMatchesLineSeparators]) else {
      preconditionFailure("bad pattern \(p)")
    }
    return r
  }

  static func replace(_ s: String, _ pattern: String, _ template: String) -> String {
    let r = regex(pattern)
    return r.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: template)
  }

  /// Cluster groups in the order of their names, renumbered. cgraph orders subgraphs by id, and
  /// a named subgraph's id is the address of its interned name, so Graphviz emits clusters in an
  /// order that can change from one render to the next in a process; GapMap's clusters never
  /// overlap, so their order is not seen, and sorting them makes the bytes repeatable.
  static func sortClusters(_ svg: String) -> String {
    let pattern = regex(
      "<g id=\"(clust[0-9]+|legend)\" class=\"(cluster[^\"]*)\">\n<title>([^<]*)</title>.*?</g>\n")
    let matches = pattern.matches(in: svg, range: NSRange(svg.startIndex..., in: svg))
    guard matches.count > 1, let first = Range(matches[0].range, in: svg),
      let last = matches.last.flatMap({ Range($0.range, in: svg) })
    else { return svg }
    // Only a run of consecutive cluster groups is reordered.
    var blocks: [(key: (Int, String), id: String, text: String)] = []
    var end = first.lowerBound
    for m in matches {
      guard let r = Range(m.range, in: svg), r.lowerBound == end, let ir = Range(m.range(at: 1), in: svg),
        let tr = Range(m.range(at: 3), in: svg)
      else { return svg }
      let title = String(svg[tr])
      let n = Int(title.split(separator: "_").last ?? "") ?? Int.max
      blocks.append(((n, title), String(svg[ir]), String(svg[r])))
      end = r.upperBound
    }
    _ = last
    blocks.sort { $0.key < $1.key }
    var out = ""
    var k = 0
    for b in blocks {
      if b.id == "legend" {
        out += b.text
      } else {
        k += 1
        out += b.text.replacingOccurrences(of: "<g id=\"\(b.id)\"", with: "<g id=\"clust\(k)\"")
      }
    }
    return String(svg[..<first.lowerBound]) + out + String(svg[end...])
  }

  /// Post-processes `svg` for `graph` (whose nodes and edges are `n<i>` and `e<i>` in it).
  public static func process(_ svg: String, graph: RenderGraph, options: Options = Options()) -> String {
    let p = options.idPrefix ?? derivedPrefix(svg)
    var s = svg
    // Prolog, DOCTYPE (an external reference) and comments go.
    if let start = s.range(of: "<svg") { s = String(s[start.lowerBound...]) }
    s = replace(s, "<!--.*?-->\\n?", "")
    // Defence in depth: nothing active or external, whatever Graphviz might emit.
    s = replace(s, "<script.*?</script>", "")
    s = replace(s, "\\s on[a-zA-Z]+=\"[^\"]*\"", "")
    s = replace(s, "(xlink:)?href=\"(?!#)[^\"]*\"", "")
    s = replace(s, "<image[^>]*>", "")
    s = sortClusters(s)
    // The graph's own <title>G</title>.
    s = replace(s, "(<g id=\"graph0\"[^>]*>)\\n<title>G</title>", "$1")
    // Ids and references.
    s = replace(s, " id=\"([^\"]+)\"", " id=\"\(p)-$1\"")
    s = replace(s, "url\\(#([^)]+)\\)", "url(#\(p)-$1)")
    s = replace(s, "href=\"#([^\"]+)\"", "href=\"#\(p)-$1\"")
    // data-id and tooltips for node and edge groups.
    var out = ""
    out.reserveCapacity(s.utf8.count + graph.nodes.count * 40)
    let groupPattern = regex("<g id=\"\(p)-([ne])([0-9]+)\" class=\"([^\"]*)\">\\n<title>[^<]*</title>")
    var last = s.startIndex
    for m in groupPattern.matches(in: s, range: NSRange(s.startIndex..., in: s)) {
      guard let r = Range(m.range, in: s), let kr = Range(m.range(at: 1), in: s),
        let ir = Range(m.range(at: 2), in: s), let cr = Range(m.range(at: 3), in: s), let i = Int(s[ir])
      else { continue }
      out += s[last..<r.lowerBound]
      let isNode = s[kr] == "n"
      var ends = ""
      let (dataID, tip): (String, String) = {
        if isNode, i < graph.nodes.count { return (graph.nodes[i].id, graph.nodes[i].tooltip) }
        if !isNode, i < graph.edges.count {
          let e = graph.edges[i]
          if e.tail < graph.nodes.count, e.head < graph.nodes.count {
            // The ends' entity ids, so a page script can highlight a node's neighbourhood.
            ends =
              " data-from=\"\(xmlEscape(graph.nodes[e.tail].id))\" data-to=\"\(xmlEscape(graph.nodes[e.head].id))\""
          }
          return (e.id, e.tooltip)
        }
        return ("", "")
      }()
      out +=
        "<g id=\"\(p)-\(s[kr])\(i)\" class=\"\(s[cr])\" data-id=\"\(xmlEscape(dataID))\"\(ends)>\n<title>\(xmlEscape(tip))</title>"
      last = r.upperBound
    }
    out += s[last...]
    s = out
    // The root element: responsive, labelled.
    if let open = s.range(of: "<svg"), let close = s.range(of: ">", range: open.upperBound..<s.endIndex) {
      var tag = String(s[open.lowerBound..<close.upperBound])
      if !options.fixedSize {
        tag = replace(tag, "\\s(width|height)=\"[^\"]*\"", "")
      }
      tag = replace(tag, "\\s+", " ")
      tag = String(tag.dropLast()) + " id=\"\(p)\" role=\"img\" aria-labelledby=\"\(p)-title \(p)-desc\">"
      let title = graph.title.isEmpty ? "GapMap diagram" : graph.title
      let head =
        "\n<title id=\"\(p)-title\">\(xmlEscape(title))</title>\n<desc id=\"\(p)-desc\">\(xmlEscape(graph.description))</desc>"
      s = tag + head + s[close.upperBound...]
    }
    if !options.fragment { s = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n" + s }
    return s
  }
}
