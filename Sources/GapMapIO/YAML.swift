import GapMapModel
import Yams

/// YAML (style files, weights, batch manifests) read into the same `JSONValue` tree as JSON,
/// with the line of every mapping key, so messages can name `file:line`.
///
/// Anchors and aliases are refused: they are not needed for these small files and are the
/// door to "billion laughs" expansion. They are recognised from the parser's events (the
/// composed node that carries an anchor, or an alias node), not by scanning the text, so
/// `name: mine *draft*` or `R&D` are plain text. Composing shares an aliased node instead of
/// copying it, and the conversion stops at the first anchored node, before any alias could
/// be expanded.
public enum YAML {
  /// Parses one YAML document (an empty document is `null`).
  /// - Throws: a located ``IOError`` for malformed YAML, aliases or non-string keys.
  public static func parse(_ bytes: [UInt8], file: String) throws(IOError) -> JSONValue {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw IOError(file: file, "not UTF-8 text")
    }
    // Yams's nodes hold their anchor weakly; the parser keeps every anchor alive, so it must
    // outlive the conversion for an anchored node to show its anchor.
    let parser: Parser
    let node: Node?
    do {
      parser = try Parser(yaml: text)
      node = try parser.singleRoot()
    } catch let YamlError.scanner(_, problem, mark, _) {
      throw IOError(file: file, line: mark.line, problem)
    } catch let YamlError.parser(_, problem, mark, _) {
      throw IOError(file: file, line: mark.line, problem)
    } catch let YamlError.composer(_, problem, mark, _) {
      throw IOError(file: file, line: mark.line, problem)
    } catch {
      throw IOError(file: file, "not valid YAML: \(error)")
    }
    defer { withExtendedLifetime(parser) {} }
    guard let node else { return .null }
    return try convert(node, file: file, depth: 0)
  }

  /// Reads a file as JSON when its name ends in `.json`, as YAML otherwise.
  public static func read(_ path: String) throws(IOError) -> JSONValue {
    let bytes = try Files.read(path)
    if path.lowercased().hasSuffix(".json") { return try JSON.parse(bytes, file: path) }
    return try parse(bytes, file: path)
  }

  static func convert(_ node: Node, file: String, depth: Int) throws(IOError) -> JSONValue {
    let line = node.mark?.line ?? 0
    guard depth < 64 else { throw IOError(file: file, line: line, "nested more than 64 levels") }
    if node.anchor != nil {
      throw IOError(
        file: file, line: line, "anchors and aliases are not supported",
        hint: "write the repeated values out; aliases can expand exponentially")
    }
    switch node {
    case .alias:
      throw IOError(
        file: file, line: line, "anchors and aliases are not supported",
        hint: "write the repeated values out; aliases can expand exponentially")
    case .scalar(let s):
      guard s.style == .plain else { return .string(s.string) }
      let text = s.string
      switch text {
      case "", "~", "null", "Null", "NULL": return .null
      case "true", "True", "TRUE": return .bool(true)
      case "false", "False", "FALSE": return .bool(false)
      default:
        return Scalars.isDecimalLiteral(text) && Double(text)?.isFinite == true
          ? .number(text) : .string(text)
      }
    case .sequence(let seq):
      var items: [JSONValue] = []
      for n in seq { items.append(try convert(n, file: file, depth: depth + 1)) }
      return .array(items)
    case .mapping(let map):
      var members: [JSONMember] = []
      var seen = Set<String>()
      for (k, v) in map {
        guard case .scalar(let key) = k else {
          throw IOError(file: file, line: k.mark?.line ?? line, "a mapping key must be text")
        }
        let keyLine = k.mark?.line ?? line
        guard seen.insert(key.string).inserted else {
          throw IOError(file: file, line: keyLine, "key \"\(key.string)\" appears twice")
        }
        members.append(
          JSONMember(key: key.string, value: try convert(v, file: file, depth: depth + 1), line: keyLine))
      }
      return .object(members)
    }
  }
}
