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
    body{font-family:"DejaVu Sans",system-ui,sans-serif;color:var(--ink);max-width:1400px;margin:0 auto;padding:1rem 1.5rem;line-height:1.45;overflow-wrap:anywhere}
    p,nav,ol,.lede{max-width:80ch}
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
    .explorer{display:none}html.js .explorer{display:block}html.js figure.x-static{display:none}
    .x-bar{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap;margin:.5rem 0}
    .x-bar input[type=search]{flex:1 1 14rem;padding:.25rem .4rem}.x-bar output{font-weight:bold;min-width:3rem}
    .x-body{position:relative}
    .x-view{position:relative;overflow:hidden;height:80vh;border:1px solid var(--line);background:#fff;cursor:grab;touch-action:none}
    .x-stage,.x-frame{height:100%}.x-frame svg{display:block;width:100%;height:100%}
    .x-panel{position:absolute;top:.5rem;right:.5rem;width:20rem;max-width:45%;max-height:calc(80vh - 1rem);overflow:auto;border:1px solid var(--line);border-radius:.3rem;background:rgba(255,255,255,.96);box-shadow:0 2px 8px rgba(0,0,0,.15);padding:.4rem .7rem;font-size:.85rem}
    .x-panel h3{margin:.2rem 0 .4rem;font-size:1rem}.x-panel ul{padding-left:1.1rem;margin:.2rem 0}
    .x-panel dl{display:grid;grid-template-columns:auto 1fr;gap:.1rem .6rem;margin:.2rem 0}.x-panel dt{color:var(--muted)}
    .x-panel button.x-link{border:none;background:none;color:var(--accent);text-decoration:underline;cursor:pointer;padding:0;font:inherit;text-align:left}
    svg.x-searching g.node{opacity:.25}svg.x-searching g.node.x-match{opacity:1}
    g.x-sel polygon,g.x-sel ellipse,g.x-sel path{stroke:#000!important;stroke-width:4px}
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
    (function () {
      "use strict";
      var root = document.getElementById("explorer");
      var dataNode = document.getElementById("x-data");
      if (!root || !dataNode) { return; }
      var data = JSON.parse(dataNode.textContent);
      var view = document.getElementById("x-view");
      var frames = Array.prototype.slice.call(root.querySelectorAll(".x-frame"));
      var slider = document.getElementById("x-year"), out = document.getElementById("x-year-out");
      var search = document.getElementById("x-search"), panel = document.getElementById("x-panel");
      // Pan and zoom move the figures' viewBox (every year's at once: they share positions).
      var box = frames[0].querySelector("svg").viewBox.baseVal;
      var W = box.width, H = box.height, selected = null;
      var vb = { x: 0, y: 0, w: W, h: H };
      frames.forEach(function (f) { f.querySelector("svg").setAttribute("data-box", "0 0 " + W + " " + H); });
      function scale() { return view.clientWidth / vb.w; }
      function apply() {
        var v = [vb.x, vb.y, vb.w, vb.h].map(function (n) { return n.toFixed(2); }).join(" ");
        frames.forEach(function (f) { f.querySelector("svg").setAttribute("viewBox", v); });
      }
      function setScale(s, x, y) {
        vb.w = view.clientWidth / s; vb.h = view.clientHeight / s; vb.x = x; vb.y = y; apply();
      }
      function fit() {
        var s = Math.min(view.clientWidth / W, view.clientHeight / H);
        setScale(s, (W - view.clientWidth / s) / 2, (H - view.clientHeight / s) / 2);
      }
      // Opening zoom: the figure's width, or more if that is what keeps every text at 9 pt (12
      // CSS px) or more; the figures' user unit is the point, so a text is font-size × scale px.
      var smallest = 1e9;
      frames[0].querySelectorAll("svg text").forEach(function (t) {
        smallest = Math.min(smallest, parseFloat(t.getAttribute("font-size")) || 1e9);
      });
      function fitWidth() { setScale(Math.max(view.clientWidth / W, 12.1 / smallest), 0, 0); }
      function zoomAt(f, cx, cy) {
        var s = scale(), t = Math.max(0.02, Math.min(8, s * f));
        setScale(t, vb.x + cx / s - cx / t, vb.y + cy / s - cy / t);
      }
      function current() { return frames[+slider.value]; }
      function el(tag, text, cls) {
        var e = document.createElement(tag);
        if (text !== undefined) { e.textContent = text; }
        if (cls) { e.className = cls; }
        return e;
      }
      function name(id) { return data.e[id] ? data.e[id].n : id; }
      function attrs(list) {
        var dl = el("dl");
        list.forEach(function (a) { dl.appendChild(el("dt", a[0])); dl.appendChild(el("dd", a[1])); });
        return dl;
      }
      function sources(nums) {
        var ul = el("ul", undefined, "x-sources");
        nums.slice().sort(function (a, b) { return a - b; }).forEach(function (n) {
          var s = data.s[n], li = el("li"), a = el("a", "[" + n + "]");
          a.href = "#src-" + n; li.appendChild(a); li.appendChild(document.createTextNode(" " + (s ? s.t : "")));
          if (s && s.u) {
            var x = el("a", " ↗"); x.href = s.u; x.rel = "noopener noreferrer nofollow"; li.appendChild(x);
          }
          ul.appendChild(li);
        });
        return ul;
      }
      function button(text, fn) { var b = el("button", text, "x-link"); b.type = "button"; b.addEventListener("click", fn); return b; }
      function relationLine(id) {
        var r = data.r[id], span = el("span");
        span.appendChild(document.createTextNode(name(r.f) + " —" + r.a[0][1] + "→ " + name(r.t) + " "));
        return span;
      }
      function show(kind, ids) {
        panel.textContent = "";
        var cited = {};
        if (kind === "node") {
          var id = ids[0], e = data.e[id];
          if (!e) { return; }
          panel.appendChild(el("h3", e.n));
          panel.appendChild(attrs(e.a.concat([["id", id]])));
          e.s.forEach(function (n) { cited[n] = 1; });
          panel.appendChild(el("h4", "Relations"));
          var ul = el("ul", undefined, "x-relations");
          Object.keys(data.r).forEach(function (rid) {
            var r = data.r[rid];
            if (r.f !== id && r.t !== id) { return; }
            r.s.forEach(function (n) { cited[n] = 1; });
            var li = el("li");
            li.appendChild(button(r.a[0][1], function () { select("edge", [rid]); }));
            li.appendChild(document.createTextNode(" " + (r.f === id ? "→ " + name(r.t) : "← " + name(r.f))));
            r.a.slice(1).forEach(function (a) { if (a[0] === "start" || a[0] === "end") { li.appendChild(document.createTextNode(", " + a[0] + " " + a[1])); } });
            ul.appendChild(li);
          });
          panel.appendChild(ul);
        } else {
          ids.forEach(function (rid) {
            var r = data.r[rid];
            if (!r) { return; }
            panel.appendChild(el("h3", rid));
            panel.appendChild(relationLine(rid));
            panel.appendChild(attrs(r.a));
            var p = el("p");
            p.appendChild(button(name(r.f), function () { select("node", [r.f]); }));
            p.appendChild(document.createTextNode(" → "));
            p.appendChild(button(name(r.t), function () { select("node", [r.t]); }));
            panel.appendChild(p);
            r.s.forEach(function (n) { cited[n] = 1; });
          });
        }
        panel.appendChild(el("h4", "Sources"));
        panel.appendChild(sources(Object.keys(cited).map(Number)));
      }
      function mark() {
        frames.forEach(function (f) { f.querySelectorAll(".x-sel").forEach(function (g) { g.classList.remove("x-sel"); }); });
        if (!selected) { return; }
        current().querySelectorAll("g." + selected.kind + "[data-id]").forEach(function (g) {
          var ids = g.getAttribute("data-id").split(" ");
          if (ids.some(function (i) { return selected.ids.indexOf(i) >= 0; })) { g.classList.add("x-sel"); }
        });
      }
      function select(kind, ids) { selected = { kind: kind, ids: ids }; show(kind, ids); mark(); }
      function find() {
        var q = search.value.trim().toLowerCase(), first = null;
        frames.forEach(function (f) {
          var svg = f.querySelector("svg");
          svg.classList.toggle("x-searching", q !== "");
          svg.querySelectorAll("g.node[data-id]").forEach(function (g) {
            var id = g.getAttribute("data-id");
            var hit = q !== "" && (id.toLowerCase().indexOf(q) >= 0 || name(id).toLowerCase().indexOf(q) >= 0);
            g.classList.toggle("x-match", hit);
            if (hit && !first && f === current()) { first = g; }
          });
        });
        return first;
      }
      function centre(g) {
        var r = g.getBoundingClientRect(), v = view.getBoundingClientRect(), s = scale();
        vb.x -= (v.left + v.width / 2 - (r.left + r.width / 2)) / s;
        vb.y -= (v.top + v.height / 2 - (r.top + r.height / 2)) / s; apply();
      }
      search.addEventListener("input", find);
      search.addEventListener("keydown", function (e) {
        if (e.key !== "Enter") { return; }
        var g = find();
        if (g) { select("node", [g.getAttribute("data-id")]); centre(g); }
      });
      slider.addEventListener("input", function () {
        frames.forEach(function (f, i) { f.hidden = i !== +slider.value; });
        var year = current().getAttribute("data-year");
        out.textContent = year; slider.setAttribute("aria-valuetext", year);
        find(); mark();
      });
      document.getElementById("x-in").addEventListener("click", function () { zoomAt(1.4, view.clientWidth / 2, view.clientHeight / 2); });
      document.getElementById("x-out").addEventListener("click", function () { zoomAt(1 / 1.4, view.clientWidth / 2, view.clientHeight / 2); });
      document.getElementById("x-fit").addEventListener("click", fit);
      view.addEventListener("wheel", function (e) {
        e.preventDefault();
        var v = view.getBoundingClientRect();
        zoomAt(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - v.left, e.clientY - v.top);
      }, { passive: false });
      var drag = null, moved = false;
      view.addEventListener("pointerdown", function (e) {
        drag = { x: e.clientX, y: e.clientY, vx: vb.x, vy: vb.y, id: e.pointerId }; moved = false;
      });
      view.addEventListener("pointermove", function (e) {
        if (!drag) { return; }
        var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
        if (!moved && Math.abs(dx) + Math.abs(dy) > 4) {
          moved = true;
          // Capture only once it is a drag, so that a click still reaches the node under it.
          if (view.setPointerCapture) { try { view.setPointerCapture(drag.id); } catch (err) { drag.id = null; } }
        }
        if (moved) { vb.x = drag.vx - dx / scale(); vb.y = drag.vy - dy / scale(); apply(); }
      });
      window.addEventListener("pointerup", function () { drag = null; });
      view.addEventListener("click", function (e) {
        if (moved) { return; }
        var g = e.target.closest("g.node[data-id], g.edge[data-id]");
        if (!g || !view.contains(g)) { return; }
        select(g.classList.contains("node") ? "node" : "edge", g.getAttribute("data-id").split(" "));
      });
      view.addEventListener("keydown", function (e) {
        var step = 60;
        if (e.key === "+" || e.key === "=") { zoomAt(1.25, view.clientWidth / 2, view.clientHeight / 2); }
        else if (e.key === "-") { zoomAt(0.8, view.clientWidth / 2, view.clientHeight / 2); }
        else if (e.key === "ArrowLeft") { vb.x -= step / scale(); apply(); }
        else if (e.key === "ArrowRight") { vb.x += step / scale(); apply(); }
        else if (e.key === "ArrowUp") { vb.y -= step / scale(); apply(); }
        else if (e.key === "ArrowDown") { vb.y += step / scale(); apply(); }
      });
      fitWidth();
    })();
    """
}
