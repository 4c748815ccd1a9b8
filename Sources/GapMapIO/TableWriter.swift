import GapMapModel

/// Prints a table of results (`--format table|csv|json|jsonl`), the same way for every
/// command.
public enum TableFormat: String, Sendable, CaseIterable {
  /// Aligned columns for people.
  case table
  /// RFC 4180 CSV with a header row.
  case csv
  /// `{"<key>": [...], "<rows>": [{column: value}, …]}` as each command documents.
  case json
  /// One JSON object per line.
  case jsonl
}

/// A cell of a result table.
public enum TableValue: Sendable, Equatable {
  case text(String)
  /// A number printed with full round-trip precision (`Double.description`); NaN is printed as
  /// `nan` in CSV and tables and as `null` in JSON.
  case number(Double)
  /// A whole number.
  case integer(Int)
  case missing

  var text: String {
    switch self {
    case .text(let s): return s
    case .number(let d): return d.isNaN ? "nan" : d.description
    case .integer(let i): return String(i)
    case .missing: return ""
    }
  }

  var json: JSONValue {
    switch self {
    case .text(let s): return .string(s)
    case .number(let d): return d.isFinite ? .number(d.description) : .null
    case .integer(let i): return .number(String(i))
    case .missing: return .null
    }
  }
}

/// Renders result tables.
public enum TableWriter {
  /// Renders `rows` under `columns`. `json` wraps the rows as `{"<rowsKey>": [...]}` preceded by
  /// `header` members.
  public static func render(
    columns: [String], rows: [[TableValue]], format: TableFormat, rowsKey: String = "rows",
    header: [JSONMember] = []
  ) -> String {
    switch format {
    case .csv:
      // Result tables go to spreadsheets: text that a spreadsheet would run as a formula is
      // neutralised (numbers are numbers, never prefixed).
      return CSV.write(
        columns: columns,
        rows: rows.map { row in
          row.map { v in
            if case .text(let s) = v { return CSV.neutralized(s) }
            return v.text
          }
        })
    case .json:
      let objects: [JSONValue] = rows.map { row in
        .object(zip(columns, row).map { JSONMember(key: $0, value: $1.json) })
      }
      return JSON.write(.object(header + [JSONMember(key: rowsKey, value: .array(objects))]))
    case .jsonl:
      return rows.map { row in
        JSON.compact(.object(zip(columns, row).map { JSONMember(key: $0, value: $1.json) }))
      }.joined(separator: "\n") + (rows.isEmpty ? "" : "\n")
    case .table:
      // People read this one: controls and bidi overrides are shown, not obeyed (an RLO would
      // turn "gnp.exe" into "exe.png" and reorder the columns after it).
      let cells = ([columns] + rows.map { $0.map(\.text) }).map { $0.map { TextSafety.visible($0) } }
      let widths = columns.indices.map { i in cells.map { $0[i].count }.max() ?? 0 }
      let numeric = columns.indices.map { i in
        rows.allSatisfy { row in
          switch row[i] {
          case .number, .integer, .missing: return true
          case .text: return false
          }
        }
      }
      return cells.map { row in
        row.enumerated().map { i, cell in
          let pad = String(repeating: " ", count: widths[i] - cell.count)
          return numeric[i] ? pad + cell : cell + pad
        }.joined(separator: "  ").trimmingTrailingSpaces
      }.joined(separator: "\n") + "\n"
    }
  }
}

extension String {
  var trimmingTrailingSpaces: String {
    var s = Substring(self)
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}

extension JSON {
  /// One-line JSON (for JSON lines).
  public static func compact(_ value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let n): return n
    case .string(let s): return quoted(s)
    case .array(let items): return "[" + items.map(compact).joined(separator: ",") + "]"
    case .object(let ms):
      return "{" + ms.map { quoted($0.key) + ":" + compact($0.value) }.joined(separator: ",") + "}"
    }
  }
}
