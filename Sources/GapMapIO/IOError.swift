import GapMapModel

/// A failure to read or write a file, located like a diagnostic.
public struct IOError: Error, Sendable, CustomStringConvertible {
  /// Why it failed: bad input (exit 1) or an environment problem such as an unwritable output
  /// (exit 3).
  public enum Cause: Sendable { case input, environment }

  public var file: String
  public var line: Int
  public var column: String?
  /// What is wrong.
  public var message: String
  /// How to fix it, in the library's terms, if there is something to say.
  public var hint: String?
  /// The kind of fix, when it is one a front end offers in its own terms (a command-line tool
  /// names its option); `hint` says it in the library's.
  public var remedy: Remedy?
  public var cause: Cause

  /// A fix a front end can phrase in its own terms.
  public enum Remedy: Sendable, Hashable {
    /// Name the input's format: its content does not show it (node-link JSON and the other
    /// JSON-based formats are read when named).
    case nameInputFormat
    /// Name the output format: the path does not show it.
    case nameOutputFormat
    /// Choose another output format: the one asked for is read only.
    case chooseWritableFormat
    /// Decode the text as ISO-8859-1 (Latin-1): it is not UTF-8.
    case decodeAsLatin1
  }

  public init(
    file: String, line: Int = 0, column: String? = nil, _ message: String, hint: String? = nil,
    remedy: Remedy? = nil, cause: Cause = .input
  ) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
    self.hint = hint
    self.remedy = remedy
    self.cause = cause
  }

  /// The error as a diagnostic.
  public var diagnostic: Diagnostic {
    Diagnostic(.error, file: file, line: line, column: column, message, hint: hint)
  }

  public var description: String { diagnostic.description }
}
