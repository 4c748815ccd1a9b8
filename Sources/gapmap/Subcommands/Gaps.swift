import ArgumentParser
import Foundation
import GapMapIO
import GapMapMetrics
import GapMapModel

/// `--at` and `--evidence` for the metrics commands, and the network they build.
struct MetricsOptions: ParsableArguments {
  @Option(help: "The date the metrics describe (default: the dataset's as_of, else today).")
  var at: String?

  @Option(help: "Evidence kept: confirmed, reported, possible (default: all but alleged), alleged.")
  var evidence: Evidence = .possible

  @Flag(
    help:
      "Turn off every inference rule (inferred ends, mandate powers, implicit operators, inferred duty-bearers, successors, state jurisdiction over agencies): the bare data."
  )
  var noInference = false

  @Option(
    help: ArgumentHelp(
      "Turn off only these inference rules (comma-separated): superseded-ends, mandate-powers, implicit-operators, inferred-duty-bearers, successors, state-covers-agencies.",
      valueName: "rules"))
  var disableInference: String?

  var rules: InferenceRules {
    if noInference { return .none }
    var r = InferenceRules.all
    for word in FilterOptions.words(disableInference ?? "") {
      switch word {
      case "superseded-ends": r.supersededEnds = false
      case "mandate-powers": r.mandatePowers = false
      case "implicit-operators": r.implicitOperators = false
      case "inferred-duty-bearers": r.inferredDutyBearers = false
      case "successors": r.successors = false
      case "state-covers-agencies": r.stateCoversAgencies = false
      default:
        Report.printError("--disable-inference: unknown rule \"\(word)\"")
        Report.exitNow(2)
      }
    }
    return r
  }

  func network(_ input: InputOptions) -> AccountabilityNetwork {
    let dataset = Report.loadValid(input)
    return AccountabilityNetwork(
      dataset, at: MetricsOptions.date(at, dataset), evidence: evidence, rules: rules)
  }

  /// The one default date of every command: `--at`, else the dataset's `as_of`, else today.
  static func date(_ at: String?, _ dataset: Dataset) -> PartialDate {
    if let at {
      guard let d = PartialDate(at) else {
        Report.printError("--at: \"\(at)\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        Report.exitNow(2)
      }
      return d
    }
    if let d = dataset.metadata.asOf ?? MetricsOptions.today { return d }
    Report.printError("--at: the dataset has no as_of and the clock gives no date; pass --at")
    Report.exitNow(2)
  }

  static var today: PartialDate? {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
    let c = calendar.dateComponents([.year, .month, .day], from: Date())
    return c.year.flatMap { PartialDate(year: $0, month: c.month, day: c.day) }
  }
}

/// `gapmap gaps DATASET`
struct Gaps: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Accountability-gap metrics per facility, with intervals, κ, flags and research next.",
    discussion: """
      Scores the arrangement around each facility (its contract chain, oversight and remedy),
      never a company. Every figure is an interval [low, high]: low resolves every unknown in
      the accountability-favourable direction, high in the unfavourable one. κ is the weight
      share of components known exactly; a gap with κ < 0.5 or wider than 0.3 is shown as
      "insufficient evidence". Components: depth (M1), diffusion (M2), oversight (M3), remedy
      (M4), transparency (M5), jurisdiction (M6), concentration (M7), safeguards (M8); M9
      (inherently state function) is a flag, never weighted. See docs/metrics.md.

      --weights takes a preset (default, equal) or a JSON/YAML file mapping component names to
      weights, e.g. {"oversight": 0.3, "remedy": 0.3, "transparency": 0.4}.

        $ gapmap gaps datasets/border-outsourcing
        $ gapmap gaps datasets/border-outsourcing --facility yarls-wood --format json
        $ gapmap gaps datasets/border-outsourcing --sensitivity --format json -o gaps.json
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var metrics: MetricsOptions

  @Option(help: "Only this facility.")
  var facility: String?

  @Option(help: "Weights: default, equal, or a JSON/YAML file.")
  var weights = "default"

  @Flag(help: "Add the sensitivity analyses (one-at-a-time, Monte Carlo, evidence levels).")
  var sensitivity = false

  @Option(help: "Monte Carlo draws per concentration parameter α.")
  var draws = 2000

  @Option(help: "Monte Carlo seed.")
  var seed: UInt64 = 1

  @Option(help: "Output format: table (default on a terminal), csv (default otherwise), json.")
  var format: TableFormat?

  @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
  var output: String?

  func validate() throws {
    if format == .jsonl { throw ValidationError("--format: gaps prints table, csv or json") }
    if draws < 0 || draws > 1_000_000 { throw ValidationError("--draws: 0 to 1000000") }
  }

  func run() throws {
    let w = Gaps.loadWeights(weights)
    let net = metrics.network(input)
    let analysis: GapAnalysis
    do {
      analysis = try GapAnalysis(net, weights: w, facility: facility)
    } catch {
      Report.printError("--facility: \(error.message)")
      Report.exitNow(1)
    }
    let sens = sensitivity ? Sensitivity(analysis, draws: draws, seed: seed) : nil
    switch format ?? .defaultForStdout {
    case .json: Report.emit(JSON.write(analysis.jsonValue(sensitivity: sens)), to: output)
    case .csv: Report.emit(Gaps.csv(analysis), to: output)
    default: Report.emit(Gaps.text(analysis, sens), to: output)
    }
  }

  static func loadWeights(_ spec: String) -> GapWeights {
    if let preset = GapWeights.preset(spec) { return preset }
    let value: JSONValue
    do { value = try YAML.read(spec) } catch { Report.fail(error) }
    guard case .object(let members) = value else {
      Report.printError("\(spec): weights must be a mapping of component names to numbers")
      Report.exitNow(1)
    }
    var pairs: [(key: String, value: Double)] = []
    for m in members {
      guard case .number(let text) = m.value, let d = Double(text) else {
        Report.printError("\(spec):\(m.line): \(m.key): weight is not a number")
        Report.exitNow(1)
      }
      pairs.append((m.key, d))
    }
    do {
      return try GapWeights(name: spec, pairs)
    } catch {
      let line = members.first {
        error.message.contains("\"\($0.key)\"") || error.message.hasPrefix($0.key + ":")
      }?.line
      Report.printError("\(spec)\(line.map { ":\($0)" } ?? ""): \(error.message)")
      Report.exitNow(1)
    }
  }

  static func csv(_ a: GapAnalysis) -> String {
    var columns = [
      "id", "name", "gap_low", "gap_high", "known_share", "insufficient_evidence", "display",
      "inherently_state_function", "flags", "possible_flags",
    ]
    for c in GapComponent.allCases { columns += ["\(c.rawValue)_low", "\(c.rawValue)_high"] }
    columns += ["research_next", "sources"]
    var rows: [[TableValue]] = []
    for f in a.presentationOrder {
      let c = f.composite
      var row: [TableValue] = [
        .text(f.id), .text(f.name), c.gap.map { .number($0.low) } ?? .missing,
        c.gap.map { .number($0.high) } ?? .missing, .number(c.knownShare),
        .text(c.insufficientEvidence ? "yes" : "no"), .text(a.display(c)),
        .text(f.inherentlyStateFunction.rawValue), .text(f.flags.map(\.rawValue).joined(separator: ";")),
        .text(f.possibleFlags.map(\.rawValue).joined(separator: ";")),
      ]
      for comp in GapComponent.allCases {
        if let s = f.components[comp] {
          row += [.number(s.gap.low), .number(s.gap.high)]
        } else {
          row += [.missing, .missing]
        }
      }
      row.append(.text(f.researchFields.prefix(5).map(\.label).joined(separator: "; ")))
      row.append(.text(a.network.sources(of: f.trace).joined(separator: ";")))
      rows.append(row)
    }
    return TableWriter.render(columns: columns, rows: rows, format: .csv)
  }

  static func text(_ a: GapAnalysis, _ s: Sensitivity?) -> String {
    var out = "Accountability gaps as of \(a.network.at) · evidence up to \(a.network.evidence.rawValue)"
    out += " · weights \(a.weights.name)\n"
    out +=
      "Intervals: low = every unknown resolved favourably, high = unfavourably. κ = share of the weight known.\n\n"
    var rows: [[TableValue]] = []
    for f in a.presentationOrder {
      let c = f.composite
      let top = GapComponent.allCases.compactMap { comp -> (GapComponent, Double, Interval)? in
        guard let s = f.components[comp], a.weights[comp] > 0 else { return nil }
        return (comp, a.weights[comp] * s.gap.midpoint, s.gap)
      }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(2)
      var badges = f.flags.map(\.rawValue)
      if f.inherentlyStateFunction == .present {
        badges.removeAll { $0 == GapFlag.inherentlyStateFunction.rawValue }
        badges.insert("M9 RED LINE", at: 0)
      }
      badges += f.possibleFlags.map { $0.rawValue + "?" }
      rows.append([
        .text(f.id), .text(a.display(c)), .text(c.gap.map { $0.description } ?? "–"),
        .text(Interval.format(c.knownShare)), .text(badges.joined(separator: ", ")),
        .text(top.map { "\($0.0.rawValue) \($0.2)" }.joined(separator: "; ")),
        .text(c.insufficientEvidence ? f.researchFields.prefix(2).map(\.label).joined(separator: "; ") : ""),
      ])
    }
    out += TableWriter.render(
      columns: ["facility", "gap", "interval", "κ", "flags", "top components", "would decide it"],
      rows: rows, format: .table)
    if !a.inactive.isEmpty {
      out += "\nNot scored on \(a.network.at): "
      out +=
        a.inactive.map { "\($0.id) (\($0.status == .closed ? "closed" : "opens") \($0.date))" }
        .joined(separator: ", ") + "\n"
    }
    if !a.system.isEmpty {
      out += "\nSystem figures per responsible state (count-based):\n"
      var srows: [[TableValue]] = []
      for sys in a.system {
        let hhi = sys.markets.compactMap { m in
          m.hhi.map {
            "\(m.function.rawValue) \(Interval.formatWhole($0.low))–\(Interval.formatWhole($0.high))"
          }
        }
        srows.append([
          .text(sys.country), .integer(sys.contracts),
          .text(sys.valueDisclosedByAuthority.map { $0.description } ?? "–"),
          .text(sys.valueReportedOnly.map { $0.description } ?? "–"),
          .text(sys.oversightCoverageByCount.map { $0.description } ?? "–"),
          .text(hhi.joined(separator: "; ")),
        ])
      }
      out += TableWriter.render(
        columns: [
          "state", "contracts", "value by authority", "value press only", "indep. oversight (facilities)",
          "HHI by market",
        ],
        rows: srows, format: .table)
      let red = a.system.filter { !$0.outsourcedOperation.isEmpty || !$0.possiblyOutsourcedOperation.isEmpty }
      if !red.isEmpty {
        out +=
          "\nRed line (M9) by state on \(a.network.at): facilities whose overall operation is outsourced\n"
        out += TableWriter.render(
          columns: ["state", "outsourced", "possibly outsourced"],
          rows: red.map {
            [
              .text($0.country), .text($0.outsourcedOperation.joined(separator: ", ")),
              .text($0.possiblyOutsourcedOperation.joined(separator: ", ")),
            ]
          }, format: .table)
      }
    }
    if let s {
      out += "\nSensitivity: "
      let changed = s.oneAtATime.filter(\.orderChanged)
      out +=
        changed.isEmpty
        ? "no single weight ×0.5 or ×1.5 changes the order of the midpoints.\n"
        : "the midpoint order changes when \(changed.map { "\($0.component.rawValue) ×\($0.factor)" }.joined(separator: ", ")).\n"
      for m in s.monteCarlo {
        out += "Monte Carlo α = \(Interval.format(m.alpha)), \(m.draws) draws, seed \(m.seed):\n"
        out += TableWriter.render(
          columns: ["facility", "p5", "p50", "p95", "rank (5–95%)", "P(rank 1)"],
          rows: m.facilities.map {
            [
              .text($0.facility), .text(Interval.format($0.p5)), .text(Interval.format($0.p50)),
              .text(Interval.format($0.p95)), .text("\($0.rankLow)–\($0.rankHigh)"),
              .text(Interval.format($0.firstRank)),
            ]
          }, format: .table)
      }
    }
    out += "\nScores describe arrangements, not companies; flags are risk indicators, not proof.\n"
    return out
  }
}
