import GapMapModel

extension Context {
  /// The overview explorer: per-year figures (one shown at a time), a toolbar (search, year
  /// slider, zoom), a side panel, and the data the panel reads (a JSON data block, which the
  /// Content-Security-Policy does not treat as a script). Hidden without JavaScript, where the
  /// static overview figure and the tables stand in for it.
  func explorerHTML() -> String {
    guard !frames.isEmpty else { return "" }
    let shown = frames.lastIndex { $0.year <= options.at.year } ?? frames.count - 1
    var h = """
      <div class="explorer" id="explorer">
      <div class="x-bar" role="toolbar" aria-label="Explorer">
      <input type="search" id="x-search" placeholder="Search entities…" aria-label="Search entities">
      <label for="x-year">Year</label>
      <input type="range" id="x-year" min="0" max="\(frames.count - 1)" value="\(shown)" step="1" aria-valuetext="\(frames[shown].year)">
      <output id="x-year-out" for="x-year">\(frames[shown].year)</output>
      <button type="button" id="x-in" aria-label="Zoom in">+</button>
      <button type="button" id="x-out" aria-label="Zoom out">−</button>
      <button type="button" id="x-fit">Fit</button>
      </div>
      <div class="x-body">
      <div class="x-view" id="x-view" tabindex="0" aria-label="Network diagram; drag to pan, wheel to zoom">
      <div class="x-stage" id="x-stage">

      """
    for (i, f) in frames.enumerated() {
      h +=
        "<div class=\"x-frame\" data-year=\"\(f.year)\"\(i == shown ? "" : " hidden")>\n\(f.svg)\n</div>\n"
    }
    h += """
      </div>
      </div>
      <aside class="x-panel" id="x-panel" aria-live="polite"><p>Click an entity or a relation to see its attributes, relations and sources; drag to pan, wheel or +/− to zoom, Fit to see everything. Positions are the same in every year.</p></aside>
      </div>
      </div>
      <script type="application/json" id="x-data">\(explorerData())</script>

      """
    return h
  }

  /// What the panel shows, as JSON: entities, relations and sources (numbered as in the list).
  func explorerData() -> String {
    let numbers = sourceNumber
    func str(_ s: String) -> String {
      var out = "\""
      // Characters XML cannot hold become U+FFFD, as everywhere GapMap writes XML or HTML.
      for u in TextSafety.xmlSafe(s).unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "<", ">", "&", "'", "\u{2028}", "\u{2029}":
          let hex = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        case _ where u.value < 0x20:
          let hex = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: out.unicodeScalars.append(u)
        }
      }
      return out + "\""
    }
    func list(_ ids: [String]) -> String {
      "[" + ids.compactMap { numbers[$0].map(String.init) }.joined(separator: ",") + "]"
    }
    var entities: [String] = []
    for e in dataset.entities {
      var attrs: [String] = ["[\"kind\",\(str(e.kind.rawValue))]"]
      if let c = e.country.known { attrs.append("[\"country\",\(str(c))]") }
      if let p = e.pmsc.known { attrs.append("[\"PMSC\",\(str(p ? "yes" : "no"))]") }
      entities.append(
        "\(str(e.id)):{\"n\":\(str(e.name)),\"a\":[\(attrs.joined(separator: ","))],\"s\":\(list(e.sources))}"
      )
    }
    var relations: [String] = []
    for r in dataset.relations {
      var attrs: [String] = [
        "[\"kind\",\(str(r.kind.rawValue))]", "[\"evidence\",\(str(r.evidence.rawValue))]",
      ]
      if let s = r.start.known { attrs.append("[\"start\",\(str(s.description))]") }
      if let e = r.end.known { attrs.append("[\"end\",\(str(e.description))]") }
      if let f = r.function.known { attrs.append("[\"function\",\(str(f.rawValue))]") }
      relations.append(
        "\(str(r.id)):{\"f\":\(str(r.source)),\"t\":\(str(r.target)),\"a\":[\(attrs.joined(separator: ","))],\"s\":\(list(r.sources))}"
      )
    }
    let sources = dataset.sources.enumerated().map { i, s in
      "\"\(i + 1)\":{\"t\":\(str(s.title)),\"u\":\(str(HTML.safeURL(s.url) ?? ""))}"
    }
    return
      "{\"e\":{\(entities.joined(separator: ","))},\"r\":{\(relations.joined(separator: ","))},\"s\":{\(sources.joined(separator: ","))}}"
  }
}
