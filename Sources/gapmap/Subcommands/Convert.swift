import ArgumentParser
import GapMapIO
import GapMapModel
import GapMapRender

/// `gapmap convert IN OUT [--from FMT] [--to FMT]`
struct Convert: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Convert between dataset formats: folder, GapMap JSON, edge lists, GraphML, GEXF, node-link, GML, Pajek, DOT, FtM, OCDS.",
    discussion: """
      Formats: folder, json (GapMap JSON), edgelist, graphml, gexf (1.3), node-link (networkx
      JSON), gml, pajek, dot (write only), ftm (FollowTheMoney JSON lines, read only), ocds
      (release or record packages, read only). By default the input format is detected from the
      path and content (a .json file may be GapMap JSON, node-link or OCDS), the output format
      from OUT's extension (.json, .graphml, .gexf, .gml, .net/.paj, .dot/.gv, .csv/.tsv/.txt for
      edge lists, no extension for a folder); node-link output needs --to node-link. Folder,
      GapMap JSON, GraphML, GEXF, node-link and GML keep everything (metadata and sources
      included); an edge list keeps source, target and weight, Pajek ids, weights and
      coordinates, and both say what they drop. XML with a DOCTYPE or entities is refused.
      --encoding latin1 reads an ISO-8859-1 file (as iconv -f latin1 would convert it).

        $ gapmap convert datasets/border-outsourcing border.graphml
        $ gapmap convert network.gexf restored/
        $ gapmap convert release-package.json procurement/      # OCDS
      """)

  @Argument(help: "The input (folder, file, or - for standard input).")
  var input: String

  @Argument(help: "The output (folder, file, or - for standard output).")
  var output: String

  @Option(help: "Input format: folder, json, edgelist, graphml, gexf, node-link, gml, pajek, ftm, ocds.")
  var from: DatasetFormat?

  @Option(help: "Output format: folder, json, edgelist, graphml, gexf, node-link, gml, pajek, dot.")
  var to: DatasetFormat?

  @Option(help: "The input's text encoding: utf-8 (default), latin1 (iso-8859-1).")
  var encoding: TextEncoding = .utf8

  func run() throws {
    let loaded = Report.load(InputOptions(dataset: input, inputFormat: from, encoding: encoding))
    let errors = loaded.diagnostics.filter { $0.severity == .error }
    if !errors.isEmpty {
      Report.diagnostics(errors)
      Report.printError("\(input): not converted: \(errors.count) error(s) would lose data")
      throw ExitCode(1)
    }
    Report.readingWarnings(loaded, input: input)
    let d = loaded.dataset
    let target = to ?? DatasetFormat.forOutput(path: output)
    if target == .edgelist {
      for loss in DatasetIO.edgeListLosses(d) {
        Report.printError("\(output): warning: an edge list keeps source, target and weight only: \(loss)")
      }
    }
    if target == .pajek {
      for loss in Pajek.losses(d) {
        Report.printError("\(output): warning: Pajek keeps ids, weights and coordinates only: \(loss)")
      }
    }
    if target == .gml {
      for loss in GML.losses(d) { Report.printError("\(output): warning: \(loss)") }
    }
    if target == .graphml || target == .gexf {
      Report.diagnostics(TextSafety.xmlDiagnostics(d))
    }
    do {
      let style = Style()
      try DatasetIO.write(
        d, to: output, format: target, colors: style.nodes.mapValues(\.fill),
        shapes: style.nodes.mapValues(\.shape))
    } catch {
      Report.fail(error)
    }
  }
}

extension InputOptions {
  init(dataset: String, inputFormat: DatasetFormat?, encoding: TextEncoding = .utf8) {
    self.init()
    self.dataset = dataset
    self.inputFormat = inputFormat
    self.encoding = encoding
  }
}
