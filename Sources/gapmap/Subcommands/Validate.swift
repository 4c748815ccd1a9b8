import ArgumentParser
import GapMapIO
import GapMapModel

#if canImport(Glibc)
  import Glibc
#endif

/// `gapmap validate DATASET [--strict]`
struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a dataset against the format's rules.",
    discussion: """
      Prints one line per problem, `file:line: column: message`, errors and warnings alike, then a
      count. Exit 0 when there is no error (warnings allowed), 1 otherwise; with --strict,
      warnings fail too.

        $ gapmap validate --strict datasets/border-outsourcing
        datasets/border-outsourcing: valid (144 entities, 150 relations, 101 sources)
      """)

  @OptionGroup var input: InputOptions

  @Flag(help: "Treat warnings (relation without source, orphan entity, …) as errors.")
  var strict = false

  @Flag(name: .shortAndLong, help: "Print only the diagnostics, not the closing line.")
  var quiet = false

  func run() throws {
    let loaded = Report.load(input)
    let all = Validator.sorted(
      loaded.diagnostics + Validator.validate(loaded.dataset), files: loaded.dataset.files)
    Report.diagnostics(all)
    let errors = all.filter { $0.severity == .error }.count
    let warnings = all.count - errors
    let d = loaded.dataset
    let failed = errors > 0 || (strict && warnings > 0)
    if !quiet {
      let counts = "\(d.entities.count) entities, \(d.relations.count) relations, \(d.sources.count) sources"
      if failed {
        Report.printError(
          "\(input.dataset): invalid: \(errors) error(s), \(warnings) warning(s)\(strict && warnings > 0 ? " (--strict)" : "") (\(counts))"
        )
      } else {
        print("\(input.dataset): valid\(warnings > 0 ? " with \(warnings) warning(s)" : "") (\(counts))")
      }
    }
    if failed { throw ExitCode(1) }
  }
}
