import Foundation
import Testing

/// `gapmap report` end to end, and in a real headless browser.
extension CLITests {
  static func python(_ args: [String]) throws -> Result {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3"] + args
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Result(
      status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
      stderr: String(decoding: e, as: UTF8.self))
  }

  @Test func reportOfTheBundledDatasetPassesTheBrowserCheck() throws {
    let dir = Self.temp() + "/report"
    let r = try Self.run(["report", "datasets/border-outsourcing", "-o", dir])
    #expect(r.status == 0, "\(r.stderr)")
    let fm = FileManager.default
    for f in [
      "index.html", "report.md", "figures/overview.svg", "figures/gaps.svg", "figures/chain-yarls-wood.svg",
      "tables/gaps.csv", "tables/gaps.json", "tables/centrality.csv", "tables/coverage.csv",
      "tables/sources.csv",
      "tables/summary.json",
    ] {
      #expect(fm.fileExists(atPath: dir + "/" + f), "\(f)")
    }
    let html = try String(contentsOfFile: dir + "/index.html", encoding: .utf8)
    #expect(html.contains("Content-Security-Policy"))
    #expect(html.contains("dataset SHA-256"))
    #expect(html.contains("insufficient evidence"))
    #expect(!html.contains("http://") || html.contains("rel=\"noopener noreferrer nofollow\""))
    let check = try Self.python([Self.root + "/Tests/browser/check_report.py", dir])
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    // Markdown is escaped for Markdown: no HTML entities.
    let md = try String(contentsOfFile: dir + "/report.md", encoding: .utf8)
    #expect(md.contains("Yarl's Wood") && !md.contains("&#39;") && !md.contains("&amp;"))
    // The explorer: click, panel, sources, slider, no CSP violation, no clipping at 1,400 px.
    let explorer = try Self.python([Self.root + "/Tests/browser/check_explorer.py", dir, "yarls-wood"])
    #expect(explorer.status == 0, "\(explorer.stdout)\(explorer.stderr)")

    // The check can fail: an inline script the CSP blocks is a console message.
    let broken = Self.temp() + "/broken"
    try fm.copyItem(atPath: dir, toPath: broken)
    try html.replacingOccurrences(of: "</main>", with: "<script>document.title='x'</script></main>")
      .write(toFile: broken + "/index.html", atomically: true, encoding: .utf8)
    let bad = try Self.python([Self.root + "/Tests/browser/check_report.py", broken])
    #expect(bad.status != 0)
    #expect(bad.stderr.contains("Content Security Policy"))
  }

  @Test func reportEscapesHostileTextAndLinksOnlySafeURLs() throws {
    let dir = Self.temp() + "/hostile"
    let r = try Self.run(["report", Self.fixtures + "/hostile", "--at", "2020", "-o", dir])
    #expect(r.status == 0, "\(r.stderr)")
    let html = try String(contentsOfFile: dir + "/index.html", encoding: .utf8)
    // GapMap's own script, and the explorer's JSON data block (not executed), only.
    #expect(html.components(separatedBy: "<script").count == 3)
    #expect(html.components(separatedBy: "<script>").count == 2)
    #expect(html.components(separatedBy: "<script type=\"application/json\" id=\"x-data\">").count == 2)
    let data = html.components(separatedBy: "id=\"x-data\">")[1].components(separatedBy: "</script>")[0]
    #expect(!data.contains("<") && !data.contains(">"))
    #expect(!html.contains("javascript:alert") || !html.contains("href=\"javascript"))
    #expect(!html.contains("href=\"javascript") && !html.contains("href=\"data:"))
    #expect(!html.contains("<b>Report</b>"))
    #expect(html.contains("&lt;b&gt;Report&lt;/b&gt;"))
    let md = try String(contentsOfFile: dir + "/report.md", encoding: .utf8)
    #expect(!md.contains("<script>") && !md.contains("<b>Report</b>"))
    // `<` has no backslash escape in Python-Markdown: a character reference; `>` a backslash.
    #expect(md.contains("&lt;b\\>Report&lt;/b\\>"))
  }

  @Test func reportReplacesOnlyAPreviousReport() throws {
    let base = Self.temp()
    let dir = base + "/r"
    #expect(try Self.run(["report", Self.fixtures + "/hostile", "--at", "2020", "-o", dir]).status == 0)
    #expect(try Self.run(["report", Self.fixtures + "/hostile", "--at", "2021", "-o", dir]).status == 0)
    #expect(try String(contentsOfFile: dir + "/index.html", encoding: .utf8).contains("2021"))
    let other = base + "/notes"
    try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
    try "mine".write(toFile: other + "/keep.txt", atomically: true, encoding: .utf8)
    let r = try Self.run(["report", Self.fixtures + "/hostile", "-o", other])
    #expect(r.status == 1)
    #expect(r.stderr.contains("refusing to replace"))
    #expect(try String(contentsOfFile: other + "/keep.txt", encoding: .utf8) == "mine")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: base).filter { $0.hasPrefix(".") }
    #expect(leftovers.isEmpty, "\(leftovers)")
  }
}

extension CLITests {
  /// Issue 18, item 14: ids that a lossy mapping merged (`a:b`/`a_b` as file names, `x`/`x-n1`
  /// as element id prefixes) get distinct figure files and element ids.
  @Test func reportFileNamesAndElementIDsAreInjective() throws {
    let dir = Self.temp() + "/ids"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try """
    id,name,kind,country
    uk,UK,state,GB
    co,Co,company,GB
    a:b,Colon,facility,GB
    a_b,Underscore,facility,GB
    x,X,facility,GB
    x-n1,X n1,facility,GB

    """.write(toFile: dir + "/entities.csv", atomically: true, encoding: .utf8)
    try """
    id,source,target,kind,sources
    r1,uk,co,contracts,s1
    r2,co,a:b,operates,s1
    r3,co,a_b,operates,s1
    r4,co,x,operates,s1
    r5,co,x-n1,operates,s1

    """.write(toFile: dir + "/relations.csv", atomically: true, encoding: .utf8)
    try "id,title,url\ns1,S,https://example.org\n".write(
      toFile: dir + "/sources.csv", atomically: true, encoding: .utf8)
    let out = Self.temp() + "/r"
    let r = try Self.run(["report", dir, "--at", "2020", "-o", out])
    #expect(r.status == 0, "\(r.stderr)")
    let figures = try FileManager.default.contentsOfDirectory(atPath: out + "/figures").filter {
      $0.hasPrefix("chain-")
    }
    #expect(Set(figures) == ["chain-a_3A_b.svg", "chain-a__b.svg", "chain-x.svg", "chain-x-n1.svg"])
    let html = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
    let ids = html.components(separatedBy: " id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
    let repeated = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys
    #expect(repeated.isEmpty, "\(repeated.sorted())")
  }
}
