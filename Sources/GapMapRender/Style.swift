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

  public struct EdgeStyle: Sendable, Equatable {
    public var style: String
    public var color: String
    public var width: Double
    public init(style: String, color: String, width: Double) {
      self.style = style
      self.color = color
      self.width = width
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

  /// Relation kind → edge style.
  public var edges: [String: EdgeStyle] = [
    "delegates": EdgeStyle(style: "solid", color: "#0072B2", width: 1.5),
    "contracts": EdgeStyle(style: "solid", color: "#333333", width: 1.6),
    "subcontracts": EdgeStyle(style: "dashed", color: "#333333", width: 1.6),
    "funds": EdgeStyle(style: "bold", color: "#009E73", width: 2.5),
    "operates": EdgeStyle(style: "solid", color: "#D55E00", width: 1.8),
    "owns": EdgeStyle(style: "dotted", color: "#888888", width: 1.4),
    "oversees": EdgeStyle(style: "dotted", color: "#8A7F00", width: 1.6),
    "accessible_to": EdgeStyle(style: "solid", color: "#CC79A7", width: 0.8),
    "refers_to": EdgeStyle(style: "solid", color: "#CC79A7", width: 0.8),
    "jurisdiction_over": EdgeStyle(style: "solid", color: "#CC79A7", width: 0.8),
    "member_of": EdgeStyle(style: "dashed", color: "#888888", width: 1),
    "located_in": EdgeStyle(style: "solid", color: "#AAAAAA", width: 0.8),
    "responsible_for": EdgeStyle(style: "solid", color: "#0072B2", width: 1),
    "incident": EdgeStyle(style: "dashed", color: "#D55E00", width: 1),
    "link": EdgeStyle(style: "solid", color: "#999999", width: 1),
  ]
  /// Style of custom relation kinds.
  public var customEdge = EdgeStyle(style: "solid", color: "#AAAAAA", width: 0.8)

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
