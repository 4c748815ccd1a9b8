import GapMapIO
import Testing

@Suite struct EdgeListTests {
  func read(_ text: String) throws(IOError) -> EdgeList {
    try EdgeListReader.read(bytes: Array(text.utf8), file: "e.csv")
  }

  @Test func csvWithHeader() throws {
    let e = try read("source,target\nn1,n2\nn2,n3\nn1,n3\n")
    #expect(e.nodes == ["n1", "n2", "n3"])
    #expect(e.sources == [0, 1, 0] && e.targets == [1, 2, 2])
    #expect(e.weights == nil && e.lines == [2, 3, 4])
  }

  @Test func weightedTSVAndQuotes() throws {
    let e = try read("from\tto\tweight\n\"a\"\tb\t2.5\nb\tc\t1e3\n")
    #expect(e.nodes == ["a", "b", "c"] && e.weights == [2.5, 1000])
  }

  @Test func snapStyleWhitespaceWithComments() throws {
    let e = try read(
      "# Directed graph (each unordered pair of nodes is saved once)\n# Nodes: 3\n1\t2\n2   3\r\n\n% konect comment\n3 1\n"
    )
    #expect(e.directedHint == true)
    #expect(e.nodes == ["1", "2", "3"] && e.sources.count == 3)
    #expect(try read("# Undirected graph\n1 2\n").directedHint == false)
    #expect(try read("1 2 0.5\n2 3 1\n").weights == [0.5, 1])
    #expect(try read("1,2\n").nodes == ["1", "2"])  // CSV without header, as networkx writes it
  }

  @Test func errorsNameLineAndColumn() {
    func message(_ text: String) -> String {
      do {
        _ = try read(text)
        return "no error"
      } catch {
        return error.description
      }
    }
    #expect(message("source,target\nn1\n") == "e.csv:2: expected a source and a target")
    #expect(message("source,target,weight\nn1,n2,heavy\n") == #"e.csv:2: weight: "heavy" is not a number"#)
    #expect(message("source,target,weight\nn1,n2,nan\n") == #"e.csv:2: weight: "nan" is not a number"#)
    #expect(message("source,target,weight\na,b,1\nb,c\n") == "e.csv:3: weight: missing weight")
    // Without a header, weights may be missing on some lines (igraph's NCOL): they weigh 1.
    #expect(message("a b 1\nb c\n") == "no error")
    #expect(
      message("source,target,kind\na,b,x\n").hasPrefix(
        "e.csv:1: an edge list has the columns source,target[,weight]"))
    #expect(message("a,b\n\u{0}\n") == "e.csv:2: NUL byte in the file")
  }

  /// A file larger than one read chunk: lines cut at chunk boundaries are read whole.
  @Test func streamsAcrossChunks() throws {
    let path = Paths.temporaryFolder() + "/big.csv"
    var text = "source,target\n"
    let m = 120_000
    for i in 0..<m { text += "node\(i % 5000),node\((i * 7 + 1) % 5000)\n" }
    try Files.writeAtomically(text, to: path)
    let e = try EdgeListReader.read(path: path)
    #expect(e.sources.count == m && e.nodes.count == 5000)
    #expect(e.nodes[Int(e.sources[m - 1])] == "node\((m - 1) % 5000)")
    #expect(e.nodes[Int(e.targets[m - 1])] == "node\(((m - 1) * 7 + 1) % 5000)")
    #expect(e.lines.last == Int32(m + 1))
  }

  @Test func missingFileIsAnError() {
    #expect(throws: IOError.self) { try EdgeListReader.read(path: "/nonexistent/file.csv") }
  }
}

@Suite struct EdgeListDatasetTests {
  @Test func invalidIDsAreReportedAtTheirFirstLine() throws {
    // Without a header, tabs and spaces both separate: the space makes a third column.
    #expect(throws: IOError.self) {
      try EdgeListReader.read(bytes: Array("a\tb\nb\tNew York\n".utf8), file: "e.tsv")
    }
    let header = try EdgeListReader.read(bytes: Array("source\ttarget\na\tNew York\n".utf8), file: "e.tsv")
    #expect(header.nodes == ["a", "New York"])
    let (_, hds) = DatasetIO.dataset(from: header, file: "e.tsv")
    #expect(
      hds.map(\.description) == [
        #"e.tsv:2: "New York" is not a valid entity id (letters, digits, _ . : - only)"#
      ])
  }
}
