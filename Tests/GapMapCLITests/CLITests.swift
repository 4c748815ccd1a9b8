import Foundation
import Testing

/// End-to-end tests of the real `gapmap` binary: exit codes, messages, files.
@Suite struct CLITests {
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()
  static let bundled = root + "/datasets/border-outsourcing"
  static let fixtures = root + "/Tests/GapMapTests/Fixtures"

  /// The binary built next to the test bundle.
  static let binary: String = {
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [
      here.appendingPathComponent("gapmap").path,
      here.deletingLastPathComponent().appendingPathComponent("gapmap").path,
      root + "/.build/debug/gapmap",
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[2]
  }()

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(_ args: [String], stdin: String? = nil, environment: [String: String] = [:]) throws
    -> Result
  {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: binary)
    p.arguments = args
    if !environment.isEmpty {
      p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    p.currentDirectoryURL = URL(fileURLWithPath: root)
    // Output goes to files: two pipes read one after the other deadlock once the second fills.
    let base = NSTemporaryDirectory() + "gapmap-run-" + UUID().uuidString
    _ = FileManager.default.createFile(atPath: base + ".out", contents: nil)
    _ = FileManager.default.createFile(atPath: base + ".err", contents: nil)
    defer {
      try? FileManager.default.removeItem(atPath: base + ".out")
      try? FileManager.default.removeItem(atPath: base + ".err")
    }
    p.standardOutput = FileHandle(forWritingAtPath: base + ".out")
    p.standardError = FileHandle(forWritingAtPath: base + ".err")
    let input = Pipe()
    p.standardInput = input
    try p.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    p.waitUntilExit()
    let o = FileManager.default.contents(atPath: base + ".out") ?? Data()
    let e = FileManager.default.contents(atPath: base + ".err") ?? Data()
    return Result(
      status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
      stderr: String(decoding: e, as: UTF8.self))
  }

  static func temp() -> String {
    let path = NSTemporaryDirectory() + "gapmap-cli-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test func validateStrictAcceptsTheBundledDataset() throws {
    let r = try Self.run(["validate", "--strict", "datasets/border-outsourcing"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout.wholeMatch(
        of: /datasets\/border-outsourcing: valid \(\d+ entities, \d+ relations, \d+ sources\)\n/)
        != nil)
    #expect(r.stderr == "")
  }

  /// The issue's acceptance case: a duplicate id, a bad date, a dangling entity reference and a
  /// missing required column each get one precise message, and the exit code is 1.
  @Test func validateReportsEachProblemPrecisely() throws {
    let r = try Self.run(["validate", Self.fixtures + "/bad-dataset"])
    #expect(r.status == 1)
    let dir = Self.fixtures + "/bad-dataset/"
    let lines = r.stderr.split(separator: "\n").map(String.init)
    #expect(
      lines == [
        dir + #"entities.csv:4: id: duplicate id "acme" (first defined on line 3)"#,
        dir + #"relations.csv:2: start: "2019-13" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"#,
        dir + #"relations.csv:3: target: unknown entity "nobody""#,
        dir
          + "sources.csv:1: title: missing required column (hint: the header must name the columns id, title)",
        Self.fixtures
          + "/bad-dataset: invalid: 4 error(s), 0 warning(s) (4 entities, 3 relations, 1 sources)",
      ])
  }

  @Test func strictTurnsWarningsIntoFailure() throws {
    let dir = Self.temp()
    try "id,name,kind\na,A,other\nb,B,other\n".write(
      toFile: dir + "/entities.csv", atomically: true, encoding: .utf8)
    try "source,target,kind\na,b,link\n".write(
      toFile: dir + "/relations.csv", atomically: true, encoding: .utf8)
    try "id,title\n".write(toFile: dir + "/sources.csv", atomically: true, encoding: .utf8)
    let lax = try Self.run(["validate", dir])
    #expect(lax.status == 0)
    #expect(lax.stderr.contains("relations.csv:2: sources: warning: relation r1 cites no source"))
    let strict = try Self.run(["validate", "--strict", dir])
    #expect(strict.status == 1)
  }

  @Test func summaryTableAndJSON() throws {
    let t = try Self.run(["summary", "datasets/border-outsourcing"])
    #expect(t.status == 0)
    #expect(t.stdout.contains(/relations citing a source   (\d+) of \1 \(100.0%\)/))
    #expect(t.stdout.contains(/weak components             \d+ \(largest \d+, isolated \d+\)/))
    let j = try Self.run(["summary", "datasets/border-outsourcing", "--format", "json", "--at", "2012"])
    #expect(j.status == 0)
    let obj = try #require(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any])
    let all = try #require(
      try JSONSerialization.jsonObject(
        with: Data(try Self.run(["summary", "datasets/border-outsourcing", "--format", "json"]).stdout.utf8))
        as? [String: Any])
    #expect(obj["entities"] as? Int == all["entities"] as? Int)
    #expect((obj["relations"] as? Int).map { $0 < all["relations"] as? Int ?? 0 } == true)
    #expect(obj["countries"] is [Any])
  }

  @Test func summaryRefusesAnInvalidDataset() throws {
    let r = try Self.run(["summary", Self.fixtures + "/bad-dataset"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("run `gapmap validate"))
    #expect(r.stdout == "")
  }

  @Test func convertRoundTripsByteIdentically() throws {
    let dir = Self.temp()
    #expect(try Self.run(["convert", "datasets/border-outsourcing", dir + "/a.json"]).status == 0)
    #expect(try Self.run(["convert", dir + "/a.json", dir + "/folder"]).status == 0)
    #expect(try Self.run(["convert", dir + "/folder", dir + "/b.json"]).status == 0)
    let a = try Data(contentsOf: URL(fileURLWithPath: dir + "/a.json"))
    let b = try Data(contentsOf: URL(fileURLWithPath: dir + "/b.json"))
    #expect(a == b && !a.isEmpty)
  }

  @Test func convertReadsStandardInputAndWritesEdgeLists() throws {
    let dir = Self.temp()
    let r = try Self.run(["convert", "-", dir + "/g.json"], stdin: "# comment\n1 2\n2 3\n")
    #expect(r.status == 0, "\(r.stderr)")
    let back = try Self.run(["convert", dir + "/g.json", "-", "--to", "edgelist"])
    #expect(back.stdout == "source,target\n1,2\n2,3\n")
    #expect(back.stderr == "")  // converted from an edge list: nothing dropped
    let lossy = try Self.run(["convert", "datasets/border-outsourcing", dir + "/e.csv"])
    #expect(lossy.status == 0)
    #expect(
      lossy.stderr.contains(
        "keeps source, target and weight only: entity names, kinds and attributes are dropped"))
  }

  @Test func exitCodes() throws {
    #expect(try Self.run(["summary"]).status == 2)  // usage: missing argument
    #expect(try Self.run(["summary", "x", "--evidence", "certain"]).status == 2)
    let missing = try Self.run(["summary", "/nonexistent/data.csv"])
    #expect(missing.status == 1 && missing.stderr.hasPrefix("/nonexistent/data.csv: cannot open"))
    let unwritable = try Self.run(["convert", "datasets/border-outsourcing", "/nonexistent/dir/out.json"])
    #expect(unwritable.status == 3 && unwritable.stderr.contains("cannot write"))
    #expect(!FileManager.default.fileExists(atPath: "/nonexistent/dir/out.json"))
    let bad = try Self.run(["summary", "-", "--at", "2019-13"], stdin: "a b\n")
    #expect(bad.status == 2)
  }

  @Test func versionAndCompletions() throws {
    #expect(try Self.run(["--version"]).stdout == "0.1.0\n")
    let c = try Self.run(["--generate-completion-script", "bash"])
    #expect(c.status == 0 && c.stdout.contains("_gapmap"))
  }
}

@Suite struct CentralityCLITests {
  typealias C = CLITests

  /// The CSV contract: header, one row per node in input order, values networkx gives.
  @Test func csvMatchesNetworkxOnKarate() throws {
    let r = try C.run([
      "centrality", C.fixtures + "/algorithms/karate.csv", "--measure", "pagerank,betweenness,degree,kcore",
      "--format", "csv",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "id,pagerank,betweenness,degree,kcore")
    #expect(lines.count == 35)
    #expect(lines[1].hasPrefix("k0,"))
    let data = try Data(contentsOf: URL(fileURLWithPath: C.fixtures + "/algorithms/karate.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let all = try #require(json["measures"] as? [String: Any])
    let measures = all.compactMapValues { $0 as? [String: Any] }
    for line in lines.dropFirst() {
      let f = line.split(separator: ",").map(String.init)
      let pr = try #require(Double(f[1]))
      let expectedPR = try #require((measures["pagerank"]?[f[0]] as? NSNumber)?.doubleValue)
      #expect(abs(pr - expectedPR) < 1e-6)
      let b = try #require(Double(f[2]))
      let expectedB = try #require((measures["betweenness"]?[f[0]] as? NSNumber)?.doubleValue)
      #expect(abs(b - expectedB) <= 1e-9 * max(1, expectedB))  // summation order differs
      #expect(Int(f[3]) == measures["degree"]?[f[0]] as? Int)
      #expect(Int(f[4]) == measures["kcore"]?[f[0]] as? Int)
    }
  }

  @Test func jsonTopAndEdgeBetweenness() throws {
    let path = C.fixtures + "/algorithms/florentine.csv"
    let j = try C.run([
      "centrality", path, "--measure", "betweenness", "--normalized", "--top", "3", "--format", "json",
    ])
    #expect(j.status == 0)
    let obj = try #require(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any])
    #expect(obj["measures"] as? [String] == ["betweenness"])
    let nodes = try #require(obj["nodes"] as? [[String: Any]])
    #expect(nodes.map { $0["id"] as? String } == ["Medici", "Guadagni", "Albizzi"])
    let e = try C.run(["centrality", path, "--measure", "edge-betweenness", "--format", "csv", "--top", "1"])
    #expect(e.stdout.hasPrefix("source,target,edge-betweenness\n"))
    #expect(e.stdout.split(separator: "\n").count == 2)
  }

  @Test func datasetsAndFilters() throws {
    let dir = C.temp()
    let r = try C.run([
      "centrality", "datasets/border-outsourcing", "--measure", "degree,component", "--relations",
      "contracts,operates",
      "--at", "2018", "-o", dir + "/c.csv",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let text = try String(contentsOfFile: dir + "/c.csv", encoding: .utf8)
    #expect(text.hasPrefix("id,degree,component\nuk-home-office,"))
    let summary = try C.run(["summary", "datasets/border-outsourcing", "--format", "json"])
    let entities = (try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any])?[
      "entities"]
    #expect(text.split(separator: "\n").count == (entities as? Int ?? 0) + 1)
    let weighted = try C.run([
      "centrality", "datasets/border-outsourcing", "--measure", "strength", "--weight", "value",
    ])
    #expect(weighted.status == 1)
    #expect(weighted.stderr.contains("have no known number in \"value\""))
    let counted = try C.run([
      "centrality", "datasets/border-outsourcing", "--measure", "strength", "--weight", "count", "--format",
      "csv",
    ])
    // Strength by count: the number of relations touching the Home Office.
    #expect(counted.stdout.contains(/\nuk-home-office,[1-9][0-9]*\.0\n/))
  }

  @Test func errors() throws {
    let path = C.fixtures + "/algorithms/karate.csv"
    #expect(try C.run(["centrality", path, "--measure", "fame"]).status == 2)
    #expect(try C.run(["centrality", path, "--measure", "edge-betweenness,degree"]).status == 2)
    let p = try C.run(["centrality", path, "--measure", "pagerank", "--personalize", "nobody"])
    #expect(p.status == 1 && p.stderr.contains("unknown node \"nobody\""))
    let dir = C.temp()
    try "source,target,weight\na,b,1\nb,c,0\n".write(
      toFile: dir + "/w.csv", atomically: true, encoding: .utf8)
    let w = try C.run(["centrality", dir + "/w.csv", "--measure", "closeness", "--weight", "weight"])
    #expect(w.status == 1 && w.stderr.contains("must be positive; found 0.0 on the edge b → c"))
    let k = try C.run(["centrality", path, "--measure", "katz", "--alpha", "0.5"])
    #expect(k.status == 1 && k.stderr.contains("katz did not converge"))
  }

  /// Accurate by default: converged to 1e-9 relative against networkx run to convergence; the
  /// accuracy reached is reported; --networkx-defaults reproduces networkx's default numbers.
  @Test func iterativeMeasuresAreAccurateAndReportTheirAccuracy() throws {
    let path = C.fixtures + "/algorithms/lesmis-weighted.csv"
    let data = try Data(contentsOf: URL(fileURLWithPath: C.fixtures + "/algorithms/lesmis-weighted.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let measures = try #require(json["measures"] as? [String: Any])
    func scores(_ extra: [String]) throws -> (values: [String: Double], object: [String: Any], stderr: String)
    {
      let r = try C.run(
        ["centrality", path, "--measure", "pagerank", "--weight", "weight", "--format", "json", "--timings"]
          + extra)
      #expect(r.status == 0, "\(r.stderr)")
      let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
      let nodes = try #require(obj["nodes"] as? [[String: Any]])
      var out: [String: Double] = [:]
      for node in nodes { out[node["id"] as? String ?? ""] = (node["pagerank"] as? NSNumber)?.doubleValue }
      return (out, obj, r.stderr)
    }
    let accurate = try scores([])
    let reference = try #require(measures["pagerank"] as? [String: Double])
    for (id, e) in reference { #expect(abs((accurate.values[id] ?? 0) - e) / e <= 1e-9, "\(id)") }
    let accuracy = try #require(
      (accurate.object["accuracy"] as? [String: Any])?["pagerank"] as? [String: Any])
    #expect((accuracy["residual"] as? Double ?? 1) <= 1e-12)
    #expect(accuracy["tolerance"] as? Double == 1e-12)
    #expect(accuracy["rule"] as? String == "residual")
    #expect((accuracy["iterations"] as? Int ?? 0) > 0)
    #expect(accurate.stderr.contains("pagerank: ") && accurate.stderr.contains("iterations, L1 residual"))
    let nx = try scores(["--networkx-defaults"])
    let nxReference = try #require(measures["pagerank-nx"] as? [String: Double])
    for (id, e) in nxReference { #expect(abs((nx.values[id] ?? 0) - e) <= 1e-15, "\(id)") }
    // The defaults differ measurably from the converged values: the point of the new default.
    #expect(nxReference.contains { id, e in abs(e - reference[id, default: 0]) / e > 1e-6 })
    // Not converged within the limit: exit 1 with the accuracy reached and what to change.
    let few = try C.run(["centrality", path, "--measure", "pagerank", "--max-iterations", "2"])
    #expect(few.status == 1)
    #expect(few.stderr.contains("pagerank did not converge in 2 iterations (L1 residual "))
    #expect(few.stderr.contains("raise --max-iterations or --tolerance"))
    let loose = try C.run([
      "centrality", path, "--measure", "pagerank", "--tolerance", "1e-3", "--format", "json",
    ])
    #expect(loose.status == 0 && loose.stdout.contains("\"tolerance\": 0.001"))
    #expect(try C.run(["centrality", path, "--measure", "pagerank", "--tolerance", "0"]).status == 2)
    #expect(try C.run(["centrality", path, "--measure", "pagerank", "--max-iterations", "0"]).status == 2)
  }

  /// Regression (issue 16, bug 8): with --normalized, k-core, components and communities
  /// (which it does not scale) printed as `4.0`.
  @Test func normalizedKeepsWholeMeasuresWhole() throws {
    let path = C.fixtures + "/algorithms/karate.csv"
    for format in ["csv", "json", "table"] {
      let r = try C.run([
        "centrality", path, "--measure", "kcore,component,degree", "--normalized", "--format", format,
        "--top", "1",
      ])
      #expect(r.status == 0, "\(r.stderr)")
      #expect(!r.stdout.contains("4.0") && r.stdout.contains("4"), "\(format): \(r.stdout)")
      #expect(r.stdout.contains("0.48484848484848486"), "\(format)")  // degree 16 / 33
    }
    let csv = try C.run([
      "centrality", path, "--measure", "kcore,scc,degree", "--normalized", "--format", "csv",
    ])
    #expect(csv.stdout.split(separator: "\n")[1] == "k0,4,0,0.48484848484848486")
  }

  /// Regression (issue 16, bug 4): `approx-betweenness --weight` ignored the weights.
  @Test func approximateBetweennessHonoursWeights() throws {
    let dir = C.temp()
    try "source,target,weight\na,b,1\nb,c,1\na,c,10\n".write(
      toFile: dir + "/t.csv", atomically: true, encoding: .utf8)
    let r = try C.run([
      "centrality", dir + "/t.csv", "--measure", "approx-betweenness", "--weight", "weight", "--format",
      "csv",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let rows = r.stdout.split(separator: "\n")
    #expect(rows.count == 4 && rows[1] == "a,0.0" && rows[3] == "c,0.0")
    let b = Double(rows[2].dropFirst(2)) ?? 0  // exact: 1.0; within ε · n(n − 1)/2 = 0.03
    #expect(rows[2].hasPrefix("b,") && abs(b - 1) <= 0.03, "\(r.stdout)")
    let zero = try C.run([
      "centrality", dir + "/t.csv", "--measure", "approx-betweenness", "--weight", "weight",
    ])
    #expect(zero.status == 0)
    try "source,target,weight\na,b,1\nb,c,0\n".write(
      toFile: dir + "/z.csv", atomically: true, encoding: .utf8)
    let bad = try C.run([
      "centrality", dir + "/z.csv", "--measure", "approx-betweenness", "--weight", "weight",
    ])
    #expect(bad.status == 1 && bad.stderr.contains("must be positive"))
  }

  /// Regression (issue 16, bug 3): two stars a → 1,000 leaves and b → 999 leaves. AᵀA's two
  /// top eigenvalues are 1,000 and 999, so the power iteration needs ~25,000 steps; GapMap
  /// printed hub(b) = 4.5e-5 (networkx: 1.3e-11) and exited 0. It must converge or exit 1.
  @Test func hitsThatDoesNotConvergeExits1() throws {
    let dir = C.temp()
    var edges = "source,target\n"
    for i in 0..<1000 { edges += "a,x\(i)\n" }
    for i in 0..<999 { edges += "b,y\(i)\n" }
    try edges.write(toFile: dir + "/stars.csv", atomically: true, encoding: .utf8)
    let r = try C.run(["centrality", dir + "/stars.csv", "--directed", "--measure", "hubs,authorities"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("hubs did not converge in 1000 iterations"))
    // Given enough iterations it converges, to networkx's answer.
    let more = try C.run([
      "centrality", dir + "/stars.csv", "--directed", "--measure", "hubs", "--max-iterations", "100000",
      "--format", "csv",
    ])
    #expect(more.status == 0, "\(more.stderr)")
    let b = more.stdout.split(separator: "\n").first { $0.hasPrefix("b,") }.map {
      Double($0.dropFirst(2)) ?? 1
    }
    #expect((b ?? 1) < 1e-9)
  }

  @Test func pathListsRelationsAndSources() throws {
    let r = try C.run([
      "path", "datasets/border-outsourcing", "--from", "uk-home-office", "--to", "brook-house", "--format",
      "json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let paths = try #require(obj["paths"] as? [[String: Any]])
    #expect(paths.first?["nodes"] as? [String] == ["uk-home-office", "serco", "brook-house"])
    let hops = try #require(paths.first?["hops"] as? [[String: Any]])
    let rels = try #require(hops.last?["relations"] as? [[String: Any]])
    #expect(rels.contains { $0["id"] as? String == "bo006" })
    let bo006 = try #require(rels.first { $0["id"] as? String == "bo006" })
    let src = try #require(bo006["sources"] as? [[String: Any]])
    #expect(
      src.contains {
        $0["url"] as? String
          == "https://www.theguardian.com/uk-news/2020/feb/20/serco-given-200m-contract-to-run-two-more-immigration-removal-centres"
      })
    // A state reaches its facilities through delegates and successors.
    let state = try C.run([
      "path", "datasets/border-outsourcing", "--from", "au", "--to", "christmas-island-idc",
    ])
    #expect(state.status == 0)
    let successor = try C.run([
      "path", "datasets/border-outsourcing", "--from", "au-home-affairs", "--to", "au-diac",
    ])
    #expect(successor.status == 0 && successor.stdout.contains("succeeds (answers for its predecessor"))
    let none = try C.run([
      "path", "datasets/border-outsourcing", "--from", "incident-mubenga-2010", "--to", "g4s",
    ])
    #expect(none.status == 1 && none.stderr.contains("no path"))
    let undirected = try C.run([
      "path", "datasets/border-outsourcing", "--from", "brook-house", "--to", "uk-home-office",
      "--undirected",
    ])
    #expect(undirected.status == 0)
  }
}

@Suite struct RenderCLITests {
  typealias C = CLITests

  static func randomGraph(nodes: Int, edges: Int) throws -> String {
    let path = C.temp() + "/random.csv"
    var state: UInt64 = 42
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(state >> 33)
    }
    var text = "source,target\n"
    for i in 0..<nodes { text += "v\(i),v\((i + 1) % nodes)\n" }
    for _ in 0..<(edges - nodes) { text += "v\(next() % nodes),v\(next() % nodes)\n" }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func rendersSVGPNGAndPDFOfTheBundledDataset() throws {
    let dir = C.temp()
    for ext in ["svg", "png", "pdf", "dot", "json"] {
      let r = try C.run(["render", "datasets/border-outsourcing", "-o", "\(dir)/out.\(ext)"])
      #expect(r.status == 0, "\(ext): \(r.stderr)")
      let size = (try? FileManager.default.attributesOfItem(atPath: "\(dir)/out.\(ext)")[.size] as? Int) ?? 0
      #expect(size > 1000, "\(ext)")
    }
    let svg = try String(contentsOfFile: dir + "/out.svg", encoding: .utf8)
    #expect(
      svg.hasPrefix("<?xml") && svg.contains("role=\"img\"") && svg.contains("class=\"cluster legend\""))
    // The legend draws glyphs (no shape names).
    #expect(svg.contains("class=\"node legend_glyph\"") && !svg.contains(">parallelogram<"))
    let fragment = try C.run([
      "render", "datasets/border-outsourcing", "--focus", "serco", "--fragment", "-o", "-",
    ])
    #expect(fragment.stdout.hasPrefix("<svg "))
    let chain = try C.run([
      "render", "datasets/border-outsourcing", "--facility", "nauru-rpc", "--at", "2016", "-o",
      dir + "/n.svg",
    ])
    #expect(chain.status == 0)
    let text = try String(contentsOfFile: dir + "/n.svg", encoding: .utf8)
    // Wilson guarded Nauru under Broadspectrum in 2016; Serco ran other centres, not Nauru.
    #expect(text.contains("data-id=\"wilson-security\"") && !text.contains("data-id=\"serco\""))
    #expect(text.contains("as of 2016"))
  }

  @Test func badRequests() throws {
    #expect(try C.run(["render", "datasets/border-outsourcing", "-o", "x.bmp"]).status == 2)
    let f = try C.run([
      "render", "datasets/border-outsourcing", "--facility", "serco", "-o", C.temp() + "/x.svg",
    ])
    #expect(f.status == 1 && f.stderr.contains("is not a facility"))
    let w = try C.run(["render", "datasets/border-outsourcing", "-o", "/nonexistent/x.svg"])
    #expect(w.status == 3)
  }

  @Test func largeGraphsGetSfdpAndSlowLayoutsStop() throws {
    let path = try Self.randomGraph(nodes: 5000, edges: 7500)
    let dir = C.temp()
    let ok = try C.run(["render", path, "-o", dir + "/big.svg", "--no-legend", "--full"])
    #expect(ok.status == 0, "\(ok.stderr)")
    let aggregated = try C.run(["render", path, "-o", dir + "/agg.svg"])
    #expect(aggregated.status == 0, "\(aggregated.stderr)")
    #expect(
      try String(contentsOfFile: dir + "/agg.svg", encoding: .utf8).contains("Aggregated view: 5000 entities")
    )
    let slow = try C.run([
      "render", path, "-o", dir + "/slow.svg", "--engine", "dot", "--full", "--timeout", "1",
    ])
    #expect(slow.status == 3)
    #expect(slow.stderr.contains("took longer than 1 s and was stopped; try --engine sfdp"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/slow.svg"))
  }
}
