import GapMapIO
import GapMapMetrics
import GapMapModel

extension Context {
  /// `index.html`: one self-contained page.
  func html() -> String {
    let e = HTML.esc
    let cssHash = SHA256.base64(Array(Assets.css.utf8))
    let jsHash = SHA256.base64(Array(Assets.js.utf8))
    let csp =
      "default-src 'none'; style-src 'sha256-\(cssHash)'; script-src 'sha256-\(jsHash)'; img-src 'none'; "
      + "font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
    var h = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="\(csp)">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="referrer" content="no-referrer">
      <meta name="generator" content="GapMap \(e(options.version))">
      <title>\(e(TextSafety.isolated(title))) — GapMap report</title>
      <style>\(Assets.css)</style>
      </head>
      <body>
      <header>
      <h1>\(HTML.user(title))</h1>

      """
    if let d = dataset.metadata.description {
      h += "<p class=\"lede\">\(HTML.user(d, keepingLineBreaks: true))</p>\n"
    }
    h += """
      <p>Accountability gaps as of <strong>\(e(options.at.description))</strong>, evidence up to
      <strong>\(e(options.evidence.rawValue))</strong>, weights <strong>\(e(options.weights.name))</strong>.
      \(summary.entities) entities, \(summary.relations) relations, \(summary.sources) sources.</p>
      <nav aria-label="Contents"><ul>
      <li><a href="#overview">Overview diagram</a></li>
      <li><a href="#gaps">Accountability gaps per facility</a></li>
      <li><a href="#system">System figures per state</a></li>
      <li><a href="#facilities">Facility chains</a></li>
      <li><a href="#centrality">Network position</a></li>
      <li><a href="#coverage">Data coverage</a></li>
      <li><a href="#methods">Method notes</a></li>
      <li><a href="#sources">Sources</a></li>
      </ul></nav>
      </header>
      <main>

      """
    h +=
      section("overview", "Overview diagram")
      + explorerHTML()
      + figureHTML(
        "overview",
        caption:
          "Every entity and relation valid on the date, in clusters per jurisdiction; unconnected entities and small groups beside, by kind. Hover a node to highlight its neighbourhood.",
        cssClass: "x-static")
    h += figureHTML(
      "gaps",
      caption: "Facilities filled by the low bound of their gap; dashed outline: insufficient evidence.")
    h += "</section>\n"
    h += gapsSection()
    h += systemSection()
    h += facilitiesSection()
    h += centralitySection()
    h += coverageSection()
    h += methodsSection()
    h += sourcesSection()
    h += "</main>\n" + footer()
    h += "<script>\(Assets.js)</script>\n</body>\n</html>\n"
    return h
  }

  func section(_ id: String, _ title: String) -> String {
    "<section id=\"\(id)\">\n<h2>\(HTML.esc(title))</h2>\n"
  }

  func figureHTML(_ key: String, caption: String, cssClass: String? = nil) -> String {
    guard let f = figures[key] else { return "" }
    return """
      <figure\(cssClass.map { " class=\"\($0)\"" } ?? "")>
      \(f.html)
      <figcaption>\(HTML.esc(caption)) Standalone file: <a href="\(HTML.esc(f.file))">\(HTML.esc(f.file))</a>.</figcaption>
      </figure>

      """
  }

  func badges(_ f: FacilityGap) -> String {
    var b: [String] = []
    if f.inherentlyStateFunction == .present {
      b.append(
        "<span class=\"badge red\" title=\"\(HTML.esc(GapAnalysis.inherentBasis))\">inherently state function</span>"
      )
    }
    for flag in f.flags where flag != .inherentlyStateFunction {
      b.append(
        "<span class=\"badge\">\(HTML.esc(flag.rawValue.replacingOccurrences(of: "_", with: " ")))</span>")
    }
    for flag in f.possibleFlags {
      b.append(
        "<span class=\"badge possible\" title=\"possible: holds in some reading of the uncertain data\">\(HTML.esc(flag.rawValue.replacingOccurrences(of: "_", with: " ")))?</span>"
      )
    }
    return b.joined(separator: " ")
  }

  func gapsSection() -> String {
    var rows: [[String]] = []
    for f in analysis.presentationOrder {
      let c = f.composite
      let display = analysis.display(c)
      let shown =
        c.insufficientEvidence
        ? "<span class=\"insufficient\">\(HTML.esc(display))</span>"
        : HTML.esc(c.gap.map { Interval.format($0.low) } ?? "–")
      rows.append([
        "<a href=\"#f-\(HTML.esc(HTML.fileName(f.id)))\">\(HTML.user(f.name))</a>",
        shown,
        "<span data-sort=\"\(c.gap.map { Interval.format($0.low) } ?? "")\">\(HTML.esc(c.gap.map(\.description) ?? "–"))</span>",
        Interval.format(c.knownShare),
        badges(f),
        HTML.user(
          c.insufficientEvidence ? f.researchFields.prefix(2).map(\.label).joined(separator: "; ") : ""),
      ])
    }
    let inactive =
      analysis.inactive.isEmpty
      ? ""
      : "<p class=\"note\">Not scored on \(HTML.esc(analysis.network.at.description)): "
        + analysis.inactive.map {
          HTML.user($0.name) + HTML.esc(" (\($0.status == .closed ? "closed" : "opens") \($0.date))")
        }.joined(separator: ", ") + ".</p>\n"
    let warnings = analysis.warnings.map { "<p class=\"note\">Warning: \(HTML.user($0)).</p>\n" }.joined()
    return section("gaps", "Accountability gaps per facility") + """
      <p class="note">Each figure is an interval: the low bound resolves every unknown in the
      accountability-favourable direction, the high bound in the unfavourable one. Named
      facilities are shown with the demonstrable (low) bound; a gap whose known share κ is below
      0.5 or whose interval is wider than 0.3 is shown as “insufficient evidence”. Overlapping
      intervals are not an ordering: facilities with the inherently-state-function flag come
      first, then by low bound, as a grouping only. These scores describe arrangements, not
      companies; flags are risk indicators, not proof.</p>

      """
      + HTML.table(
        ["Facility", "Gap (low bound)", "Interval", "κ", "Flags", "Would decide it (research next)"], rows,
        caption:
          "Click a column to sort. CSV: tables/gaps.csv; everything with explanations: tables/gaps.json.")
      + inactive + warnings + "</section>\n"
  }

  func systemSection() -> String {
    var rows: [[String]] = []
    for s in analysis.system {
      let hhi = s.markets.compactMap { m in
        m.hhi.map {
          "\(m.function.rawValue) \(Interval.formatWhole($0.low))–\(Interval.formatWhole($0.high))"
        }
      }
      rows.append([
        HTML.user(s.country), "\(s.contracts)", HTML.esc(s.valueDisclosedByAuthority?.description ?? "–"),
        HTML.esc(s.valueReportedOnly?.description ?? "–"),
        HTML.esc(s.oversightCoverage?.description ?? "–"),
        HTML.esc(s.oversightCoverageByCount?.description ?? "–"),
        HTML.esc(hhi.joined(separator: "; ")),
      ])
    }
    return section("system", "System figures per responsible state")
      + "<p>Share of contracts whose value the authority disclosed (an official, court or FOI source, or a disclosure map saying so) and share known only from the press or NGOs (count-based), share of facilities with an independent oversight body (by capacity where known, and by count), and market concentration (HHI bounds, 0–10,000; above 1,800 is “highly concentrated” in the 2023 US Merger Guidelines — context, not a legal finding).</p>\n"
      + HTML.table(
        [
          "State", "Contracts", "Value disclosed by authority", "Value from press only",
          "Indep. oversight (capacity)",
          "Indep. oversight (facilities)", "HHI by market",
        ],
        rows) + redLineTable() + "</section>\n"
  }

  /// M9 by state: facilities whose overall operation is outsourced on the date.
  func redLineTable() -> String {
    let rows = analysis.system.filter {
      !$0.outsourcedOperation.isEmpty || !$0.possiblyOutsourcedOperation.isEmpty
    }.map {
      [
        HTML.user($0.country), HTML.user($0.outsourcedOperation.joined(separator: ", ")),
        HTML.user($0.possiblyOutsourcedOperation.joined(separator: ", ")),
      ]
    }
    guard !rows.isEmpty else { return "" }
    return "<h3>Red line (M9) by state, \(HTML.esc(analysis.network.at.description))</h3>\n"
      + HTML.table(["State", "Overall operation outsourced", "Possibly outsourced"], rows)
  }

  func facilitiesSection() -> String {
    var h = section("facilities", "Facility chains")
    h +=
      "<p>For each facility: its delegation chain (dominators, the single points of accountability, outlined), the components of its gap, the red-flag panel and the sources behind them.</p>\n"
    let numbers = sourceNumber
    for f in analysis.presentationOrder {
      let c = f.composite
      h +=
        "<details id=\"f-\(HTML.esc(HTML.fileName(f.id)))\"><summary>\(HTML.user(f.name)) — \(HTML.esc(analysis.display(c)))</summary>\n"
      h += "<p>\(badges(f))</p>\n"
      let claims = f.claims.map { a in
        "\(HTML.user(a.dutyBearer.id))\(a.dutyBearer.inferred ? " (inferred)" : ""): depth \(HTML.esc(a.depth.description)), single points of accountability: \(a.dominators.isEmpty ? "none" : HTML.users(a.dominators, separator: " → "))"
      }
      h +=
        "<p>Duty-bearers: \(claims.isEmpty ? "none recorded or inferable" : claims.joined(separator: "; "))."
      if !f.passThrough.isEmpty {
        h += " Pass-through intermediaries: \(HTML.users(f.passThrough, separator: ", "))."
      }
      h += "</p>\n"
      h += figureHTML("chain-" + f.id, caption: "The chain of \(TextSafety.isolated(f.name)).")
      var rows: [[String]] = []
      for comp in GapComponent.allCases {
        guard let s = f.components[comp] else {
          rows.append([comp.code, HTML.esc(comp.rawValue), "not applicable", "", ""])
          continue
        }
        rows.append([
          comp.code, HTML.esc(comp.rawValue), HTML.esc(s.gap.description),
          Interval.format(options.weights[comp]),
          HTML.users(s.notes, separator: "; "),
        ])
      }
      h += HTML.table(["", "Component", "Gap", "Weight", "Notes"], rows, sortable: false)
      h +=
        "<p>Red flags: "
        + f.redFlags.map {
          "\(HTML.esc($0.name.replacingOccurrences(of: "_", with: " "))): \($0.status.rawValue)"
        }.joined(separator: "; ") + ".</p>\n"
      let cited = net.sources(of: f.trace)
      h +=
        "<p>Sources: "
        + (cited.isEmpty
          ? "none"
          : cited.map { id in
            numbers[id].map { "<a href=\"#src-\($0)\">[\($0)]</a>" } ?? HTML.user(id)
          }.joined(separator: " ")) + "</p>\n</details>\n"
    }
    return h + "</section>\n"
  }

  func centralitySection() -> String {
    let rows = centrality.rows.map { r in
      r.enumerated().map { i, v in i >= 3 ? v.text : HTML.user(v.text) }
    }
    return section("centrality", "Network position")
      + "<p>Where entities sit in the recorded network (the \(options.centralityRows) highest by betweenness): a description of position in the data, not of conduct. Measures match networkx's definitions (degree, betweenness unnormalised, PageRank).</p>\n"
      + HTML.table(centrality.columns, rows) + "</section>\n"
  }

  func coverageSection() -> String {
    section("coverage", "Data coverage")
      + "<p>How much the data say, per country: relations touching its entities, the share confirmed, and the mean known share κ of its facilities' gaps. Read every score beside this table: coverage is uneven, and unknown is not zero.</p>\n"
      + HTML.table(Context.coverageColumns, coverageRows.map { $0.map { HTML.user($0.text) } })
      + "</section>\n"
  }

  func methodsSection() -> String {
    var rows: [[String]] = []
    for c in GapComponent.allCases {
      rows.append([
        c.code, HTML.esc(c.rawValue), HTML.esc(c.question), HTML.esc(c.definition),
        Interval.format(options.weights[c]),
      ])
    }
    rows.append([
      "M9", "inherently state function",
      "Does a non-state operator perform a function that should not be outsourced?",
      HTML.esc(GapAnalysis.inherentBasis), "flag, never weighted",
    ])
    return section("methods", "Method notes")
      + HTML.table(["", "Component", "Question", "Definition", "Weight"], rows, sortable: false)
      + "<p>Composite: G = Σ wᵢ·gapᵢ / Σ wᵢ over the components that apply, bound by bound; κ = the weight share of components known exactly; “would decide it” names the open fields that would decide each undecided facility, ranked (first those that would make a component exact while κ &lt; 0.5, then by how much of the interval they could close). Full definitions and decisions: docs/metrics.md in the GapMap repository.</p>\n</section>\n"
  }

  func sourcesSection() -> String {
    var h = section("sources", "Sources") + "<ol>\n"
    for (i, s) in dataset.sources.enumerated() {
      var parts = [HTML.link(s.url, s.title)]
      if !s.publisher.isEmpty { parts.append(HTML.user(s.publisher)) }
      if let d = s.date.known { parts.append(HTML.esc(d.description)) }
      if let t = s.sourceType.known { parts.append(HTML.esc(t.rawValue)) }
      h += "<li id=\"src-\(i + 1)\"><code>\(HTML.user(s.id))</code> — \(parts.joined(separator: ", "))</li>\n"
    }
    return h + "</ol>\n</section>\n"
  }

  func footer() -> String {
    """
    <footer>
    <p>Made by GapMap \(HTML.esc(options.version)) · dataset SHA-256 <code>\(datasetHash)</code>
    (of its canonical GapMap JSON) · as of \(HTML.esc(options.at.description)) · evidence up to
    \(HTML.esc(options.evidence.rawValue)) · weights \(HTML.esc(options.weights.name)) · seed \(options.seed) ·
    command <code>\(HTML.user(options.command))</code>.</p>
    </footer>

    """
  }
}

extension TableValue {
  /// The cell as display text (numbers at up to 4 decimals).
  var text: String {
    switch self {
    case .text(let s): return s
    case .integer(let i): return String(i)
    case .number(let d): return d.isFinite ? Scalars.formatNumber(d) : "–"
    case .missing: return "–"
    }
  }
}
