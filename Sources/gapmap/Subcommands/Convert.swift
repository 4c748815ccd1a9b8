import ArgumentParser
import GapMapIO
import GapMapModel

/// `gapmap convert IN OUT [--from FMT] [--to FMT]`
struct Convert: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Convert between the dataset folder, GapMap JSON and edge lists.",
    discussion: """
      Formats: folder, json (GapMap JSON), edgelist. By default the input format is detected
      from the path and content, and the output format from OUT's extension (.json, .csv/.tsv/
      .txt for edge lists, no extension for a folder). Folder ⇄ JSON is lossless, unknown columns
      included; an edge list keeps only source, target and weight, and says what it drops.

        $ gapmap convert datasets/border-outsourcing border.json
        $ gapmap convert border.json restored/
      """)

  @Argument(help: "The input (folder, file, or - for standard input).")
  var input: String

  @Argument(help: "The output (folder, file, or - for standard output).")
  var output: String

  @Option(help: "Input format: folder, json, edgelist.")
  var from: DatasetFormat?

  @Option(help: "Output format: folder, json, edgelist.")
  var to: DatasetFormat?

  func run() throws {
    let loaded = Report.load(InputOptions(dataset: input, inputFormat: from))
    let errors = loaded.diagnostics.filter { $0.severity == .error }
    if !errors.isEmpty {
      Report.diagnostics(errors)
      Report.printError("\(input): not converted: \(errors.count) error(s) would lose data")
      throw ExitCode(1)
    }
    let d = loaded.dataset
    let target = to ?? DatasetFormat.forOutput(path: output)
    if target == .edgelist {
      for loss in DatasetIO.edgeListLosses(d) {
        Report.printError("\(output): warning: an edge list keeps source, target and weight only: \(loss)")
      }
    }
    do {
      try DatasetIO.write(d, to: output, format: target)
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
