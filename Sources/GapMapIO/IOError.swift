import GapMapModel

/// A failure to read or write a file, located like a diagnostic.
public struct IOError: Error, Sendable, CustomStringConvertible {
  /// Why it failed: bad input (exit 1) or an environment problem such as an unwritable output
  /// (exit 3).
  public enum Cause: Sendable { case input, environment }

  public var file: String
  public var line: Int
  public var column: String?
  public var message: String
  public var hint: String?
  public var cause: Cause

  public init(
    file: String, line: Int = 0, column: String? = nil, _ message: String, hint: String? = nil,
    cause: Cause = .input
  ) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
    self.hint = hint
    self.cause = cause
  }

  /// The error as a diagnostic.
  public var diagnostic: Diagnostic {
    Diagnostic(.error, file: file, line: line, column: column, message, hint: hint)
  }

  public var description: String { diagnostic.description }
}
