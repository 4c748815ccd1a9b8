import Foundation
import Testing

/// The bad-input catalogue: malformed or hostile inputs, each with the exit code and message a
/// user gets. None may crash, hang, or write outside the requested output.
extension CLITests {
  struct BadInput: CustomStringConvertible, Sendable {
    var name: String
    /// Files to create (relative path → bytes).
    var files: [String: [UInt8]]
    /// Arguments; `$D` is replaced by the case's folder.
    var args: [String]
    var exit: Int32
    /// Text stderr must contain (or stdout, for outputs checked by content).
    var message: String
    var description: String { name }
  }

  static let entities = "id,name,kind\na,A,state\nb,B,company\n"
  static let relations = "id,source,target,kind,sources\nr1,a,b,contracts,s1\n"
  static let sources = "id,title\ns1,A source\n"

  static func folder(
    entities e: String = entities, relations r: String = relations, sources s: String = sources
  ) -> [String: [UInt8]] {
    ["d/entities.csv": Array(e.utf8), "d/relations.csv": Array(r.utf8), "d/sources.csv": Array(s.utf8)]
  }

  static func text(_ path: String, _ s: String) -> [String: [UInt8]] { [path: Array(s.utf8)] }

  static let catalogue: [BadInput] = {
    var c: [BadInput] = []
    func add(_ name: String, _ files: [String: [UInt8]], _ args: [String], _ exit: Int32, _ message: String) {
      c.append(BadInput(name: name, files: files, args: args, exit: exit, message: message))
    }
    // Dataset folders.
    add(
      "missing relations.csv", ["d/entities.csv": Array(entities.utf8)], ["validate", "$D/d"], 1,
      "relations.csv: missing")
    add(
      "unclosed quote at the end", folder(relations: "source,target,kind\na,b,\"link\n"),
      ["validate", "$D/d"], 1, "relations.csv:2: unclosed quote")
    add(
      "ragged row", folder(relations: "source,target,kind\na,b,link,extra\n"), ["validate", "$D/d"], 1,
      "4 fields but the header has 3")
    add(
      "truncated file mid-row", folder(relations: "source,target,kind\na,b"), ["validate", "$D/d"], 1,
      "relations.csv:2")
    add(
      "empty entities.csv", folder(entities: ""), ["validate", "$D/d"], 1, "entities.csv:1: the file is empty"
    )
    var latin1 = folder()
    latin1["d/entities.csv"] =
      Array("id,name,kind\na,".utf8) + [0xE9, 0x74, 0xE9] + Array(",state\nb,B,company\n".utf8)
    add("Latin-1 bytes", latin1, ["validate", "$D/d"], 1, "entities.csv:2: the file is not valid UTF-8")
    var bom = folder()
    bom["d/entities.csv"] = [0xEF, 0xBB, 0xBF] + Array(entities.utf8)
    add("UTF-8 byte-order mark (accepted)", bom, ["validate", "$D/d"], 0, "valid")
    var utf16 = folder()
    utf16["d/entities.csv"] =
      [0xFF, 0xFE] + Array("id,name,kind\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    add("UTF-16 file", utf16, ["validate", "$D/d"], 1, "entities.csv")
    var nul = folder()
    nul["d/entities.csv"] = Array("id,name,kind\na,A".utf8) + [0] + Array(",state\nb,B,company\n".utf8)
    add("NUL byte", nul, ["validate", "$D/d"], 1, "NUL byte in the file")
    add(
      "duplicate ids", folder(entities: entities + "a,Again,state\n"), ["validate", "$D/d"], 1,
      "duplicate id \"a\"")
    add(
      "dangling entity reference", folder(relations: "source,target,kind,sources\na,zz,contracts,s1\n"),
      ["validate", "$D/d"], 1, "zz")
    add(
      "dangling source reference", folder(relations: "source,target,kind,sources\na,b,contracts,s9\n"),
      ["validate", "$D/d"], 1, "s9")
    add(
      "unknown kind", folder(entities: "id,name,kind\na,A,spaceship\n"), ["validate", "$D/d"], 1, "spaceship")
    add(
      "impossible date", folder(relations: "source,target,kind,start,sources\na,b,contracts,2019-02-30,s1\n"),
      ["validate", "$D/d"], 1, "2019-02-30")
    add(
      "huge number", folder(relations: "source,target,kind,value,sources\na,b,contracts,1e400,s1\n"),
      ["validate", "$D/d"], 1, "\"1e400\" is not a number")
    add(
      "non-finite number", folder(relations: "source,target,kind,value,sources\na,b,contracts,nan,s1\n"),
      ["validate", "$D/d"], 1, "\"nan\" is not a number")
    add(
      "thousands separator",
      folder(relations: "source,target,kind,value,sources\na,b,contracts,\"12,5m\",s1\n"),
      ["validate", "$D/d"], 1, "\"12,5m\" is not a number")
    add(
      "negative count", folder(entities: "id,name,kind,capacity\na,A,state,\nb,B,facility,-4\n"),
      ["validate", "$D/d"], 1, "capacity")
    add(
      "malformed compact map",
      folder(relations: "source,target,kind,disclosure,sources\na,b,contracts,value=maybe,s1\n"),
      ["validate", "$D/d"], 1, "\"maybe\" is not a value for value")
    add(
      "relation against its kind's direction",
      folder(relations: "source,target,kind,sources\na,b,operates,s1\n"), ["validate", "$D/d"], 1, "operates")
    add(
      "control characters in a name (kept, escaped on output)",
      folder(entities: "id,name,kind\na,\"A\u{07}\u{1B}[31m\",state\nb,B,company\n"), ["validate", "$D/d"], 0,
      "valid")
    add(
      "invalid id characters", folder(entities: "id,name,kind\n\"a b\",A,state\n"), ["validate", "$D/d"], 1,
      "a b")
    add(
      "--strict turns a warning into failure", folder(relations: "source,target,kind\na,b,contracts\n"),
      ["validate", "--strict", "$D/d"], 1, "cites no source")
    // GapMap JSON.
    add(
      "deeply nested JSON", text("x.json", String(repeating: "[", count: 100_000)),
      ["validate", "$D/x.json"], 1, "nested deeper than")
    add(
      "truncated JSON", text("x.json", "{\"gapmap\": 1, \"entities\": [\n {\"id\": \"a\""),
      ["validate", "$D/x.json"], 1, "x.json:2")
    add(
      "unsupported GapMap JSON version", text("x.json", "{\"gapmap\": 2}"), ["validate", "$D/x.json"], 1,
      "unsupported version")
    add(
      "JSON that is no known format", text("x.json", "{\"vertices\": []}"), ["validate", "$D/x.json"], 1,
      "not a GapMap JSON file")
    add(
      "JSON number too large",
      text(
        "x.json",
        "{\"gapmap\": 1, \"entities\": [{\"id\": \"a\", \"name\": \"A\", \"kind\": \"facility\", \"capacity\": 1e999}]}"
      ), ["validate", "$D/x.json"], 1, "capacity")
    // Edge lists.
    add(
      "edge list with one column", text("e.csv", "source,target\na\n"), ["summary", "$D/e.csv"], 1,
      "expected a source and a target")
    add(
      "edge list weight missing on a later line", text("e.csv", "source,target,weight\na,b,1\nb,c\n"),
      ["summary", "$D/e.csv"], 1, "missing weight")
    add(
      "non-finite weight", text("e.csv", "source,target,weight\na,b,inf\n"), ["summary", "$D/e.csv"], 1,
      "\"inf\" is not a number")
    add(
      "negative length for betweenness", text("e.csv", "source,target,weight\na,b,-1\nb,c,2\n"),
      ["centrality", "$D/e.csv", "--measure", "betweenness", "--weight", "weight"], 1, "on the edge a → b")
    add(
      "self-loops only (fine)", text("e.csv", "source,target\na,a\nb,b\n"),
      ["centrality", "$D/e.csv", "--measure", "betweenness,pagerank", "--format", "csv"], 0,
      "id,betweenness,pagerank")
    add(
      "empty edge list (an empty graph)", text("e.csv", ""), ["summary", "$D/e.csv"], 0,
      "weak components             0")
    // XML.
    add(
      "GraphML entity expansion (billion laughs)",
      text(
        "g.graphml",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n<graphml><graph><node id=\"&b;\"/></graph></graphml>\n"
      ), ["validate", "$D/g.graphml"], 1, "g.graphml:2: DOCTYPE and entity declarations are not accepted")
    add(
      "GEXF external entity (local file)",
      text(
        "g.gexf",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE g [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<gexf><graph><nodes><node id=\"a\" label=\"&x;\"/></nodes></graph></gexf>\n"
      ), ["validate", "$D/g.gexf"], 1, "DOCTYPE")
    add(
      "truncated GraphML", text("g.graphml", "<graphml>\n<graph>\n<node id=\"a\">\n"),
      ["validate", "$D/g.graphml"], 1, "ends inside <node>")
    add(
      "GraphML data with an undeclared key",
      text(
        "g.graphml",
        "<graphml>\n<graph>\n<node id=\"a\"><data key=\"k\">x</data></node>\n</graph>\n</graphml>\n"),
      ["validate", "$D/g.graphml"], 1, "g.graphml:3: <data> refers to an undeclared key")
    add(
      "node-link edge without a source",
      text("n.json", "{\"nodes\": [{\"id\": \"a\"}], \"edges\": [{\"target\": \"a\"}]}"),
      ["validate", "$D/n.json", "--input-format", "node-link"], 1, "edge source")
    // FtM and OCDS.
    add(
      "FtM line that is not JSON", text("f.jsonl", "{\"id\": \"a\", \"schema\": \"Company\"}\n{oops\n"),
      ["validate", "$D/f.jsonl"], 1, "f.jsonl:2")
    add(
      "OCDS release without an ocid", text("o.json", "{\"releases\": [{\"id\": \"x\"}]}"),
      ["validate", "$D/o.json"], 1, "a release without an ocid")
    // Manifests.
    add(
      "manifest output escaping with ..",
      text("b.yaml", "jobs:\n  - name: x\n    run: summary\n    dataset: .\n    output: ../../etc/x.json\n"),
      ["batch", "$D/b.yaml"], 1, "may not contain ..")
    add(
      "manifest YAML alias bomb", text("b.yaml", "a: &a [1, 1, 1]\nb: &b [*a, *a, *a]\njobs: *b\n"),
      ["batch", "$D/b.yaml"], 1, "anchors and aliases are not supported")
    add(
      "manifest that is not YAML", ["b.yaml": [0x7B, 0x7B, 0xFF, 0xFE, 0x3A, 0x0A]], ["batch", "$D/b.yaml"],
      1, "b.yaml")
    add(
      "manifest with an unknown command",
      text("b.yaml", "jobs:\n  - name: x\n    run: rm\n    dataset: .\n    output: x\n"),
      ["batch", "$D/b.yaml"], 1, "run: one of")
    // Options and outputs.
    add(
      "weights file with a bad value", folder() + text("w.yaml", "oversight: high\n"),
      ["gaps", "$D/d", "--weights", "$D/w.yaml"], 1, "w.yaml:1: oversight: weight is not a number")
    add(
      "style file naming an image shape", folder() + text("s.yaml", "nodes:\n  state: {shape: epsf}\n"),
      ["render", "$D/d", "--style", "$D/s.yaml", "-o", "$D/x.svg"], 1, "s.yaml:2: nodes.state.shape")
    add(
      "output into a missing folder", folder(), ["render", "$D/d", "-o", "$D/no/such/x.svg"], 3,
      "cannot write")
    add("a date that is not a date", folder(), ["gaps", "$D/d", "--at", "someday"], 2, "--at")
    add("an unknown measure", folder(), ["centrality", "$D/d", "--measure", "wisdom"], 2, "wisdom")
    add("report to standard output", folder(), ["report", "$D/d", "-o", "-"], 2, "a report is a folder")
    add(
      "formula injection in ids is neutralised in CSV output",
      text("e.csv", "source,target\n=HYPERLINK(\"http://x\"),@cmd\n+1+2,-3\n"),
      ["centrality", "$D/e.csv", "--measure", "degree", "--format", "csv"], 0, "'=HYPERLINK")
    return c
  }()

  @Test func catalogueHasAtLeastFortyCases() { #expect(Self.catalogue.count >= 40) }

  @Test(arguments: catalogue)
  func badInput(_ c: BadInput) throws {
    let dir = Self.temp()
    for (path, bytes) in c.files {
      let full = dir + "/" + path
      try FileManager.default.createDirectory(
        atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try Data(bytes).write(to: URL(fileURLWithPath: full))
    }
    let before = Set(FileManager.default.subpaths(atPath: dir) ?? [])
    let r = try Self.run(c.args.map { $0.replacingOccurrences(of: "$D", with: dir) })
    #expect(r.status == c.exit, "\(c.name): exit \(r.status)\n\(r.stderr)")
    #expect(
      r.stderr.contains(c.message) || r.stdout.contains(c.message), "\(c.name): \(r.stderr.prefix(600))")
    // No crash, and nothing written but the requested output.
    #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Stack dump"), "\(c.name)")
    let after = Set(FileManager.default.subpaths(atPath: dir) ?? [])
    let created = after.subtracting(before).filter { !$0.hasPrefix("d/") || $0.hasSuffix(".svg") }
    if c.exit != 0 { #expect(created.isEmpty, "\(c.name) left \(created)") }
  }

  @Test func aMillionDuplicateIDsFailFast() throws {
    let dir = Self.temp()
    try FileManager.default.createDirectory(atPath: dir + "/d", withIntermediateDirectories: true)
    var text = "id,name,kind\n"
    text.reserveCapacity(20_000_000)
    for _ in 0..<1_000_000 { text += "same,Same,other\n" }
    try text.write(toFile: dir + "/d/entities.csv", atomically: true, encoding: .utf8)
    try "source,target,kind\n".write(toFile: dir + "/d/relations.csv", atomically: true, encoding: .utf8)
    let start = Date()
    let r = try Self.run(["validate", dir + "/d"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("duplicate id \"same\""))
    #expect(Date().timeIntervalSince(start) < 60)
  }
}

extension Dictionary where Key == String, Value == [UInt8] {
  static func + (a: Self, b: Self) -> Self { a.merging(b) { _, new in new } }
}
