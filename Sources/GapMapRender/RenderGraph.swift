/// A diagram ready for Graphviz, in GapMap's own terms: nodes and edges with a fixed set of
/// visual attributes. Nothing here is a Graphviz attribute name chosen by user data; the
/// renderer maps these fields onto an allow-list.
public struct RenderGraph: Sendable {
  public struct Node: Sendable {
    /// The entity id (goes to `data-id`; never to Graphviz).
    public var id: String
    /// Text shown in the node (user text; escaped by the renderer).
    public var label: String
    /// Tooltip (user text; the SVG `<title>` of the node).
    public var tooltip: String
    /// CSS class (kind), from GapMap's vocabulary; Graphviz writes `node <class>`.
    public var cssClass: String
    public var shape: String
    public var fillColor: String
    public var borderColor: String
    public var fontColor: String
    public var penWidth: Double = 1
    /// Width in inches when sized by a measure (nil: fit the label).
    public var width: Double?
    /// Cluster key (nil: none).
    public var cluster: String?
    public var style = "filled"
  }

  public struct Edge: Sendable {
    /// The relation id(s) (goes to `data-id`).
    public var id: String
    public var tail: Int
    public var head: Int
    public var cssClass: String
    public var style: String
    public var color: String
    public var penWidth: Double
    public var label: String?
    public var tooltip: String
    public var arrowhead = "normal"
  }

  public var nodes: [Node] = []
  public var edges: [Edge] = []
  public var directed = true
  /// Title and caption lines (user text) drawn as the graph label.
  public var title: String = ""
  public var caption: [String] = []
  /// Legend rows (swatch colour, shape word or edge style, label from GapMap's vocabulary).
  public var legend: [LegendRow] = []
  public var rankdir = "LR"
  /// The engine this figure is drawn best with when the user names none.
  public var preferredEngine: Engine?
  /// Cluster key → label.
  public var clusterLabels: [String: String] = [:]
  /// A short text for `<desc>` (what the figure shows).
  public var description = ""

  public init() {}

  public struct LegendRow: Sendable, Equatable {
    public var color: String
    public var symbol: String
    public var text: String
  }
}
