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
    /// Label size in points.
    public var fontSize = 11.0
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
    /// Whether the edge takes part in dot's ranking (context relations such as membership or
    /// location do not, so they do not stretch the drawing).
    public var constraint = true
  }

  public var nodes: [Node] = []
  public var edges: [Edge] = []
  public var directed = true
  /// Title and caption lines (user text) drawn as the graph label.
  public var title: String = ""
  public var caption: [String] = []
  /// Legend rows: a real glyph (node shape with its fill, or a short line of the edge's style,
  /// colour and arrowhead) and a label from GapMap's vocabulary.
  public var legend: [LegendRow] = []
  /// Clusters laid out apart, in a column beside the main drawing (isolated entities and small
  /// components, grouped by kind), in this order.
  public var sideClusters: [String] = []
  /// Whether the figure is composed from blocks laid out apart (main drawing, side column,
  /// legend) and drawn with pinned positions (Graphviz's `nop2`). Only for dot layouts.
  public var composed = true
  /// Whether the clusters are the overview's arrangement (jurisdictions, side column), which
  /// only composed dot figures use.
  public var arranged = false
  /// The legend's size relative to its default (10 pt labels).
  public var legendScale = 1.0
  /// The size of the title, caption and side-column labels (jurisdiction labels: 1.5 times, at
  /// least 30).
  public var textSize = 16.0
  public var rankdir = "LR"
  /// The engine this figure is drawn best with when the user names none.
  public var preferredEngine: Engine?
  /// Cluster key → label.
  public var clusterLabels: [String: String] = [:]
  /// A short text for `<desc>` (what the figure shows).
  public var description = ""

  public init() {}

  public struct LegendRow: Sendable, Equatable {
    public enum Glyph: Sendable, Equatable {
      /// A node of this shape, fill, border, style and border width.
      case node(shape: String, fill: String, border: String, style: String, penWidth: Double)
      /// A short edge of this colour, style, width and arrowhead.
      case edge(color: String, style: String, penWidth: Double, arrowhead: String)
      /// A heading (text only).
      case heading
    }
    public var glyph: Glyph
    public var text: String
    public init(_ glyph: Glyph, _ text: String) {
      self.glyph = glyph
      self.text = text
    }
  }
}
