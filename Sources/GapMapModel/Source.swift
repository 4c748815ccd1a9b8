/// A citation: the evidence behind entities and relations.
public struct Source: Sendable, Hashable {
  /// Unique id, referenced from `sources` cells.
  public var id: String
  /// Title.
  public var title: String
  /// Publisher.
  public var publisher: String = ""
  /// Publication date.
  public var date: Value<PartialDate> = .unknown
  /// Address (http, https or mailto are the ones GapMap will link).
  public var url: String = ""
  /// Type of source.
  public var sourceType: Value<SourceType> = .unknown
  /// Page, paragraph or section.
  public var locator: String = ""
  /// Date accessed.
  public var accessed: Value<PartialDate> = .unknown
  /// Columns the format does not define, by column name.
  public var attributes: [String: String] = [:]
  /// The line the source was read from (0 when not read from a file).
  public var line: Int = 0

  /// A source with only id and title.
  public init(id: String, title: String) {
    self.id = id
    self.title = title
  }
}
