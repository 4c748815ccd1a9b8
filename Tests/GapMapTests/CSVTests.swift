import Foundation
import GapMapIO
import GapMapModel
import Testing

@Suite struct CSVTests {
  func rows(_ text: String) throws(IOError) -> [CSV.Row] { try CSV.parse(Array(text.utf8), file: "t.csv") }

  @Test func quotedFieldsSpanLinesAndKeepTheRowLine() throws {
    let r = try rows("a,b\n\"x, y\",\"two\nlines\"\nlast,\"say \"\"hi\"\"\"\n")
    #expect(r.map(\.line) == [1, 2, 4])
    #expect(r[1].fields == ["x, y", "two\nlines"])
    #expect(r[2].fields == ["last", "say \"hi\""])
  }

  @Test func bomCRLFAndBlankLines() throws {
    let r = try CSV.parse([0xEF, 0xBB, 0xBF] + Array("id,name\r\n\r\na,b\r\n,\r\n".utf8), file: "t.csv")
    #expect(r.map(\.fields) == [["id", "name"], ["a", "b"], ["", ""]])
    #expect(r.map(\.line) == [1, 3, 4])
    #expect(try rows("a,b").map(\.fields) == [["a", "b"]])  // no final newline
  }

  @Test func errorsNameTheLine() {
    #expect(throws: IOError.self) { try rows("a,b\n\"open,b\nc,d\n") }
    do {
      _ = try rows("a,b\nx,y\n\"open,b\nc,d\n")
      Issue.record("expected an error")
    } catch {
      #expect(error.description == "t.csv:3: unclosed quote")
    }
    do {
      _ = try rows("a,b\n\"x\"y,b\n")
      Issue.record("expected an error")
    } catch {
      #expect(error.description == "t.csv:2: text after a closing quote")
    }
    #expect(throws: IOError.self) { try rows("a,b\n\u{0}x,y\n") }
    #expect(throws: IOError.self) { try CSV.parse([0x61, 0x2C, 0xFF, 0x0A], file: "t.csv") }
  }

  @Test func raggedRows() throws {
    #expect(throws: IOError.self) { try CSV.table(Array("a,b\n1,2,3\n".utf8), file: "t.csv") }
    let short = try CSV.table(Array("a,b\n1\n".utf8), file: "t.csv")  // missing cells are empty
    #expect(short.records[0].cells == ["a": "1"])
    #expect(throws: IOError.self) { try CSV.table([], file: "t.csv") }
  }

  @Test func writerQuotesOnlyWhatNeedsIt() throws {
    #expect(CSV.escape("plain") == "plain")
    #expect(CSV.escape("a,b") == "\"a,b\"")
    #expect(CSV.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(CSV.escape(" pad") == "\" pad\"")
    let text = CSV.write(columns: ["id", "note"], rows: [["a", "x, \"y\"\nz"]])
    #expect(try rows(text).map(\.fields) == [["id", "note"], ["a", "x, \"y\"\nz"]])
  }
}

@Suite struct JSONTests {
  @Test func parsesWithLinesAndKeepsNumbersLiteral() throws {
    let v = try JSON.parse(
      Array("{\n \"a\": 1.50,\n \"b\": [true, null, \"x\\u00e9\\ud83d\\ude00\"]\n}".utf8), file: "t.json")
    guard case .object(let m) = v else {
      Issue.record("not an object")
      return
    }
    #expect(m.map(\.line) == [2, 3])
    #expect(m[0].value == .number("1.50"))
    #expect(m[1].value == .array([.bool(true), .null, .string("xé😀")]))
  }

  @Test(arguments: [
    "{", "[1,]", "{\"a\" 1}", "01", "\"\\x\"", "\"\u{1}\"", "tru", "1 2", "{\"a\":1,}", "\"\\ud800\"",
  ])
  func rejectsMalformed(_ text: String) {
    #expect(throws: IOError.self) { try JSON.parse(Array(text.utf8), file: "t.json") }
  }

  @Test func limitsNesting() {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: IOError.self) { try JSON.parse(Array(deep.utf8), file: "t.json") }
  }

  @Test func writesDeterministically() throws {
    let v = JSONValue.object([
      JSONMember(key: "s", value: .string("a\"b\\c\n\u{1}")),
      JSONMember(key: "l", value: .array([.number("1"), .string("x")])),
      JSONMember(key: "o", value: .object([])),
    ])
    let text = JSON.write(v)
    #expect(text == "{\n  \"s\": \"a\\\"b\\\\c\\n\\u0001\",\n  \"l\": [1, \"x\"],\n  \"o\": {}\n}\n")
    #expect(try JSON.parse(Array(text.utf8), file: "t").withoutLines == v)
  }
}

extension JSONValue {
  /// The value with member lines reset, for comparisons.
  var withoutLines: JSONValue {
    switch self {
    case .array(let items): return .array(items.map(\.withoutLines))
    case .object(let ms): return .object(ms.map { JSONMember(key: $0.key, value: $0.value.withoutLines) })
    default: return self
    }
  }
}

extension CSVTests {
  /// Issue 18, item 12: a header of 300,000 duplicate columns keeps at most 100 diagnostics
  /// (plus one counting the rest), not one each.
  @Test func duplicateHeaderColumnsKeepACappedNumberOfDiagnostics() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gapmap-dup-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let header = "id,name,kind" + String(repeating: ",a", count: 300_000)
    try (header + "\nx,X,company\n").write(
      to: dir.appendingPathComponent("entities.csv"), atomically: true, encoding: .utf8)
    try "id,source,target,kind\n".write(
      to: dir.appendingPathComponent("relations.csv"), atomically: true, encoding: .utf8)
    let loaded = try DatasetIO.load(dir.path)
    let duplicates = loaded.diagnostics.filter { $0.message == "duplicate column" }
    #expect(duplicates.count == DatasetDecoder.maximumDuplicateColumnDiagnostics)
    #expect(loaded.diagnostics.contains { $0.message == "299899 more duplicate columns" })
    #expect(loaded.diagnostics.count < 200)
  }
}
