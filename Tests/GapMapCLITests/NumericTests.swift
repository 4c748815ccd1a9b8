import Foundation
import Testing

/// Numbers `validate --strict` accepts never crash a command (issue 18, item 6), and a crashed
/// worker is reported as what it was.
extension CLITests {
  static func hugeValueDataset() throws -> String {
    let dir = temp() + "/huge"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try "{\"title\": \"Huge values\", \"as_of\": \"2020\"}\n"
      .write(toFile: dir + "/dataset.json", atomically: true, encoding: .utf8)
    try """
    id,name,kind,country,capacity
    uk,UK,state,GB,
    co,Co,company,GB,
    co2,Co2,company,GB,
    co3,Co3,company,GB,
    fac,Fac,facility,GB,9223372036854775807

    """.write(toFile: dir + "/entities.csv", atomically: true, encoding: .utf8)
    try """
    id,source,target,kind,value,currency,function,sources
    r1,uk,co,contracts,1e19,GBP,detention_operation,s1
    r2,uk,co2,contracts,1.7e308,GBP,detention_operation,s1
    r3,uk,co3,contracts,1.7e308,GBP,detention_operation,s1
    r4,co,fac,operates,,,detention_operation,s1
    r5,co2,fac,operates,,,detention_operation,s1

    """.write(toFile: dir + "/relations.csv", atomically: true, encoding: .utf8)
    try "id,title,url\ns1,S,https://example.org\n"
      .write(toFile: dir + "/sources.csv", atomically: true, encoding: .utf8)
    return dir
  }

  @Test func hugeContractValuesCrashNothing() throws {
    let data = try Self.hugeValueDataset()
    #expect(try Self.run(["validate", "--strict", data]).status == 0)
    let json = try Self.run(["gaps", data, "--format", "json", "--sensitivity"])
    #expect(json.status == 0, "\(json.stderr)")
    #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil, "\(json.stdout)")
    let table = try Self.run(["gaps", data, "--format", "table"])
    #expect(table.status == 0, "\(table.stderr)")
    #expect(table.stdout.contains("detention_operation 5000–"), "\(table.stdout)")
    let out = Self.temp()
    let report = try Self.run(["report", data, "-o", out + "/r"])
    #expect(report.status == 0, "\(report.stderr)")
    #expect(!report.stderr.contains("Graphviz"))
    for command in [
      ["render", data, "--edge-labels", "value", "--timeout", "1e30", "-o", out + "/a.svg"],
      ["chains", data, "--facility", "fac"], ["summary", data],
      ["centrality", data, "--measure", "pagerank,betweenness"],
      ["convert", data, out + "/d.graphml"],
    ] {
      let r = try Self.run(command)
      #expect(r.status == 0, "\(command): \(r.stderr)")
    }
  }

  @Test func aCrashedWorkerIsReportedAsWhatItWas() throws {
    let r = try Self.run(
      ["render", Self.bundled, "-o", Self.temp() + "/x.svg"], environment: ["GAPMAP_FAULT": "abort-in-render"]
    )
    #expect(r.status == 3)
    #expect(r.stderr.contains("the worker process aborted (signal 6, SIGABRT)"), "\(r.stderr)")
    #expect(!r.stderr.contains("Graphviz crashed"))
  }
}
