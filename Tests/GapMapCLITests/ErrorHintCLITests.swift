import Foundation
import Testing

/// The CLI's flag hints for library errors (`Sources/gapmap/ErrorHints.swift`) and its measure
/// catalogue (`MeasureCatalogue.swift`): the library says what is wrong, the CLI names the flag,
/// and the printed messages are the ones users have always seen.
extension CLITests {
  @Test func ioErrorRemediesBecomeFlagHints() throws {
    let dir = Self.temp()
    try #"{"foo": 1}"#.write(toFile: dir + "/n.json", atomically: true, encoding: .utf8)
    let notGapMap = try Self.run(["validate", dir + "/n.json"])
    #expect(notGapMap.status == 1)
    #expect(
      notGapMap.stderr
        == dir
        + #"/n.json:1: not a GapMap JSON file (no "gapmap" key) (hint: node-link JSON and other formats are read with --input-format)"#
        + "\n")

    let unnamed = try Self.run(["convert", "datasets/border-outsourcing", dir + "/out.xyz"])
    #expect(unnamed.status == 1)
    #expect(
      unnamed.stderr
        == dir
        + "/out.xyz: cannot tell the output format from the name (hint: use --to folder|json|edgelist)\n")

    let readOnly = try Self.run(["convert", "datasets/border-outsourcing", dir + "/x.json", "--to", "ftm"])
    #expect(
      readOnly.stderr
        == dir
        + "/x.json: GapMap reads ftm but does not write it (hint: use --to folder, json, graphml, gexf, node-link, gml or pajek)\n"
    )

    let latin1 = Array(#"{"gapmap": 1, "title": ""#.utf8) + [0xE9] + Array(#""}"#.utf8)
    try Data(latin1).write(to: URL(fileURLWithPath: dir + "/l.json"))
    let notUTF8 = try Self.run(["validate", dir + "/l.json"])
    #expect(notUTF8.status == 1)
    #expect(
      notUTF8.stderr.hasSuffix(
        "not UTF-8 (ISO-8859-1 or Windows-1252?) (hint: read it with --encoding latin1, or convert it first: iconv -f ISO-8859-1 -t UTF-8)\n"
      ), "\(notUTF8.stderr)")
  }

  @Test func modelErrorRemedyBecomesAFlagHint() throws {
    let r = try Self.run([
      "centrality", "datasets/border-outsourcing", "--measure", "degree", "--weight", "value",
    ])
    #expect(r.status == 1)
    #expect(
      r.stderr.wholeMatch(
        of:
          /datasets\/border-outsourcing: --weight value: \d+ relation\(s\) have no known number in "value" \([^)]*\); filter them out with --relations or fill them in\n/
      ) != nil, "\(r.stderr)")
  }

  @Test func renderErrorProblemsNameTheirFlags() throws {
    let out = Self.temp() + "/f.svg"
    let focus = try Self.run(["render", "datasets/border-outsourcing", "--focus", "nobody", "-o", out])
    #expect(focus.status == 1)
    #expect(focus.stderr == "datasets/border-outsourcing: unknown entity \"nobody\" for --focus\n")
    let facility = try Self.run(["render", "datasets/border-outsourcing", "--facility", "nobody", "-o", out])
    #expect(facility.status == 1)
    #expect(
      facility.stderr
        == "datasets/border-outsourcing: \"nobody\" is not a facility of this dataset (--facility)\n")
  }

  @Test func measureErrorsUseTheCatalogueNames() throws {
    let dir = Self.temp()
    try "source,target,weight\na,b,0\nb,c,1\n".write(
      toFile: dir + "/z.csv", atomically: true, encoding: .utf8)
    let zero = try Self.run([
      "centrality", dir + "/z.csv", "--measure", "edge-betweenness", "--weight", "weight",
    ])
    #expect(zero.status == 1)
    #expect(
      zero.stderr
        == dir
        + "/z.csv: edge-betweenness reads weights as lengths, which must be positive; found 0.0 on the edge a → b\n"
    )
    let katz = try Self.run(["centrality", dir + "/z.csv", "--measure", "katz", "--max-iterations", "1"])
    #expect(katz.status == 1)
    #expect(katz.stderr.hasSuffix("; raise --max-iterations or --tolerance\n"), "\(katz.stderr)")
    #expect(katz.stderr.hasPrefix(dir + "/z.csv: katz did not converge in 1 iterations"))
  }

  /// Every measure is listed once in `centrality --help` and offered by `render --size-by`, by
  /// its command-line name.
  @Test func theMeasureCatalogueListsEveryMeasure() throws {
    let names = [
      "degree", "in-degree", "out-degree", "strength", "closeness", "harmonic", "betweenness",
      "edge-betweenness", "approx-betweenness", "eigenvector", "katz", "pagerank", "hubs", "authorities",
      "kcore", "constraint", "effective-size", "component", "scc", "community",
    ]
    let help = try Self.run(["centrality", "--help"]).stdout
    #expect(help.contains("  degree, in-degree, out-degree   counts (--normalized: ÷ (n − 1))\n"))
    #expect(help.contains("  community                       Louvain (--resolution, --seed), largest = 0\n"))
    let unknown = try Self.run(["centrality", "datasets/border-outsourcing", "--measure", "nope"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("(one of \(names.joined(separator: ", ")))"))
    let sizeBy = try Self.run(["render", "datasets/border-outsourcing", "--size-by", "nope", "-o", "x.svg"])
    #expect(sizeBy.status == 2)
    #expect(sizeBy.stderr.contains(names.map { "  - \($0)\n" }.joined()))
    let inDegree = try Self.run([
      "centrality", "datasets/border-outsourcing", "--measure", "in-degree,effective-size",
    ])
    #expect(inDegree.stdout.hasPrefix("id,in-degree,effective-size\n"))
  }
}
