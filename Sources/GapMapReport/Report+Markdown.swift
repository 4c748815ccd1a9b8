import GapMapMetrics
import GapMapModel

extension Context {
  /// `report.md`: the same tables for Markdown pipelines, figures linked as files.
  func markdown() -> String {
    // Every dataset-derived string goes through the Markdown escaper; GapMap's own words too
    // (harmless, and no string is missed).
    let cell = Markdown.text
    func ids(_ xs: [String], _ separator: String) -> String { xs.map(cell).joined(separator: separator) }
    func table(_ header: [String], _ rows: [[String]]) -> String {
      "| " + header.map(cell).joined(separator: " | ") + " |\n|" + header.map { _ in "---|" }.joined() + "\n"
        + rows.map { "| " + $0.map(cell).joined(separator: " | ") + " |\n" }.joined()
    }
    var m = "# \(cell(title))\n\n"
    m +=
      "Accountability gaps as of **\(options.at)**, evidence up to **\(options.evidence.rawValue)**, weights "
    m +=
      "**\(options.weights.name)**. \(summary.entities) entities, \(summary.relations) relations, \(summary.sources) sources.\n\n"
    m += "![Overview](figures/overview.svg)\n\n![Facilities by gap](figures/gaps.svg)\n\n"
    m += "## Accountability gaps per facility\n\n"
    m += "Intervals: low = every unknown resolved favourably, high = unfavourably; κ = known share. "
    m += "Named facilities are shown with the low bound; κ < 0.5 or width > 0.3 is “insufficient evidence”. "
    m += "Scores describe arrangements, not companies; flags are risk indicators, not proof.\n\n"
    m += table(
      ["Facility", "Gap (low bound)", "Interval", "κ", "Flags", "Would decide it (research next)"],
      analysis.presentationOrder.map { f in
        let c = f.composite
        return [
          f.name,
          c.insufficientEvidence ? "insufficient evidence" : (c.gap.map { Interval.format($0.low) } ?? "–"),
          c.gap.map(\.description) ?? "–", Interval.format(c.knownShare),
          (f.flags.map(\.rawValue) + f.possibleFlags.map { $0.rawValue + "?" }).joined(separator: ", "),
          c.insufficientEvidence ? f.researchFields.prefix(2).map(\.label).joined(separator: "; ") : "",
        ]
      })
    m += "\n## System figures per responsible state\n\n"
    m += table(
      [
        "State", "Contracts", "Value disclosed by authority", "Value from press only",
        "Indep. oversight (facilities)",
      ],
      analysis.system.map {
        [
          $0.country, "\($0.contracts)", $0.valueDisclosedByAuthority?.description ?? "–",
          $0.valueReportedOnly?.description ?? "–",
          $0.oversightCoverageByCount?.description ?? "–",
        ]
      })
    m += "\n## Facility chains\n\n"
    for f in analysis.presentationOrder {
      let doms = f.claims.first?.dominators ?? []
      m += "- **\(cell(f.name))**: duty-bearers \(ids(f.chain.dutyBearers.map(\.id), ", ")); "
      m += "single points of accountability \(doms.isEmpty ? "none" : ids(doms, " → ")); "
      m += "sources \(ids(net.sources(of: f.trace), ", "))"
      if let file = figures["chain-" + f.id]?.file { m += " ([diagram](\(file)))" }
      m += "\n"
    }
    m += "\n## Network position\n\n"
    m += table(centrality.columns, centrality.rows.map { $0.map(\.text) })
    m += "\n## Data coverage\n\n"
    m += table(Context.coverageColumns, coverageRows.map { $0.map(\.text) })
    m += "\n## Method notes\n\n"
    m += table(
      ["", "Component", "Question", "Weight"],
      GapComponent.allCases.map { [$0.code, $0.rawValue, $0.question, Interval.format(options.weights[$0])] })
    m += "\n## Sources\n\n"
    for (i, s) in dataset.sources.enumerated() {
      let link = HTML.safeURL(s.url).map { "<\($0)>" } ?? ""
      m +=
        "\(i + 1). \(cell(s.id)) — \(cell(s.title))\(s.publisher.isEmpty ? "" : ", " + cell(s.publisher)) \(link)\n"
    }
    // The command line holds paths (a dataset folder's name is dataset-derived): an indented
    // code block shows it literally.
    m +=
      "\n---\n\nGapMap \(cell(options.version)) · dataset SHA-256 `\(datasetHash)` · as of \(options.at) · command:\n\n"
    m += Markdown.codeBlock(options.command)
    return m
  }
}
