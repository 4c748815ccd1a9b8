import GapMapModel

/// A strict JSON (RFC 8259) reader that records the line of every object member, and a
/// deterministic writer. Numbers stay as their literal text.
public enum JSON {
  /// The deepest nesting accepted; deeper input is rejected rather than overflowing the stack.
  public static let maximumDepth = 256

  /// Parses one JSON document.
  /// - Throws: ``IOError`` naming the line of the first syntax error.
  /// - Complexity: O(bytes).
  public static func parse(_ bytes: [UInt8], file: String) throws(IOError) -> JSONValue {
    var p = Parser(bytes: bytes, file: file)
    p.skipBOM()
    p.skipSpace()
    let v = try p.value(depth: 0)
    p.skipSpace()
    if p.i < bytes.count { throw p.fail("unexpected text after the JSON value") }
    return v
  }

  /// Parses one or more JSON documents written one after another (a JSON stream, such as
  /// concatenated OCDS packages or JSON lines), separated by white space or nothing.
  /// - Throws: ``IOError`` naming the line of the first syntax error.
  /// - Complexity: O(bytes).
  public static func parseSequence(_ bytes: [UInt8], file: String) throws(IOError) -> [JSONValue] {
    var p = Parser(bytes: bytes, file: file)
    p.skipBOM()
    p.skipSpace()
    var values: [JSONValue] = []
    while p.i < bytes.count {
      values.append(try p.value(depth: 0))
      p.skipSpace()
    }
    return values
  }

  struct Parser {
    let bytes: [UInt8]
    let file: String
    var i = 0
    var line = 1

    init(bytes: [UInt8], file: String) {
      self.bytes = bytes
      self.file = file
    }

    func fail(_ message: String) -> IOError { IOError(file: file, line: line, message) }

    mutating func skipBOM() {
      if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    }

    mutating func skipSpace() {
      while i < bytes.count {
        switch bytes[i] {
        case 0x20, 0x09, 0x0D: i += 1
        case 0x0A:
          line += 1
          i += 1
        default: return
        }
      }
    }

    mutating func expect(_ c: UInt8) throws(IOError) {
      skipSpace()
      guard i < bytes.count, bytes[i] == c else {
        throw fail("expected '\(Character(Unicode.Scalar(c)))'")
      }
      i += 1
    }

    mutating func value(depth: Int) throws(IOError) -> JSONValue {
      guard depth < JSON.maximumDepth else {
        throw fail("JSON nested deeper than \(JSON.maximumDepth) levels")
      }
      skipSpace()
      guard i < bytes.count else { throw fail("unexpected end of JSON") }
      switch bytes[i] {
      case UInt8(ascii: "{"):
        i += 1
        var members: [JSONMember] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
          i += 1
          return .object(members)
        }
        while true {
          skipSpace()
          let keyLine = line
          guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
          let key = try string()
          try expect(UInt8(ascii: ":"))
          let v = try value(depth: depth + 1)
          members.append(JSONMember(key: key, value: v, line: keyLine))
          skipSpace()
          guard i < bytes.count else { throw fail("unclosed object") }
          if bytes[i] == UInt8(ascii: ",") {
            i += 1
            continue
          }
          if bytes[i] == UInt8(ascii: "}") {
            i += 1
            return .object(members)
          }
          throw fail("expected ',' or '}'")
        }
      case UInt8(ascii: "["):
        i += 1
        var items: [JSONValue] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
          i += 1
          return .array(items)
        }
        while true {
          items.append(try value(depth: depth + 1))
          skipSpace()
          guard i < bytes.count else { throw fail("unclosed array") }
          if bytes[i] == UInt8(ascii: ",") {
            i += 1
            continue
          }
          if bytes[i] == UInt8(ascii: "]") {
            i += 1
            return .array(items)
          }
          throw fail("expected ',' or ']'")
        }
      case UInt8(ascii: "\""):
        return .string(try string())
      case UInt8(ascii: "t"):
        try literal("true")
        return .bool(true)
      case UInt8(ascii: "f"):
        try literal("false")
        return .bool(false)
      case UInt8(ascii: "n"):
        try literal("null")
        return .null
      default:
        return .number(try number())
      }
    }

    mutating func literal(_ word: String) throws(IOError) {
      let w = Array(word.utf8)
      guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else {
        throw fail("invalid literal")
      }
      i += w.count
    }

    mutating func number() throws(IOError) -> String {
      let start = i
      func digits() -> Int {
        let s = i
        while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
        return i - s
      }
      if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
      let intStart = i
      let nInt = digits()
      guard nInt > 0 else { throw fail("invalid value") }
      if nInt > 1, bytes[intStart] == UInt8(ascii: "0") { throw fail("leading zero in a number") }
      if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
        i += 1
        guard digits() > 0 else { throw fail("invalid number") }
      }
      if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
        i += 1
        if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard digits() > 0 else { throw fail("invalid number") }
      }
      return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    mutating func hex4() throws(IOError) -> UInt32 {
      guard i + 4 <= bytes.count else { throw fail("truncated \\u escape") }
      var v: UInt32 = 0
      for _ in 0..<4 {
        let c = bytes[i]
        let d: UInt32
        switch c {
        case 48...57: d = UInt32(c - 48)
        case 65...70: d = UInt32(c - 55)
        case 97...102: d = UInt32(c - 87)
        default: throw fail("invalid \\u escape")
        }
        v = v * 16 + d
        i += 1
      }
      return v
    }

    mutating func string() throws(IOError) -> String {
      i += 1  // opening quote
      var out: [UInt8] = []
      while true {
        guard i < bytes.count else { throw fail("unclosed string") }
        let c = bytes[i]
        if c == UInt8(ascii: "\"") {
          i += 1
          break
        }
        if c < 0x20 { throw fail("control character in a string (escape it)") }
        if c != UInt8(ascii: "\\") {
          out.append(c)
          i += 1
          continue
        }
        i += 1
        guard i < bytes.count else { throw fail("unclosed string") }
        let e = bytes[i]
        i += 1
        switch e {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          var scalar = try hex4()
          if (0xD800...0xDBFF).contains(scalar) {
            guard i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u")
            else { throw fail("unpaired surrogate in \\u escape") }
            i += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw fail("unpaired surrogate in \\u escape") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          } else if (0xDC00...0xDFFF).contains(scalar) {
            throw fail("unpaired surrogate in \\u escape")
          }
          guard let u = Unicode.Scalar(scalar) else { throw fail("invalid \\u escape") }
          out.append(contentsOf: Array(String(Character(u)).utf8))
        default: throw fail("invalid escape \\\(Character(Unicode.Scalar(e)))")
        }
      }
      guard let s = String(validating: out, as: UTF8.self) else {
        var e = fail("not UTF-8 (ISO-8859-1 or Windows-1252?)")
        e.hint = "convert it first: iconv -f ISO-8859-1 -t UTF-8"
        e.remedy = .decodeAsLatin1
        throw e
      }
      return s
    }
  }

  /// Writes `value` with two-space indentation, keys in their stored order, a final newline.
  /// Non-ASCII text is written as UTF-8; control characters, quotes and backslashes escaped.
  public static func write(_ value: JSONValue) -> String {
    var out = ""
    write(value, indent: 0, into: &out)
    out += "\n"
    return out
  }

  static func write(_ value: JSONValue, indent: Int, into out: inout String) {
    let pad = String(repeating: "  ", count: indent + 1)
    let closePad = String(repeating: "  ", count: indent)
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n): out += n
    case .string(let s): out += quoted(s)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      // Arrays of scalars stay on one line; arrays holding objects or arrays break.
      let flat = items.allSatisfy {
        switch $0 {
        case .array, .object: return false
        default: return true
        }
      }
      if flat {
        out += "["
        for (k, item) in items.enumerated() {
          if k > 0 { out += ", " }
          write(item, indent: indent, into: &out)
        }
        out += "]"
      } else {
        out += "[\n"
        for (k, item) in items.enumerated() {
          out += pad
          write(item, indent: indent + 1, into: &out)
          out += k + 1 < items.count ? ",\n" : "\n"
        }
        out += closePad + "]"
      }
    case .object(let members):
      if members.isEmpty {
        out += "{}"
        return
      }
      out += "{\n"
      for (k, m) in members.enumerated() {
        out += pad + quoted(m.key) + ": "
        write(m.value, indent: indent + 1, into: &out)
        out += k + 1 < members.count ? ",\n" : "\n"
      }
      out += closePad + "}"
    }
  }

  /// A JSON string literal.
  public static func quoted(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029:
        let hex = String(u.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(u)
      }
    }
    return out + "\""
  }
}
