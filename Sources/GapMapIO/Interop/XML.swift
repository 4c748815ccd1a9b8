import GapMapModel

/// A small XML element tree with the line of every element, for GraphML and GEXF (internal:
/// the readers' own tree, not a general XML API).
///
/// Documents with a DOCTYPE or entity declarations are refused: neither format needs them, and
/// they are how external entities (local file disclosure) and entity expansion ("billion
/// laughs") get in.
struct XMLElement: Sendable {
  /// The local name (namespace prefix removed).
  let name: String
  let attributes: [String: String]
  fileprivate(set) var children: [XMLElement] = []
  fileprivate(set) var text = ""
  let line: Int

  /// The children named `name`.
  func all(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }

  /// The first child named `name`.
  func first(_ name: String) -> XMLElement? { children.first { $0.name == name } }

  /// Parses a document.
  /// - Throws: ``IOError`` with the line of the problem.
  static func parse(_ bytes: [UInt8], file: String) throws(IOError) -> XMLElement {
    var p = XMLReader(bytes: bytes, file: file)
    return try p.document()
  }

  fileprivate init(_ name: String, _ attributes: [String: String], _ line: Int) {
    self.name = name
    self.attributes = attributes
    self.line = line
  }
}

/// GapMap's own small XML reader (the subset GraphML and GEXF use: elements, attributes, text,
/// CDATA, comments, processing instructions, the five predefined entities and character
/// references). It replaced Foundation's XMLParser after fuzzing found inputs on which that one
/// traps inside the toolkit (duplicate attributes after libxml2's error recovery) and leaks.
/// No DTDs, so no external entities and no entity expansion; nesting ≤ 64; a located error for
/// everything else.
struct XMLReader {
  let bytes: [UInt8]
  let file: String
  var i = 0
  var line = 1
  var elements = 0

  init(bytes: [UInt8], file: String) {
    self.bytes = bytes
    self.file = file
  }

  func fail(_ message: String, hint: String? = nil) -> IOError {
    IOError(file: file, line: line, message, hint: hint)
  }

  func peek(_ s: String) -> Bool {
    let u = Array(s.utf8)
    guard i + u.count <= bytes.count else { return false }
    for k in 0..<u.count where bytes[i + k] != u[k] { return false }
    return true
  }

  mutating func advance(_ n: Int = 1) {
    for _ in 0..<n where i < bytes.count {
      if bytes[i] == 0x0A { line += 1 }
      i += 1
    }
  }

  mutating func skip(until end: String, what: String) throws(IOError) {
    let start = line
    while i < bytes.count && !peek(end) { advance() }
    guard i < bytes.count else {
      throw IOError(file: file, line: start, "not well-formed XML: unclosed \(what)")
    }
    advance(end.utf8.count)
  }

  mutating func skipSpace() {
    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 {
      advance()
    }
  }

  /// Comments, processing instructions and white space; refuses a DTD.
  mutating func misc() throws(IOError) {
    while true {
      skipSpace()
      if peek("<?") {
        try skip(until: "?>", what: "processing instruction")
      } else if peek("<!--") {
        try skip(until: "-->", what: "comment")
      } else if peek("<!DOCTYPE") || peek("<!ENTITY") {
        throw fail(
          "DOCTYPE and entity declarations are not accepted", hint: "GraphML and GEXF need no DTD; remove it")
      } else {
        return
      }
    }
  }

  mutating func document() throws(IOError) -> XMLElement {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
    guard String(validating: bytes, as: UTF8.self) != nil else { throw fail("not UTF-8 text") }
    try misc()
    guard peek("<") else { throw fail("not well-formed XML: no root element") }
    let root = try element(depth: 0)
    try misc()
    guard i >= bytes.count else { throw fail("not well-formed XML: content after the root element") }
    return root
  }

  static func isNameByte(_ b: UInt8) -> Bool {
    b >= 0x80 || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
      || b == 0x5F || b == 0x3A || b == 0x2D || b == 0x2E
  }

  mutating func name() throws(IOError) -> String {
    let s = i
    while i < bytes.count, XMLReader.isNameByte(bytes[i]) { i += 1 }
    guard i > s, !(bytes[s] >= 0x30 && bytes[s] <= 0x39), bytes[s] != 0x2D, bytes[s] != 0x2E else {
      throw fail("not well-formed XML: a name was expected")
    }
    return String(decoding: bytes[s..<i], as: UTF8.self)
  }

  static func local(_ qualified: String) -> String {
    qualified.split(separator: ":").last.map(String.init) ?? qualified
  }

  /// Decodes character data up to `stop` (`<` for text, the quote for attribute values).
  mutating func characters(until stop: UInt8) throws(IOError) -> String {
    var out: [UInt8] = []
    while i < bytes.count, bytes[i] != stop {
      let b = bytes[i]
      if b == 0x3C { throw fail("not well-formed XML: < inside a value") }
      if b == 0x26 {
        let s = i
        while i < bytes.count, bytes[i] != 0x3B, i - s < 12 { i += 1 }
        guard i < bytes.count, bytes[i] == 0x3B else {
          throw fail("not well-formed XML: unterminated entity")
        }
        let ref = String(decoding: bytes[(s + 1)..<i], as: UTF8.self)
        i += 1
        switch ref {
        case "lt": out.append(0x3C)
        case "gt": out.append(0x3E)
        case "amp": out.append(0x26)
        case "quot": out.append(0x22)
        case "apos": out.append(0x27)
        default:
          var code: UInt32?
          if ref.hasPrefix("#x") || ref.hasPrefix("#X") {
            code = UInt32(ref.dropFirst(2), radix: 16)
          } else if ref.hasPrefix("#") {
            code = UInt32(ref.dropFirst())
          }
          guard let c = code, let scalar = Unicode.Scalar(c), c != 0 else {
            throw fail("undefined entity &\(ref);", hint: "only the predefined entities are allowed")
          }
          out += Array(String(Character(scalar)).utf8)
        }
        continue
      }
      if b == 0x0A { line += 1 }
      out.append(b)
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  mutating func element(depth: Int) throws(IOError) -> XMLElement {
    guard depth < 64 else { throw fail("nested more than 64 levels") }
    elements += 1
    guard elements <= 50_000_000 else { throw fail("too many elements") }
    let startLine = line
    advance()  // <
    let qname = try name()
    var attributes: [String: String] = [:]
    while true {
      skipSpace()
      guard i < bytes.count else {
        throw IOError(
          file: file, line: line,
          "not well-formed XML: the file ends inside <\(XMLReader.local(qname))> (opened on line \(startLine))"
        )
      }
      if peek("/>") {
        advance(2)
        return XMLElement(XMLReader.local(qname), attributes, startLine)
      }
      if bytes[i] == 0x3E {
        advance()
        break
      }
      let aname = try name()
      skipSpace()
      guard i < bytes.count, bytes[i] == 0x3D else {
        throw fail("not well-formed XML: = expected after \(aname)")
      }
      advance()
      skipSpace()
      guard i < bytes.count, bytes[i] == 0x22 || bytes[i] == 0x27 else {
        throw fail("not well-formed XML: a quoted value expected for \(aname)")
      }
      let quote = bytes[i]
      advance()
      let value = try characters(until: quote)
      guard i < bytes.count else { throw fail("not well-formed XML: unclosed attribute value") }
      advance()
      let key = XMLReader.local(aname)
      if aname.hasPrefix("xmlns") { continue }
      guard attributes[key] == nil else {
        throw fail("not well-formed XML: attribute \(aname) appears twice")
      }
      attributes[key] = value
    }
    var e = XMLElement(XMLReader.local(qname), attributes, startLine)
    while true {
      guard i < bytes.count else {
        throw IOError(
          file: file, line: line,
          "not well-formed XML: the file ends inside <\(e.name)> (opened on line \(startLine))")
      }
      if peek("</") {
        advance(2)
        let closing = try name()
        skipSpace()
        guard i < bytes.count, bytes[i] == 0x3E else { throw fail("not well-formed XML: > expected") }
        advance()
        guard closing == qname else {
          throw fail("not well-formed XML: </\(closing)> closes <\(qname)> (opened on line \(startLine))")
        }
        return e
      } else if peek("<!--") {
        try skip(until: "-->", what: "comment")
      } else if peek("<![CDATA[") {
        advance(9)
        let s = i
        while i < bytes.count && !peek("]]>") { advance() }
        guard i < bytes.count else { throw fail("not well-formed XML: unclosed CDATA") }
        e.text += String(decoding: bytes[s..<i], as: UTF8.self)
        advance(3)
      } else if peek("<?") {
        try skip(until: "?>", what: "processing instruction")
      } else if peek("<!") {
        throw fail("DOCTYPE and entity declarations are not accepted")
      } else if bytes[i] == 0x3C {
        e.children.append(try element(depth: depth + 1))
      } else {
        e.text += try characters(until: 0x3C)
      }
    }
  }
}

/// XML text escaping for writers: GapMap's one XML escaper (characters XML cannot hold become
/// U+FFFD).
enum XMLText {
  static func esc(_ s: String) -> String { TextSafety.xmlEscape(s) }
}
