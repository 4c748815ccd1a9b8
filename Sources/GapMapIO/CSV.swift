import GapMapModel

/// RFC 4180 CSV (also TSV), read from bytes with the physical line of every row, so messages
/// can say `relations.csv:42: value: …` even after quoted fields that span lines.
public enum CSV {
  /// One parsed row: the line it starts on and its fields.
  public struct Row: Sendable, Equatable {
    public var line: Int
    public var fields: [String]
  }

  /// Parses `bytes` (UTF-8; a leading byte-order mark is skipped).
  /// - Throws: ``IOError`` for an unclosed quote, text after a closing quote, invalid UTF-8 or a
  ///   NUL byte, naming the line.
  /// - Complexity: O(bytes).
  public static func parse(_ bytes: [UInt8], file: String, delimiter: UInt8 = UInt8(ascii: ","))
    throws(IOError)
    -> [Row]
  {
    var rows: [Row] = []
    try parseRows(bytes, file: file, delimiter: delimiter) { rows.append($0) }
    return rows
  }

  /// Parses `bytes` row by row, handing each to `body` (so a caller can keep less than every
  /// field of a wide file).
  /// - Throws: as ``parse(_:file:delimiter:)``.
  static func parseRows(
    _ bytes: [UInt8], file: String, delimiter: UInt8 = UInt8(ascii: ","), _ body: (Row) -> Void
  ) throws(IOError) {
    var fields: [String] = []
    var field: [UInt8] = []
    var i = 0
    let n = bytes.count
    if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    var line = 1
    var rowLine = 1
    var rowHasContent = false
    let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    func finishField() throws(IOError) {
      guard let s = String(validating: field, as: UTF8.self) else {
        throw IOError(file: file, line: line, "the file is not valid UTF-8", hint: "save it as UTF-8")
      }
      fields.append(s)
      field.removeAll(keepingCapacity: true)
    }
    func finishRow() {
      // A line with nothing on it is skipped (but a row of empty fields is kept).
      if rowHasContent || fields.count > 1 || !(fields.first?.isEmpty ?? true) {
        body(Row(line: rowLine, fields: fields))
      }
      fields.removeAll(keepingCapacity: true)
      rowHasContent = false
    }

    while i < n {
      let c = bytes[i]
      if c == 0 { throw IOError(file: file, line: line, "NUL byte in the file", hint: "is it a text file?") }
      if c == quote && field.isEmpty {
        // Quoted field.
        let quoteLine = line
        i += 1
        var closed = false
        while i < n {
          let q = bytes[i]
          if q == 0 { throw IOError(file: file, line: line, "NUL byte in the file") }
          if q == quote {
            if i + 1 < n && bytes[i + 1] == quote {
              field.append(quote)
              i += 2
              continue
            }
            i += 1
            closed = true
            break
          }
          if q == lf { line += 1 }
          field.append(q)
          i += 1
        }
        if !closed {
          throw IOError(
            file: file, line: quoteLine, "unclosed quote",
            hint: "a field that opens with \" must close with \"")
        }
        rowHasContent = true
        // After the closing quote: delimiter, end of line or end of file.
        if i < n, bytes[i] != delimiter, bytes[i] != cr, bytes[i] != lf {
          throw IOError(
            file: file, line: line, "text after a closing quote",
            hint: "double a quote inside a quoted field (\"\")")
        }
        continue
      }
      if c == delimiter {
        try finishField()
        rowHasContent = true
        i += 1
        continue
      }
      if c == cr || c == lf {
        try finishField()
        finishRow()
        if c == cr && i + 1 < n && bytes[i + 1] == lf { i += 1 }
        i += 1
        line += 1
        rowLine = line
        continue
      }
      field.append(c)
      rowHasContent = true
      i += 1
    }
    if rowHasContent || !field.isEmpty || !fields.isEmpty {
      try finishField()
      finishRow()
    }
  }

  /// Reads a table with a header row into records keyed by column name.
  /// - Throws: ``IOError`` when the file is empty or a row has more fields than the header.
  public static func table(_ bytes: [UInt8], file: String, delimiter: UInt8 = UInt8(ascii: ","))
    throws(IOError) -> Table
  {
    // Row by row, keeping only non-empty cells: a wide file with mostly empty cells (10,000
    // attribute columns) is not held as one String per field.
    var header: Row?
    var columns: [String] = []
    var isFirst: [Bool] = []  // the first of duplicate columns wins
    var records: [Record] = []
    var tooMany: IOError?
    try parseRows(bytes, file: file, delimiter: delimiter) { row in
      guard tooMany == nil else { return }
      guard header != nil else {
        header = row
        columns = row.fields.map { $0.trimmingWhitespace }
        var seen = Set<String>()
        isFirst = columns.map { seen.insert($0).inserted }
        return
      }
      if row.fields.count > columns.count {
        let extra = row.fields[columns.count...]
        if extra.contains(where: { !$0.trimmingWhitespace.isEmpty }) {
          tooMany = IOError(
            file: file, line: row.line,
            "\(row.fields.count) fields but the header has \(columns.count)",
            hint: "quote fields that contain a comma")
          return
        }
      }
      var cells: [String: String] = [:]
      // Only the fields the row has (a header of millions of columns is not walked per row).
      for i in 0..<min(columns.count, row.fields.count) where isFirst[i] && !row.fields[i].isEmpty {
        cells[columns[i]] = row.fields[i]
      }
      records.append(Record(line: row.line, cells: cells))
    }
    if let tooMany { throw tooMany }
    guard let header else {
      throw IOError(file: file, line: 1, "the file is empty", hint: "a header row is required")
    }
    var t = Table(file: file, columns: columns, records: records)
    t.headerLine = header.line
    return t
  }

  /// Quotes a field when it holds the delimiter, a quote, a line break or edge white space.
  public static func escape(_ s: String, delimiter: Character = ",") -> String {
    let needs =
      s.contains { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" }
      || s.first?.isWhitespace == true || s.last?.isWhitespace == true
    guard needs else { return s }
    return "\"" + s.replacing("\"", with: "\"\"") + "\""
  }

  /// Text a spreadsheet would evaluate (`=`, `+`, `-`, `@`, a tab or a carriage return first)
  /// prefixed with `'`, which spreadsheets show but do not evaluate (OWASP's CSV-injection
  /// advice). Numbers such as `-0.5` are left alone. Used for result tables, not for the dataset
  /// folder, whose cells must read back exactly.
  public static func neutralized(_ s: String) -> String {
    guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return s }
    if Scalars.number(s.trimmingWhitespace) != nil { return s }
    return "'" + s
  }

  /// A CSV document: header, then rows, `\n` line ends.
  public static func write(columns: [String], rows: [[String]]) -> String {
    var out = columns.map { escape($0) }.joined(separator: ",") + "\n"
    for row in rows { out += row.map { escape($0) }.joined(separator: ",") + "\n" }
    return out
  }
}
