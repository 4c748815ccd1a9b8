import ArgumentParser
import GapMapIO
import GapMapModel
import GapMapRender

/// `gapmap convert IN OUT [--from FMT] [--to FMT]`
struct Convert: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Convert between dataset formats: folder, GapMap JSON, edge lists, GraphML, GEXF, node-link, DOT, FtM, OCDS.",
    discussion: """
      Formats: folder, json (GapMap JSON), edgelist, graphml, gexf (1.3), node-link (networkx
      JSON), dot (write only), ftm (FollowTheMoney JSON lines, read only), ocds (release or
      record packages, read only). By default the input format is detected from the path and
      content (a .json file may be GapMap JSON, node-link or OCDS), the output format from OUT's
      extension (.json, .graphml, .gexf, .dot/.gv, .csv/.tsv/.txt for edge lists, no extension
      for a folder); node-link output needs --to node-link. Folder, GapMap JSON, GraphML, GEXF
      and node-link keep everything (metadata and sources included); an edge list keeps only
      source, target and weight, and says what it drops. XML with a DOCTYPE or entities is
      refused.

        $ gapmap convert datasets/border-outsourcing border.graphml
        $ gapmap convert network.gexf restored/
        $ gapmap convert release-package.json procurement/      # OCDS
      """)

  @Argument(help: "The input (folder, file, or - for standard input).")
  var input: String

  @Argument(help: "The output (folder, file, or - for standard output).")
  var output: String

  @Option(help: "Input format: folder, json, edgelist, graphml, gexf, node-link, ftm, ocds.")
  var from: DatasetFormat?

  @Option(help: "Output format: folder, json, edgelist, graphml, gexf, node-link, dot.")
  var to: DatasetFormat?

  func run() throws {
    let loaded = Report.load(InputOptions(dataset: input, inputFormat: from))
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
  init(dataset: String, inputFormat: DatasetFormat?) {
    self.init()
    self.dataset = dataset
    self.inputFormat = inputFormat
  }
}
