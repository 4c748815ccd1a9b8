import ArgumentParser

/// `gapmap`: map and measure how states outsource immigration detention and border control.
@main
struct GapMap: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gapmap",
    abstract: "Map and measure outsourced immigration detention and border control.",
    discussion: """
      DATASET is a dataset folder (entities.csv, relations.csv, sources.csv, dataset.json), a
      GapMap JSON file, or an edge list (source,target[,weight]); - reads standard input.

      Exit codes: 0 success, 1 invalid input or failed check, 2 usage error, 3 an external
      component failed (for example an output that cannot be written).
      """,
    version: GapMapVersion.string,
    subcommands: [
      Validate.self, Summary.self, Centrality.self, Path.self, Gaps.self, Chains.self, Render.self,
      ReportCommand.self, Batch.self,
      Convert.self,
    ])
}

extension GapMap {
  /// Runs the command, mapping argument-parser's usage failures to exit code 2 as the CLI
  /// contract says (its own default is 64).
  static func main() {
    Worker.dieWithParentIfAsked()
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      if exitCode(for: error) == .validationFailure {
        Report.printError(fullMessage(for: error))
        Report.exitNow(2)
      }
      exit(withError: error)
    }
  }
}

enum GapMapVersion {
  static let string = "0.1.0"
}
