/// GapMap's default visual grammar: Okabe–Ito colour-blind-safe colours, one shape per entity
/// kind, one stroke style per relation kind.
public struct Style: Sendable {
  /// The font every label uses (from Debian's fonts-dejavu-core; never user text).
  public static let font = "DejaVu Sans"

  public struct NodeStyle: Sendable, Equatable {
    public var shape: String
    public var fill: String
    public var font: String
    public init(shape: String, fill: String, font: String) {
      self.shape = shape
      self.fill = fill
      self.font = font
    }
  }

  /// A relation kind's stroke. Kind is told by colour and arrowhead; the stroke's dashing is
  /// left to certainty (solid confirmed, dashed reported, dotted possible), so the defaults are
  /// all solid.
  public struct EdgeStyle: Sendable, Equatable {
    public var style: String
    public var color: String
    public var width: Double
    public var arrowhead: String
    public init(style: String, color: String, width: Double, arrowhead: String = "normal") {
      self.style = style
      self.color = color
      self.width = width
      self.arrowhead = arrowhead
    }
  }

  /// Kind → node style.
  public var nodes: [String: NodeStyle] = [
    "state": NodeStyle(shape: "box", fill: "#0072B2", font: "#FFFFFF"),
    "agency": NodeStyle(shape: "box", fill: "#56B4E9", font: "#000000"),
    "igo": NodeStyle(shape: "box3d", fill: "#A6D4F0", font: "#000000"),
    "company": NodeStyle(shape: "ellipse", fill: "#E69F00", font: "#000000"),
    "facility": NodeStyle(shape: "house", fill: "#D55E00", font: "#FFFFFF"),
    "funding": NodeStyle(shape: "parallelogram", fill: "#009E73", font: "#FFFFFF"),
    "oversight": NodeStyle(shape: "octagon", fill: "#F0E442", font: "#000000"),
    "remedy": NodeStyle(shape: "diamond", fill: "#CC79A7", font: "#000000"),
    "person": NodeStyle(shape: "egg", fill: "#DDDDDD", font: "#000000"),
    "other": NodeStyle(shape: "ellipse", fill: "#EEEEEE", font: "#000000"),
  ]
  /// Style of custom kinds.
  public var customNode = NodeStyle(shape: "note", fill: "#EEEEEE", font: "#000000")

  /// Relation kind → edge style: a distinct colour-and-arrowhead pair per kind.
  public var edges: [String: EdgeStyle] = [
    "delegates": EdgeStyle(style: "solid", color: "#0072B2", width: 1.5),
    "contracts": EdgeStyle(style: "solid", color: "#333333", width: 1.6),
    "subcontracts": EdgeStyle(style: "solid", color: "#333333", width: 1.6, arrowhead: "empty"),
    "funds": EdgeStyle(style: "solid", color: "#009E73", width: 2.5),
    "operates": EdgeStyle(style: "solid", color: "#D55E00", width: 1.8),
    "owns": EdgeStyle(style: "solid", color: "#888888", width: 1.4, arrowhead: "odiamond"),
    "oversees": EdgeStyle(style: "solid", color: "#8A7F00", width: 1.6, arrowhead: "dot"),
    "accessible_to": EdgeStyle(style: "solid", color: "#CC79A7", width: 1, arrowhead: "vee"),
    "refers_to": EdgeStyle(style: "solid", color: "#CC79A7", width: 1, arrowhead: "onormal"),
    "jurisdiction_over": EdgeStyle(style: "solid", color: "#CC79A7", width: 1, arrowhead: "tee"),
    "member_of": EdgeStyle(style: "solid", color: "#888888", width: 1, arrowhead: "odot"),
    "located_in": EdgeStyle(style: "solid", color: "#AAAAAA", width: 0.8, arrowhead: "box"),
    "responsible_for": EdgeStyle(style: "solid", color: "#0072B2", width: 1, arrowhead: "obox"),
    "incident": EdgeStyle(style: "solid", color: "#D55E00", width: 1, arrowhead: "diamond"),
    "link": EdgeStyle(style: "solid", color: "#999999", width: 1, arrowhead: "none"),
    "succeeded_by": EdgeStyle(style: "solid", color: "#999999", width: 1, arrowhead: "onormal"),
  ]
  /// Style of custom relation kinds without an assigned pair.
  public var customEdge = EdgeStyle(style: "solid", color: "#AAAAAA", width: 0.8)

  /// Shapes and fills for custom entity kinds (none used by a built-in kind): the i-th custom
  /// kind gets `customShapes[i % 8]` with `customFills[i % 6]`, distinct for up to 24 kinds.
  static let customShapes = ["note", "tab", "folder", "component", "hexagon", "cds", "trapezium", "pentagon"]
  static let customFills = ["#DDDDDD", "#CDBEE3", "#BFE3CD", "#E6D5B3", "#B8D4E6", "#E6BFCF"]
  /// Colours and arrowheads for custom relation kinds.
  static let customEdgeColors = ["#7F7F7F", "#AA4499", "#44AA99", "#882255", "#117733", "#332288"]
  static let customArrowheads = ["normal", "vee", "inv", "crow"]

  /// This style with a distinct shape-and-fill pair for every custom entity kind and a distinct
  /// colour-and-arrowhead pair for every custom relation kind among `entityKinds` and
  /// `relationKinds` that the style does not set already (sorted, so the same kinds always get the
  /// same pairs). Pass a dataset's kinds once and reuse the style for all its figures.
  public func assigningCustomKinds(entityKinds: [String], relationKinds: [String]) -> Style {
    var s = self
    let ek = Set(entityKinds).subtracting(nodes.keys).sorted()
    for (i, k) in ek.enumerated() {
      s.nodes[k] = NodeStyle(
        shape: Style.customShapes[i % Style.customShapes.count],
        fill: Style.customFills[i % Style.customFills.count], font: "#000000")
    }
    let rk = Set(relationKinds).subtracting(edges.keys).sorted()
    for (i, k) in rk.enumerated() {
      s.edges[k] = EdgeStyle(
        style: "solid", color: Style.customEdgeColors[i % Style.customEdgeColors.count], width: 1,
        arrowhead: Style.customArrowheads[(i / Style.customEdgeColors.count) % Style.customArrowheads.count])
    }
    return s
  }

  /// Categorical colours for `--color-by country|community` (Okabe–Ito, then lighter tints).
  public var categorical = [
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999", "#F5C766",
    "#9DD2F2", "#66C5AB", "#F7EE8E", "#66AAD1", "#E69E66", "#E0AFCA", "#C2C2C2",
  ]

  public init() {}

  public func node(_ kind: String) -> NodeStyle { nodes[kind] ?? customNode }
  public func edge(_ kind: String) -> EdgeStyle { edges[kind] ?? customEdge }

  /// Whether a colour is dark enough to need white text.
  static func isDark(_ hex: String) -> Bool {
    guard hex.count == 7, let v = Int(hex.dropFirst(), radix: 16) else { return false }
    let (r, g, b) = (Double((v >> 16) & 0xFF), Double((v >> 8) & 0xFF), Double(v & 0xFF))
    return 0.299 * r + 0.587 * g + 0.114 * b < 140
  }
}
