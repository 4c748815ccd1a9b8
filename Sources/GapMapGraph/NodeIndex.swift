/// The map between node identifiers and the dense `Int32` indices of a ``Graph``.
///
/// Dictionaries stay here, outside the algorithms' hot loops: algorithms see only indices.
public struct NodeIndex: Sendable, Equatable {
  /// The identifier of each node, by index.
  public private(set) var ids: [String]
  private var indexByID: [String: Int32]

  /// An empty map.
  public init() {
    ids = []
    indexByID = [:]
  }

  /// A map over `ids` in order; duplicates keep their first index.
  /// - Complexity: O(n).
  public init(_ ids: some Sequence<String>) {
    self.init()
    for id in ids { insert(id) }
  }

  /// The number of nodes.
  public var count: Int { ids.count }

  /// Returns the index of `id`, adding it at the end if it is new.
  /// - Complexity: O(1) amortised.
  @discardableResult
  public mutating func insert(_ id: String) -> Int32 {
    if let i = indexByID[id] { return i }
    let i = Int32(ids.count)
    ids.append(id)
    indexByID[id] = i
    return i
  }

  /// The index of `id`, if present.
  /// - Complexity: O(1).
  public func index(of id: String) -> Int32? { indexByID[id] }

  /// The identifier at `index`.
  /// - Complexity: O(1).
  public func id(at index: Int) -> String { ids[index] }
}
