import GapMapAlgorithms
import GapMapGraph
import GapMapIO
import GapMapModel
import GapMapRender
import Testing

/// Library errors describe the problem in the library's terms (issue 16, section 3): none names
/// a command-line flag; what would fix them is a structured remedy, which the CLI turns into a
/// flag hint (`ErrorHintCLITests`).
@Suite struct LibraryErrorTests {
  /// Whether `text` names a command-line flag (`--to`, `--input-format`, …).
  static func namesFlag(_ text: String) -> Bool { text.contains(/--[a-z]/) }

  static func expectNoFlag(
    _ e: IOError, _ remedy: IOError.Remedy, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(e.remedy == remedy, sourceLocation: sourceLocation)
    for text in [e.message, e.hint ?? "", e.description] {
      #expect(!namesFlag(text), "\(text)", sourceLocation: sourceLocation)
    }
  }

  /// The error `body` throws (nil if it throws none).
  static func caught<E: Error>(_ body: () throws(E) -> Void) -> E? {
    do {
      try body()
      return nil
    } catch { return error }
  }

  @Test func ioErrorsNameNoFlag() throws {
    let json = Array(#"{"nodes": []}"#.utf8)
    let notGapMap = try #require(
      Self.caught { () throws(IOError) in _ = try DatasetIO.decodeJSON(json, file: "n.json") })
    Self.expectNoFlag(notGapMap, .nameInputFormat)

    let d = try DatasetIO.load(Paths.bundled).dataset
    let dir = Paths.temporaryFolder()
    let unnamed = try #require(
      Self.caught { () throws(IOError) in try DatasetIO.write(d, to: dir + "/out.xyz") })
    Self.expectNoFlag(unnamed, .nameOutputFormat)
    #expect(unnamed.message == "cannot tell the output format from the name")
    for format in [DatasetFormat.ocds, .ftm] {
      let readOnly = try #require(
        Self.caught { () throws(IOError) in try DatasetIO.write(d, to: dir + "/out.json", format: format) })
      Self.expectNoFlag(readOnly, .chooseWritableFormat)
    }

    // JSON that is not UTF-8 (an ISO-8859-1 é), as GapMap JSON and as OCDS.
    let latin1 = Array(#"{"gapmap": 1, "title": ""#.utf8) + [0xE9] + Array(#""}"#.utf8)
    let json1 = try #require(Self.caught { () throws(IOError) in _ = try JSON.parse(latin1, file: "l.json") })
    Self.expectNoFlag(json1, .decodeAsLatin1)
    let ocds = try #require(Self.caught { () throws(IOError) in _ = try OCDS.read(latin1, file: "l.json") })
    Self.expectNoFlag(ocds, .decodeAsLatin1)
  }

  @Test func modelErrorNamesNoFlag() throws {
    let d = try DatasetIO.load(Paths.bundled).dataset
    let error = try #require(
      Self.caught { () throws(ModelError) in _ = try Projection(d, weight: .attribute("value")) })
    #expect(error.remedy == .leaveOutRelations)
    #expect(error.message.contains("relation(s) have no known number in \"value\""))
    #expect(error.description == error.message + "; leave them out (filter by relation kind) or fill them in")
    #expect(!Self.namesFlag(error.description))
  }

  @Test func renderErrorsNameNoFlag() throws {
    var d = try DatasetIO.load(Paths.bundled).dataset
    var focus = DiagramOptions()
    focus.focus = ("nobody", 1)
    var notFacility = DiagramOptions()
    notFacility.facility = "nobody"
    let facility = try #require(d.entities.first { $0.kind == .facility }).id
    var undated = DiagramOptions()
    undated.facility = facility
    undated.at = nil
    d.metadata.asOf = nil
    let cases: [(DiagramOptions, RenderError.Problem)] = [
      (focus, .unknownFocus("nobody")), (notFacility, .notAFacility("nobody")), (undated, .facilityNeedsDate),
    ]
    for (options, expected) in cases {
      let e = try #require(
        Self.caught { () throws(RenderError) in _ = try DiagramBuilder.build(d, options: options) },
        "\(expected)")
      #expect(e.problem == expected)
      #expect(!Self.namesFlag(e.message), "\(e.message)")
    }
  }

  @Test func measureErrorsNameNoFlagAndTakeTheCallersNames() throws {
    let empty = try Graph(nodeCount: 0, sources: [], targets: [], directed: false)
    let zero = try Graph(nodeCount: 2, sources: [0], targets: [1], weights: [0], directed: false)
    let cycle = try Graph(nodeCount: 3, sources: [0, 1, 2], targets: [1, 2, 0], directed: true)
    var once = MeasureOptions()
    once.maxIterations = 1
    let runs: [(Graph, Measure, MeasureOptions)] = [
      (empty, .eigenvector, MeasureOptions()), (zero, .edgeBetweenness, MeasureOptions()),
      (cycle, .katz, once),
    ]
    for (g, m, options) in runs {
      let error = try #require(
        Self.caught { () throws(MeasureError) in _ = try g.measures([m], options: options) }, "\(m)")
      #expect(error.measure == m)
      #expect(error.description.hasPrefix("\(m) "), "\(error)")
      #expect(!Self.namesFlag(error.description), "\(error)")
      #expect(error.description(naming: { _ in "M" }).hasPrefix("M "))
    }
  }
}
