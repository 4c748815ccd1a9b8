import ArgumentParser
import Foundation
import GapMapAlgorithms
import GapMapIO
import GapMapModel
import GapMapRender

/// `gapmap render DATASET -o FILE`
struct Render: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Draw a dataset through Graphviz: SVG, PNG, PDF, DOT or JSON positions.",
    discussion: """
      Entity kinds get shapes and colour-blind-safe colours, relation kinds edge styles (dashed:
      reported/possible only); a legend, the title and a caption with the as-of date and the
      number of sources are part of the picture. The format comes from -o's extension or
      --format. dot lays out up to 300 nodes, sfdp above (--engine overrides).

      Layout runs in a worker process with a time limit (--timeout, default 60 s): Graphviz
      cannot be cancelled and aborts the process on some inputs. SVG output is embeddable: ids
      prefixed (--id-prefix, default from the content), responsive viewBox, role="img" with
      <title> and <desc>, class and data-id on every node and edge, nothing active or external.

        $ gapmap render datasets/border-outsourcing -o overview.svg
        $ gapmap render datasets/border-outsourcing --facility brook-house -o brook-house.png
        $ gapmap render datasets/border-outsourcing --focus serco --depth 1 --fragment -o serco.svg
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var filters: FilterOptions

  @Option(name: .shortAndLong, help: "The output file (- for standard output).")
  var output: String

  @Option(help: "svg, png, pdf, dot or json (default: from the extension).")
  var format: DiagramFormat?

  @Option(help: "dot, neato, fdp, sfdp, circo or twopi (default: dot up to 300 nodes, sfdp above).")
  var engine: Engine?

  @Option(help: "Seed for the force-directed engines and community colours.")
  var seed: UInt64 = 1

  @Option(help: "Title (default: the dataset's title).")
  var title: String?

  @Flag(help: "Leave the legend out.")
  var noLegend = false

  @Option(help: "Colour nodes by kind, country, community or gap (facilities by the gap's low bound).")
  var colorBy: DiagramOptions.ColorBy = .kind

  @Option(help: "With --color-by gap: weights preset or file, as for gapmap gaps.")
  var weights = "default"

  @Option(help: "A JSON or YAML style file overriding colours and shapes per kind (see docs/rendering.md).")
  var style: String?

  @Flag(help: "Draw every entity even above 2,000 (default: an aggregated view).")
  var full = false

  @Option(help: "Aggregated view: group by kind, country or community (default: kind and country).")
  var aggregateBy: DiagramOptions.AggregateBy?

  @Option(help: "Group nodes in boxes by country or kind.")
  var clusterBy: DiagramOptions.ClusterBy?

  @Option(help: "Size nodes by a centrality measure (e.g. pagerank, betweenness, degree).")
  var sizeBy: Measure?

  @Option(help: "Edge labels: none, value, function or kind.")
  var edgeLabels: DiagramOptions.EdgeLabels = .none

  @Option(help: "Only this entity and its neighbourhood (see --depth).")
  var focus: String?

  @Option(help: "With --focus: how many relations away to include.")
  var depth = 1

  @Option(help: "Only this facility's chain, with its single points of accountability outlined.")
  var facility: String?

  @Option(help: "dot: LR (default), TB, RL or BT.")
  var rankdir = "LR"

  @Option(help: "PNG resolution.")
  var dpi: Double = 96

  @Flag(help: "SVG for inlining in HTML (no XML prolog).")
  var fragment = false

  @Option(help: "Prefix for every id in the SVG (default: derived from the content).")
  var idPrefix: String?

  @Flag(help: "Keep Graphviz's fixed width and height on the SVG.")
  var fixedSize = false

  @Option(help: "Seconds the layout may take before it is stopped.")
  var timeout: Double = 60

  @Option(help: "Gigabytes of address space the layout worker may use (0: no limit).")
  var memoryLimit: Double = 8

  @Option(help: "Refuse to draw more nodes than this (after aggregation).")
  var maxNodes = 20_000

  @Option(help: "Refuse to draw more edges than this (after aggregation).")
  var maxEdges = 200_000

  @Flag(help: .hidden)
  var inProcess = false

  func validate() throws {
    guard ["LR", "TB", "RL", "BT"].contains(rankdir) else {
      throw ValidationError("--rankdir: LR, TB, RL or BT")
    }
    guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    guard memoryLimit >= 0 else { throw ValidationError("--memory-limit must be 0 (none) or positive") }
    guard dpi >= 10 && dpi <= 1200 else { throw ValidationError("--dpi must be between 10 and 1200") }
    if let idPrefix,
      !idPrefix.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) || idPrefix.isEmpty
    {
      throw ValidationError("--id-prefix: letters, digits, - and _ only")
    }
    guard depth >= 0 else { throw ValidationError("--depth must be at least 0") }
    if resolvedFormat == nil {
      throw ValidationError("cannot tell the format from \"\(output)\"; use --format svg|png|pdf|dot|json")
    }
  }

  var resolvedFormat: DiagramFormat? {
    if let format { return format }
    if output == "-" { return .svg }
    let ext = (output as NSString).pathExtension.lowercased()
    return DiagramFormat(rawValue: ext == "gv" ? "dot" : ext)
  }

  func run() throws {
    if !inProcess {
      try runWorker()
      return
    }
    Worker.limitMemory(gigabytes: memoryLimit)
    let dataset = try filters.filter().apply(to: Report.loadValid(input))
    Report.diagnostics(TextSafety.xmlDiagnostics(dataset))
    var options = DiagramOptions()
    options.colorBy = colorBy
    options.clusterBy = clusterBy
    options.sizeBy = sizeBy
    options.edgeLabels = edgeLabels
    options.focus = focus.map { ($0, depth) }
    options.facility = facility
    options.title = title
    options.legend = !noLegend
    options.rankdir = rankdir
    options.seed = seed
    options.full = full
    options.aggregateBy = aggregateBy
    options.at = filters.at.flatMap { PartialDate($0) }
    if colorBy == .gap || facility != nil {
      options.weights = Gaps.loadWeights(weights)
      options.evidence = filters.evidence
      options.at = MetricsOptions.date(filters.at, dataset)
      options.rules = filters.noInference ? .none : .all
    }
    if let style {
      do {
        try options.style.apply(try YAML.read(style), file: style)
      } catch let error as IOError {
        Report.fail(error)
      } catch let error as RenderError {
        Report.printError(error.messageWithOption)
        Report.exitNow(1)
      }
    }
    let format = resolvedFormat ?? .svg
    do {
      let figure = try DiagramBuilder.build(dataset, options: options)
      guard figure.nodes.count <= maxNodes, figure.edges.count <= maxEdges else {
        Report.printError(
          "\(input.dataset): the figure has \(figure.nodes.count) nodes and \(figure.edges.count) edges, above "
            + "--max-nodes \(maxNodes) / --max-edges \(maxEdges); drop --full (aggregated view), filter "
            + "(--at, --relations, --kinds), use --focus ID --depth 1, or raise the limits")
        Report.exitNow(1)
      }
      // Fault injection for the tests of worker isolation (never set in normal use).
      if ProcessInfo.processInfo.environment["GAPMAP_FAULT"] == "abort-in-render" { abort() }
      var ro = RenderOptions()
      ro.engine = engine
      ro.seed = seed
      ro.dpi = dpi
      var bytes = try Renderer.render(figure, format: format, options: ro)
      if format == .svg {
        var so = SVGPostProcessor.Options()
        so.idPrefix = idPrefix
        so.fragment = fragment
        so.fixedSize = fixedSize
        bytes = Array(
          SVGPostProcessor.process(String(decoding: bytes, as: UTF8.self), graph: figure, options: so).utf8)
      }
      try Files.writeAtomically(bytes, to: output)
    } catch let error as RenderError {
      Report.printError("\(input.dataset): \(error.messageWithOption)")
      Report.exitNow(error.message.hasPrefix("Graphviz") ? 3 : 1)
    } catch let error as IOError {
      Report.fail(error)
    }
  }

  func runWorker() throws {
    Worker.run(
      timeout: timeout, memoryLimit: memoryLimit, label: input.dataset,
      advice:
        "try --engine sfdp, a filter (--relations, --kinds, --at) or --focus ID --depth 1, or raise --timeout"
    )
  }

}

extension DiagramFormat: ExpressibleByArgument {}
extension Engine: ExpressibleByArgument {}
extension DiagramOptions.ColorBy: ExpressibleByArgument {}
extension DiagramOptions.ClusterBy: ExpressibleByArgument {}
extension DiagramOptions.AggregateBy: ExpressibleByArgument {}
extension DiagramOptions.EdgeLabels: ExpressibleByArgument {}
