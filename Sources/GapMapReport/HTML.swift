import GapMapModel
import GapMapRender

/// Escaping for the report's HTML: every piece of dataset text passes through here.
enum HTML {
  /// Text content and attribute values: the SVG post-processor's XML escaper (`& < > " '`
  /// escaped, control characters dropped), so page and figures escape alike.
  static func esc(_ s: String) -> String { SVGPostProcessor.xmlEscape(s) }

  /// Dataset text as element content: isolated in `<bdi>` (an RLO in a name cannot reorder
  /// the page around it), controls and bidi overrides shown visibly, escaped.
  static func user(_ s: String, keepingLineBreaks: Bool = false) -> String {
    "<bdi>" + esc(TextSafety.visible(s, keepingLineBreaks: keepingLineBreaks)) + "</bdi>"
  }

  /// A list of dataset ids or names, each isolated.
  static func users(_ xs: [String], separator: String) -> String {
    xs.map { user($0) }.joined(separator: separator)
  }

  /// The URL if it is one the report may link: `http`, `https` or `mailto`, with no white
  /// space or control characters; `nil` otherwise (shown as text, never as a link).
  static func safeURL(_ url: String) -> String? {
    let t = url.trimmingWhitespace
    let lower = t.lowercased()
    guard lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") else {
      return nil
    }
    guard t.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else { return nil }
    // Characters that have no business in a URL are percent-encoded.
    var out = ""
    for u in t.unicodeScalars {
      switch u {
      case "\"", "'", "<", ">", "`", "\\", "{", "}", "|", "^":
        out += "%" + String(u.value, radix: 16, uppercase: true)
      default: out.unicodeScalars.append(u)
      }
    }
    return out
  }

  /// A link to a safe URL, or the escaped text.
  static func link(_ url: String, _ text: String) -> String {
    guard let u = safeURL(url) else { return user(text) }
    return "<a href=\"\(esc(u))\" rel=\"noopener noreferrer nofollow\">\(user(text))</a>"
  }

  /// A table with a header row; `cells` are already HTML.
  static func table(_ header: [String], _ rows: [[String]], caption: String? = nil, sortable: Bool = true)
    -> String
  {
    var s = "<table\(sortable ? " class=\"sortable\"" : "")>"
    if let caption { s += "<caption>\(esc(caption))</caption>" }
    s += "<thead><tr>" + header.map { "<th scope=\"col\">\(esc($0))</th>" }.joined() + "</tr></thead><tbody>"
    for r in rows { s += "<tr>" + r.map { "<td>\($0)</td>" }.joined() + "</tr>" }
    return s + "</tbody></table>\n"
  }

  /// A file-name-safe form of an id, injective so that two ids never share a file: ASCII
  /// letters, digits, `-` and `.` stay (`yarls-wood`), `_` is doubled and every other character
  /// becomes `_` + its hex code + `_` (`a:b` → `a_3A_b`, `a_b` → `a__b`).
  static func fileName(_ id: String) -> String { encode(id, keeping: ["-", "."]) }

  /// An element-id-safe form of a key, injective and free of `-` (`-` → `_2D_`): figure id
  /// prefixes are followed by `-` and a Graphviz id, so no prefix may end where another
  /// figure's element id continues (`x` + `-n1` against a facility called `x-n1`).
  static func elementID(_ key: String) -> String { encode(key, keeping: ["."]) }

  static func encode(_ s: String, keeping: Set<Unicode.Scalar>) -> String {
    var out = ""
    for u in s.unicodeScalars {
      if u.isASCII && (("a"..."z").contains(u) || ("A"..."Z").contains(u) || ("0"..."9").contains(u))
        || keeping.contains(u)
      {
        out.unicodeScalars.append(u)
      } else if u == "_" {
        out += "__"
      } else {
        out += "_" + String(u.value, radix: 16, uppercase: true) + "_"
      }
    }
    return out
  }
}

/// The report's stylesheet and script. Both are inline and allowed by their SHA-256 in the
/// page's Content-Security-Policy; the page is complete without the script.
enum Assets {
  static let css = """
    :root{--ink:#1b1b1b;--muted:#555;--line:#d0d0d0;--accent:#0072B2;--warn:#A63603}
    body{font-family:"DejaVu Sans",system-ui,sans-serif;color:var(--ink);max-width:1200px;margin:0 auto;padding:1rem 1.5rem;line-height:1.45}
    h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:2px solid var(--line);padding-bottom:.2rem;margin-top:2.2rem}
    .lede{color:var(--muted)}nav ul{columns:2;padding-left:1.2rem}
    table{border-collapse:collapse;width:100%;margin:.6rem 0 1rem;font-size:.9rem}
    th,td{border-bottom:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
    th{background:#f3f3f3;position:sticky;top:0}table.sortable th{cursor:pointer}
    caption{text-align:left;color:var(--muted);padding:.3rem 0}
    td,li,summary,caption{unicode-bidi:isolate}
    td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    .badge{display:inline-block;border:1px solid var(--muted);border-radius:.6rem;padding:0 .45rem;margin:0 .15rem .15rem 0;font-size:.78rem;white-space:nowrap}
    .badge.red{border-color:var(--warn);color:#fff;background:var(--warn)}.badge.possible{border-style:dashed}
    .insufficient{color:var(--muted);font-style:italic}
    figure{margin:1rem 0}figure svg{width:100%;height:auto;border:1px solid var(--line);background:#fff}
    figcaption{color:var(--muted);font-size:.85rem}
    details{border:1px solid var(--line);border-radius:.3rem;padding:.3rem .7rem;margin:.5rem 0}
    summary{cursor:pointer;font-weight:bold}
    .note{background:#f7f7f2;border-left:4px solid #d0c060;padding:.5rem .8rem}
    footer{margin-top:3rem;border-top:2px solid var(--line);color:var(--muted);font-size:.85rem}
    code{font-size:.85em}
    svg.dim g.node,svg.dim g.edge{opacity:.2}svg.dim g.hl{opacity:1}
    @media print{nav,details>summary{display:none}details{border:none}}
    """

  static let js = """
    (function () {
      "use strict";
      document.documentElement.classList.add("js");
      function key(cell) {
        var t = (cell.getAttribute("data-sort") || cell.textContent || "").trim();
        var n = parseFloat(t.replace(/^\\[/, ""));
        return isNaN(n) ? t.toLowerCase() : n;
      }
      document.querySelectorAll("table.sortable").forEach(function (table) {
        table.querySelectorAll("th").forEach(function (th, col) {
          th.tabIndex = 0;
          th.setAttribute("aria-sort", "none");
          function sort() {
            var body = table.tBodies[0];
            var asc = th.getAttribute("aria-sort") !== "ascending";
            var rows = Array.prototype.slice.call(body.rows);
            rows.sort(function (a, b) {
              var x = key(a.cells[col]), y = key(b.cells[col]);
              if (x === y) { return 0; }
              return (x < y ? -1 : 1) * (asc ? 1 : -1);
            });
            rows.forEach(function (r) { body.appendChild(r); });
            table.querySelectorAll("th").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
            th.setAttribute("aria-sort", asc ? "ascending" : "descending");
          }
          th.addEventListener("click", sort);
          th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sort(); } });
        });
      });
      document.querySelectorAll("figure svg").forEach(function (svg) {
        var edges = svg.querySelectorAll("g.edge[data-from]");
        svg.querySelectorAll("g.node[data-id]").forEach(function (node) {
          var id = node.getAttribute("data-id");
          node.addEventListener("mouseenter", function () {
            svg.classList.add("dim");
            node.classList.add("hl");
            edges.forEach(function (e) {
              var a = e.getAttribute("data-from"), b = e.getAttribute("data-to");
              if (a === id || b === id) {
                e.classList.add("hl");
                svg.querySelectorAll("g.node[data-id]").forEach(function (n) {
                  var nid = n.getAttribute("data-id");
                  if (nid === a || nid === b) { n.classList.add("hl"); }
                });
              }
            });
          });
          node.addEventListener("mouseleave", function () {
            svg.classList.remove("dim");
            svg.querySelectorAll(".hl").forEach(function (x) { x.classList.remove("hl"); });
          });
        });
      });
    })();
    """
}
