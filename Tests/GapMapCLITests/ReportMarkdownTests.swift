import Foundation
import Testing

/// `report.md` rendered by two Markdown libraries: dataset text is shown, never interpreted.
extension CLITests {
  /// The hostile fixture plus the names of issue 18, in a folder whose own name is hostile (it
  /// reaches the footer's command line).
  static func hostileMarkdownDataset() throws -> String {
    let dir = temp() + "/x`<img src=x onerror=alert(1)>`"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for f in ["dataset.json", "relations.csv", "sources.csv", "entities.csv"] {
      try FileManager.default.copyItem(atPath: fixtures + "/hostile/" + f, toPath: dir + "/" + f)
    }
    let extraEntities = """
      camp,"Camp [click](javascript:alert(1)) ![x](https://evil.example/p.png)",facility,GB
      hash,# 1. - | <img src=x onerror=alert(2)> `code` <https://evil.example/auto> *em*,facility,GB

      """
    let extraRelations = """
      r6,quote,camp,operates,escort,s1,
      r7,quote,hash,operates,escort,s1,

      """
    let e = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/entities.csv"))
    e.seekToEndOfFile()
    e.write(Data(extraEntities.utf8))
    try e.close()
    let r = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/relations.csv"))
    r.seekToEndOfFile()
    r.write(Data(extraRelations.utf8))
    try r.close()
    try
      "id,title,url\ns1,\"<b>Report</b> \"\" onload=\"\"x\",javascript:alert(document.cookie)\ns2,Data,\"data:text/html,<script>alert(5)</script>\"\ns3,\"[t](javascript:alert(3)) ![i](https://evil.example/i.png)\",https://example.org/ok\n"
      .write(toFile: dir + "/sources.csv", atomically: true, encoding: .utf8)
    return dir
  }

  @Test func reportMarkdownShowsDatasetTextLiterallyInTwoRenderers() throws {
    let data = try Self.hostileMarkdownDataset()
    let out = Self.temp() + "/md"
    let r = try Self.run(["report", data, "--at", "2020", "-o", out])
    #expect(r.status == 0, "\(r.stderr)")
    let check = try Self.python([
      Self.root + "/Tests/markdown/check_markdown.py", out,
      "Camp [click](javascript:alert(1)) ![x](https://evil.example/p.png)",
      "# 1. - | <img src=x onerror=alert(2)> `code` <https://evil.example/auto> *em*",
      "x`<img src=x onerror=alert(1)>`",
    ])
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
  }
}
