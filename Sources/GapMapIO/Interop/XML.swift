import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A small XML element tree with the line of every element, for GraphML and GEXF.
///
/// Documents with a DOCTYPE or entity declarations are refused before parsing: neither format
/// needs them, and they are how external entities (local file disclosure) and entity expansion
/// ("billion laughs") get in. External entities are also off in the parser itself.
public final class XMLElement: @unchecked Sendable {
  /// The local name (namespace prefix removed).
  public let name: String
  public let attributes: [String: String]
  public var children: [XMLElement] = []
  public var text = ""
  public let line: Int

  init(name: String, attributes: [String: String], line: Int) {
    self.name = name
    self.attributes = attributes
    self.line = line
  }

  /// The children named `name`.
  public func all(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }

  /// The first child named `name`.
  public func first(_ name: String) -> XMLElement? { children.first { $0.name == name } }

  /// Parses a document.
  /// - Throws: ``IOError`` with the line of the problem.
  public static func parse(_ bytes: [UInt8], file: String) throws(IOError) -> XMLElement {
    // Refuse DTDs: look at the prolog (before the root element) for <!DOCTYPE or <!ENTITY.
    let prolog = bytes.prefix(while: { _ in true })
    if let doctype = find(Array("<!DOCTYPE".utf8), in: prolog) ?? find(Array("<!ENTITY".utf8), in: prolog) {
      let line = 1 + bytes[..<doctype].filter { $0 == 0x0A }.count
      throw IOError(
        file: file, line: line, "DOCTYPE and entity declarations are not accepted",
        hint: "GraphML and GEXF need no DTD; remove it")
    }
    let delegate = Builder(file: file)
    let parser = XMLParser(data: Data(bytes))
    parser.shouldResolveExternalEntities = false
    parser.shouldProcessNamespaces = true
    parser.delegate = delegate
    let ok = parser.parse()
    if let e = delegate.error { throw e }
    if let open = delegate.stack.last {
      let line = 1 + bytes.filter { $0 == 0x0A }.count
      throw IOError(
        file: file, line: line,
        "not well-formed XML: the file ends inside <\(open.name)> (opened on line \(open.line))")
    }
    guard ok, let root = delegate.root else {
      let line = parser.lineNumber
      let reason = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "malformed XML"
      throw IOError(file: file, line: max(1, line), "not well-formed XML: \(reason)")
    }
    return root
  }

  static func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>) -> Int? {
    guard needle.count <= hay.count else { return nil }
    var i = hay.startIndex
    while i <= hay.endIndex - needle.count {
      if hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return i }
      i += 1
    }
    return nil
  }

  final class Builder: NSObject, XMLParserDelegate {
    let file: String
    var stack: [XMLElement] = []
    var root: XMLElement?
    var error: IOError?
    var count = 0

    init(file: String) { self.file = file }

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      count += 1
      if stack.count >= 64 || count > 50_000_000 {
        error = IOError(file: file, line: parser.lineNumber, "nested too deeply or too large")
        parser.abortParsing()
        return
      }
      var attrs: [String: String] = [:]
      for (k, v) in attributes { attrs[k.split(separator: ":").last.map(String.init) ?? k] = v }
      let local = name.split(separator: ":").last.map(String.init) ?? name
      let e = XMLElement(name: local, attributes: attrs, line: parser.lineNumber)
      if let parent = stack.last { parent.children.append(e) } else if root == nil { root = e }
      stack.append(e)
    }

    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
    ) {
      _ = stack.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      stack.last?.text += string
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
      stack.last?.text += String(decoding: block, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
      nil
    }
  }
}

/// XML text escaping for writers.
enum XMLText {
  static func esc(_ s: String) -> String {
    var out = ""
    for u in s.unicodeScalars {
      switch u {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\n": out += "&#10;"
      case "\r": out += "&#13;"
      case "\t": out += "&#9;"
      // Characters XML 1.0 cannot hold at all are dropped.
      case _ where u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF: continue
      default: out.unicodeScalars.append(u)
      }
    }
    return out
  }
}
