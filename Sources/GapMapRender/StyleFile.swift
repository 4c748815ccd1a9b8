import GapMapModel

extension Style {
  /// Graphviz node shapes a style file may choose (polygon-based shapes only: no `epsf`, no
  /// `custom`, nothing that reads a file).
  public static let shapes: Set<String> = [
    "box", "rect", "rectangle", "square", "ellipse", "oval", "circle", "doublecircle", "point",
    "egg", "triangle", "invtriangle", "plaintext", "plain", "diamond", "trapezium", "invtrapezium",
    "parallelogram", "house", "invhouse", "pentagon", "hexagon", "septagon", "octagon",
    "doubleoctagon", "tripleoctagon", "note", "tab", "folder", "box3d", "component", "cylinder",
    "star", "underline", "cds", "promoter", "rpromoter", "larrow", "rarrow", "lpromoter",
  ]
  /// Edge strokes a style file may choose.
  /// Graphviz's primitive arrowheads GapMap accepts in a style file.
  public static let arrowheads: Set<String> = [
    "normal", "onormal", "empty", "inv", "oinv", "dot", "odot", "diamond", "odiamond", "box", "obox", "tee",
    "vee", "crow", "none",
  ]
  public static let strokes: Set<String> = ["solid", "dashed", "dotted", "bold"]

  /// Applies a style file's overrides (already parsed from JSON or YAML):
  ///
  /// ```yaml
  /// nodes:                      # per entity kind (built-in or custom)
  ///   facility: {shape: cylinder, fill: "#882255", font: "#FFFFFF"}
  /// edges:                      # per relation kind
  ///   contracts: {style: solid, color: "#000000", width: 2}
  /// categorical: ["#E69F00", "#56B4E9"]   # --color-by country|community palette
  /// ```
  ///
  /// Every field is optional; what a file leaves out keeps GapMap's default. Colours are
  /// `#RRGGBB`, shapes and strokes come from fixed lists, widths lie in 0.1–10.
  /// - Throws: ``RenderError`` naming `file:line` and the field.
  public mutating func apply(_ value: JSONValue, file: String) throws(RenderError) {
    guard case .object(let top) = value else {
      throw RenderError("\(file): a style file is a mapping with nodes, edges and categorical")
    }
    for m in top {
      let at = "\(file):\(m.line)"
      switch m.key {
      case "nodes":
        for (kind, fields) in try Style.entries(m, at) {
          var s = nodes[kind.key] ?? customNode
          for f in fields {
            let where_ = "\(file):\(f.line): nodes.\(kind.key).\(f.key)"
            switch f.key {
            case "shape": s.shape = try Style.word(f.value, Style.shapes, where_)
            case "fill": s.fill = try Style.color(f.value, where_)
            case "font": s.font = try Style.color(f.value, where_)
            default: throw RenderError("\(where_): unknown field (expected shape, fill or font)")
            }
          }
          nodes[kind.key] = s
        }
      case "edges":
        for (kind, fields) in try Style.entries(m, at) {
          var s = edges[kind.key] ?? customEdge
          for f in fields {
            let where_ = "\(file):\(f.line): edges.\(kind.key).\(f.key)"
            switch f.key {
            case "style": s.style = try Style.word(f.value, Style.strokes, where_)
            case "color": s.color = try Style.color(f.value, where_)
            case "width":
              guard case .number(let text) = f.value, let w = Double(text), w >= 0.1, w <= 10 else {
                throw RenderError("\(where_): a number from 0.1 to 10")
              }
              s.width = w
            case "arrowhead": s.arrowhead = try Style.word(f.value, Style.arrowheads, where_)
            default: throw RenderError("\(where_): unknown field (expected style, color, width or arrowhead)")
            }
          }
          edges[kind.key] = s
        }
      case "categorical":
        guard case .array(let items) = m.value, !items.isEmpty, items.count <= 64 else {
          throw RenderError("\(at): categorical: a list of 1 to 64 colours")
        }
        var colors: [String] = []
        for item in items { colors.append(try Style.color(item, "\(at): categorical")) }
        categorical = colors
      default:
        throw RenderError("\(at): \(m.key): unknown key (expected nodes, edges or categorical)")
      }
    }
  }

  static func entries(_ m: JSONMember, _ at: String) throws(RenderError) -> [(JSONMember, [JSONMember])] {
    guard case .object(let kinds) = m.value else {
      throw RenderError("\(at): \(m.key): a mapping from kind to fields")
    }
    var out: [(JSONMember, [JSONMember])] = []
    for k in kinds {
      guard case .object(let fields) = k.value else {
        throw RenderError(
          "\(at.split(separator: ":").first ?? ""):\(k.line): \(m.key).\(k.key): a mapping of fields")
      }
      out.append((k, fields))
    }
    return out
  }

  static func word(_ v: JSONValue, _ allowed: Set<String>, _ at: String) throws(RenderError) -> String {
    guard case .string(let s) = v, allowed.contains(s) else {
      throw RenderError("\(at): expected one of \(allowed.sorted().joined(separator: ", "))")
    }
    return s
  }

  static func color(_ v: JSONValue, _ at: String) throws(RenderError) -> String {
    guard case .string(let s) = v, s.count == 7, s.first == "#",
      s.dropFirst().allSatisfy({ $0.isHexDigit })
    else {
      throw RenderError("\(at): a colour as #RRGGBB")
    }
    return s.uppercased()
  }
}
