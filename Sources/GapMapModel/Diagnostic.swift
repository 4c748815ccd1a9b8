/// A message about the input, located as `file:line: column: message`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible, Error {
  /// Errors make validation fail; warnings do too under `--strict`.
  public enum Severity: String, Sendable, Hashable { case error, warning }

  public var severity: Severity
  /// The file, as the user named it (or the table's default name).
  public var file: String
  /// 1-based line, or 0 for the whole file.
  public var line: Int
  /// The column (field) name, if the message is about one.
  public var column: String?
  /// What is wrong.
  public var message: String
  /// How to fix it, if there is something to say.
  public var hint: String?

  public init(
    _ severity: Severity, file: String, line: Int, column: String? = nil, _ message: String,
    hint: String? = nil
  ) {
    self.severity = severity
    self.file = file
    self.line = line
    self.column = column
    self.message = message
    self.hint = hint
  }

  /// `file:line: column: message`; warnings read `file:line: column: warning: message`. The
  /// line and column are left out when unknown.
  public var description: String {
    var s = file
    if line > 0 { s += ":\(line)" }
    s += ": "
    if let column { s += "\(column): " }
    if severity == .warning { s += "warning: " }
    return s + message
  }
}

/// The diagnostics of one read or validation, in order.
public struct Diagnostics: Sendable {
  public private(set) var all: [Diagnostic] = []
  public init() {}

  public mutating func append(_ d: Diagnostic) { all.append(d) }
  public mutating func append(contentsOf ds: [Diagnostic]) { all.append(contentsOf: ds) }

  public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
  public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }
  public var hasErrors: Bool { all.contains { $0.severity == .error } }
}
