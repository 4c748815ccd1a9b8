import CGraphviz
import Foundation

/// The one Graphviz context of the process and the lock every Graphviz call runs under.
///
/// libgvc/libcgraph 2.42 are not thread-safe (concurrent renders crashed 7 of 8 times in the
/// team's measurements) and leak per context, so GapMap keeps one context for the process and
/// serialises every call. Errors are captured through `agseterrf` into a buffer guarded by the
/// same lock and reset before each operation.
enum Graphviz {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var context: OpaquePointer?
  nonisolated(unsafe) static var errorBuffer = ""

  /// Runs `body` with the context, holding the process-wide lock.
  static func withContext<T>(_ body: (OpaquePointer) throws -> T) rethrows -> T {
    lock.lock()
    defer { lock.unlock() }
    let gvc: OpaquePointer
    if let existing = context {
      gvc = existing
    } else {
      agseterrf(graphvizErrorSink)
      gvc = gvContext()
      context = gvc
    }
    return try body(gvc)
  }

  /// Clears the sticky error state and the captured messages (call under the lock).
  static func resetErrors() {
    agreseterrors()
    errorBuffer = ""
  }

  /// Whether an error was reported since the last reset (call under the lock).
  static var hasError: Bool { agerrors() >= Int32(AGERR.rawValue) }

  /// The captured messages, joined and trimmed.
  static var messages: String {
    errorBuffer.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }.joined(separator: "; ")
  }
}

/// Receives Graphviz's messages in fragments ("Error", ": ", text) and buffers them.
private let graphvizErrorSink: agusererrf = { message in
  if let message { Graphviz.errorBuffer += String(cString: message) }
  return 0
}

/// Passes a private mutable copy of `s` to a cgraph function that takes `char *` (cgraph copies
/// it and never writes through the pointer).
func withMutableCString<T>(_ s: String, _ body: (UnsafeMutablePointer<CChar>) -> T) -> T {
  var bytes = Array(s.utf8CString)
  return bytes.withUnsafeMutableBufferPointer { buffer in
    guard let base = buffer.baseAddress else { preconditionFailure("a C string has at least its NUL") }
    return body(base)
  }
}
