/// One field of a record as a format writes it: CSV prints every case as text, GapMap JSON
/// keeps numbers, booleans, lists and maps typed.
public enum Cell: Sendable, Hashable {
  /// Nothing (unknown): an empty CSV cell, a JSON field left out.
  case empty
  /// Text.
  case text(String)
  /// A number, as its literal text.
  case number(String)
  /// yes/no.
  case bool(Bool)
  /// A `;`-separated list.
  case list([String])
  /// A compact map `k=v;k=v`.
  case map([KeyValue])

  /// A key and its value word, in a compact map.
  public struct KeyValue: Sendable, Hashable {
    public var key: String
    public var value: String
    public init(_ key: String, _ value: String) {
      self.key = key
      self.value = value
    }
  }

  /// The CSV text of the cell.
  public var text: String {
    switch self {
    case .empty: return ""
    case .text(let s), .number(let s): return s
    case .bool(let b): return Scalars.formatBool(b)
    case .list(let items): return items.joined(separator: ";")
    case .map(let kvs): return kvs.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
    }
  }
}

/// A row read from a file, before its cells are interpreted: column name → raw cell text.
///
/// CSV rows and JSON objects both become records, so every format shares one decoder and one
/// set of messages.
public struct Record: Sendable {
  /// The 1-based line the row starts on.
  public var line: Int
  /// Column name → cell text, as read.
  public var cells: [String: String]
  /// Column name → line of that field (JSON objects span lines; CSV fields use `line`).
  public var fieldLines: [String: Int] = [:]

  public init(line: Int, cells: [String: String]) {
    self.line = line
    self.cells = cells
  }

  /// The line of `column`.
  public func line(of column: String) -> Int { fieldLines[column] ?? line }
}

/// A table read from a file: its name for messages, its columns when the format has a header,
/// and its records.
public struct Table: Sendable {
  /// The file name for messages.
  public var file: String
  /// The header's columns, in order (nil for formats without a header, such as JSON).
  public var columns: [String]?
  /// The line of the header.
  public var headerLine: Int = 1
  /// The rows.
  public var records: [Record]

  public init(file: String, columns: [String]?, records: [Record]) {
    self.file = file
    self.columns = columns
    self.records = records
  }
}
