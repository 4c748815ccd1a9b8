import GapMapGraph
import GapMapModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A plain graph as read from an edge list: node ids in order of first appearance and the
/// edges as `Int32` index pairs, ready for `GapMapGraph`'s `Graph`.
public struct EdgeList: Sendable {
  /// Node ids by index.
  public var nodes: [String]
  /// Edge tails.
  public var sources: [Int32]
  /// Edge heads.
  public var targets: [Int32]
  /// Edge weights, when the file has a weight column.
  public var weights: [Double]?
  /// `true`/`false` when the file says whether it is directed (a SNAP `# Directed graph`
  /// comment), `nil` otherwise.
  public var directedHint: Bool?
  /// The file lines of the edges (for messages; 1-based).
  public var lines: [Int32]
  /// Edges without a weight in a file where others have one (igraph's NCOL): they weigh 1,
  /// as igraph reads them.
  public var defaultedWeights = 0
  /// Edges whose networkx attribute dictionary held more than a weight (dropped).
  public var droppedAttributes = 0

  /// The graph (parallel edges and self-loops kept).
  /// - Complexity: O(n + m).
  public func graph(directed: Bool) -> Graph {
    Graph(
      uncheckedNodeCount: nodes.count, sources: sources, targets: targets, weights: weights,
      directed: directed)
  }
}

/// Reads edge lists in a streaming, byte-level pass: CSV/TSV with a `source,target[,weight]`
/// header, or whitespace-separated pairs without one (networkx, igraph and SNAP style; lines
/// starting with `#` or `%` are comments).
///
/// ```swift
/// let edges = try EdgeListReader.read(path: "ba200k.csv")
/// let g = edges.graph(directed: false)
/// ```
public enum EdgeListReader {
  /// The size of each read from the file.
  static let chunkSize = 1 << 20

  /// Reads the file at `path` (`-` for standard input).
  /// - Throws: ``IOError`` naming the file and line.
  /// - Complexity: O(bytes) time; memory O(n + m) for the result plus one chunk.
  public static func read(path: String) throws(IOError) -> EdgeList {
    let display = path == "-" ? "<stdin>" : path
    let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
    guard fd >= 0 else {
      throw IOError(file: display, "cannot open: \(String(cString: strerror(errno)))")
    }
    defer { if fd != 0 { close(fd) } }
    var state = State(file: display)
    var buffer = [UInt8](repeating: 0, count: chunkSize)
    var carry: [UInt8] = []
    while true {
      let got = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, chunkSize) }
      if got < 0 {
        if errno == EINTR { continue }
        throw IOError(file: display, "read failed: \(String(cString: strerror(errno)))", cause: .environment)
      }
      if got == 0 { break }
      // Process whole lines; keep the tail (a partial line) for the next chunk.
      var lastNL = got - 1
      while lastNL >= 0 && buffer[lastNL] != 0x0A { lastNL -= 1 }
      if lastNL < 0 {
        carry.append(contentsOf: buffer[0..<got])
        continue
      }
      if carry.isEmpty {
        try state.consume(buffer, upTo: lastNL + 1)
      } else {
        carry.append(contentsOf: buffer[0...lastNL])
        try state.consume(carry, upTo: carry.count)
        carry.removeAll(keepingCapacity: true)
      }
      if lastNL + 1 < got { carry.append(contentsOf: buffer[(lastNL + 1)..<got]) }
    }
    if !carry.isEmpty {
      carry.append(0x0A)
      try state.consume(carry, upTo: carry.count)
    }
    return try state.finish()
  }

  /// Reads an edge list held in memory.
  public static func read(bytes: [UInt8], file: String) throws(IOError) -> EdgeList {
    var state = State(file: file)
    var data = bytes
    if data.last != 0x0A { data.append(0x0A) }
    try state.consume(data, upTo: data.count)
    return try state.finish()
  }

  /// The words a header may use for the first two columns.
  static let headerWords: Set<String> = [
    "source", "target", "from", "to", "src", "dst", "u", "v", "node1", "node2", "id1", "id2",
    "tail", "head",
  ]

  struct State {
    let file: String
    var interner = ByteInterner(capacity: 1 << 16)
    var sources: [Int32] = []
    var targets: [Int32] = []
    var weights: [Double] = []
    var lines: [Int32] = []
    var line = 0
    /// nil until the first data line decides: 0x2C comma, 0x09 tab, 0x20 any white space.
    var delimiter: UInt8?
    var hasWeight: Bool?
    /// Whether the header named a weight column (nil without a header).
    var headerWeight: Bool?
    var defaultedWeights = 0
    var droppedAttributes = 0
    var directedHint: Bool?
    var sawBOM = false

    init(file: String) { self.file = file }

    func fail(_ message: String, column: String? = nil, hint: String? = nil) -> IOError {
      IOError(file: file, line: line, column: column, message, hint: hint)
    }

    /// Parses the whole lines in `bytes[0..<count]`.
    mutating func consume(_ bytes: [UInt8], upTo count: Int) throws(IOError) {
      let failure: IOError? = bytes.withUnsafeBytes { p -> IOError? in
        do throws(IOError) {
          try consume(UnsafeRawBufferPointer(rebasing: p[0..<count]))
          return nil
        } catch {
          return error
        }
      }
      if let failure { throw failure }
    }

    mutating func consume(_ p: UnsafeRawBufferPointer) throws(IOError) {
      var i = 0
      let n = p.count
      if line == 0, n >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { i = 3 }
      while i < n {
        line += 1
        var end = i
        while end < n && p[end] != 0x0A { end += 1 }
        var lineEnd = end
        if lineEnd > i && p[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        try parseLine(p, i, lineEnd)
        i = end + 1
      }
    }

    @inline(__always)
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

    mutating func parseLine(_ p: UnsafeRawBufferPointer, _ start: Int, _ end: Int) throws(IOError) {
      var s = start
      while s < end && State.isSpace(p[s]) { s += 1 }
      if s == end { return }
      let first = p[s]
      if first == UInt8(ascii: "#") || first == UInt8(ascii: "%") {
        noteComment(p, s, end)
        return
      }
      if let z = (s..<end).first(where: { p[$0] == 0 }) {
        _ = z
        throw fail("NUL byte in the file", hint: "is it a text file?")
      }
      // Split into at most 4 tokens.
      var tokens: [(Int, Int)] = []
      tokens.reserveCapacity(4)
      let delim: UInt8
      if let d = delimiter {
        delim = d
      } else {
        var d: UInt8 = 0x20
        for k in s..<end {
          if p[k] == UInt8(ascii: "{") { break }  // a networkx attribute dictionary
          if p[k] == 0x2C {
            d = 0x2C
            break
          }
          if p[k] == 0x09 { d = 0x09 }
        }
        delim = d
      }
      var k = s
      if delim == 0x20 {
        while k < end && tokens.count < 4 {
          while k < end && State.isSpace(p[k]) { k += 1 }
          if k == end { break }
          let t0 = k
          while k < end && !State.isSpace(p[k]) { k += 1 }
          tokens.append((t0, k))
        }
      } else {
        var t0 = k
        while true {
          if k == end || p[k] == delim {
            var a = t0
            var b = k
            while a < b && State.isSpace(p[a]) { a += 1 }
            while b > a && State.isSpace(p[b - 1]) { b -= 1 }
            if b - a >= 2 && p[a] == 0x22 && p[b - 1] == 0x22 {
              a += 1
              b -= 1
            }
            tokens.append((a, b))
            if k == end || tokens.count == 4 { break }
            t0 = k + 1
          }
          k += 1
        }
      }
      if delimiter == nil {
        delimiter = delim
        // The first data line: a header if it names its columns.
        let w0 = String(
          decoding: UnsafeRawBufferPointer(rebasing: p[tokens[0].0..<tokens[0].1]), as: UTF8.self
        )
        .lowercased()
        if State.headerWords(w0) {
          guard tokens.count >= 2 else { throw fail("the header must name source and target columns") }
          if tokens.count >= 3 {
            let w2 = String(
              decoding: UnsafeRawBufferPointer(rebasing: p[tokens[2].0..<tokens[2].1]), as: UTF8.self)
            guard w2.lowercased() == "weight", tokens.count == 3 else {
              throw fail(
                "an edge list has the columns source,target[,weight]; found \"\(w2)\"",
                hint: "for relations with attributes, use a dataset folder (entities.csv, relations.csv)")
            }
            hasWeight = true
          } else {
            hasWeight = false
          }
          headerWeight = hasWeight
          return
        }
        if delim == 0x09 {
          // Tabs without a header: SNAP and igraph files mix tabs and spaces, so read the whole
          // file as white-space separated.
          delimiter = 0x20
          try parseLine(p, start, end)
          return
        }
      }
      guard tokens.count >= 2, tokens[1].1 > tokens[1].0, tokens[0].1 > tokens[0].0 else {
        throw fail("expected a source and a target", hint: "one edge per line: source,target[,weight]")
      }
      // networkx's default write_edgelist: `a b {'weight': 4}` (a Python dict literal).
      var dictWeight: Double?
      var isDict = false
      if delimiter == 0x20, tokens.count >= 3, p[tokens[2].0] == UInt8(ascii: "{") {
        isDict = true
        let rest = String(decoding: UnsafeRawBufferPointer(rebasing: p[tokens[2].0..<end]), as: UTF8.self)
        guard let (w, others) = State.pythonDict(rest) else {
          throw fail("an attribute dictionary must end with }", hint: "networkx writes {'weight': 4}")
        }
        dictWeight = w
        if others { droppedAttributes += 1 }
      } else if tokens.count > 3 {
        throw fail(
          "more than three columns",
          hint: "an edge list has source,target[,weight]; GML (.gml) and Pajek (.net) are read by extension")
      }
      let lineHasWeight = isDict ? dictWeight != nil : tokens.count == 3 && tokens[2].1 > tokens[2].0
      // Without a header, weights may be on some lines only (igraph's NCOL): the others weigh 1.
      let headerless = headerWeight == nil
      if hasWeight == nil { hasWeight = lineHasWeight }
      if hasWeight == true && !lineHasWeight {
        guard headerless else {
          throw fail("missing weight", column: "weight", hint: "every edge needs a weight once one has one")
        }
        weights.append(1)
        defaultedWeights += 1
      }
      if hasWeight == false && lineHasWeight {
        guard headerless else {
          throw fail("unexpected third column", column: "weight", hint: "the header has no weight column")
        }
        hasWeight = true
        defaultedWeights += sources.count
        weights = [Double](repeating: 1, count: sources.count)
      }
      let u = interner.internRepeated(UnsafeRawBufferPointer(rebasing: p[tokens[0].0..<tokens[0].1]))
      let v = interner.intern(UnsafeRawBufferPointer(rebasing: p[tokens[1].0..<tokens[1].1]))
      if let dictWeight {
        weights.append(dictWeight)
      } else if lineHasWeight {
        let text = String(
          decoding: UnsafeRawBufferPointer(rebasing: p[tokens[2].0..<tokens[2].1]), as: UTF8.self)
        guard let w = Scalars.number(text) else {
          throw fail("\"\(text)\" is not a number", column: "weight")
        }
        weights.append(w)
      }
      sources.append(u)
      targets.append(v)
      lines.append(Int32(truncatingIfNeeded: line))
      if interner.count >= Int(Int32.max) { throw fail("more than 2^31 nodes") }
    }

    static func headerWords(_ w: String) -> Bool { EdgeListReader.headerWords.contains(w) }

    /// The `weight` of a Python dict literal as networkx writes it (`{'weight': 4}`, `{}`), and
    /// whether it holds other keys.
    static func pythonDict(_ text: String) -> (Double?, Bool)? {
      let t = text.trimmingWhitespace
      guard t.hasPrefix("{"), t.hasSuffix("}") else { return nil }
      let body = t.dropFirst().dropLast()
      var weight: Double?
      var others = false
      for item in body.split(separator: ",") where !String(item).trimmingWhitespace.isEmpty {
        let kv = item.split(separator: ":", maxSplits: 1)
        let key = kv.first.map { String($0.filter { $0 != "'" && $0 != "\"" }).trimmingWhitespace } ?? ""
        let value = kv.count == 2 ? String(kv[1]).trimmingWhitespace : ""
        if key == "weight", let w = Scalars.number(value) {
          weight = w
        } else {
          others = true
        }
      }
      return (weight, others)
    }

    mutating func noteComment(_ p: UnsafeRawBufferPointer, _ s: Int, _ end: Int) {
      guard directedHint == nil, delimiter == nil, end - s < 200 else { return }
      let text = String(decoding: UnsafeRawBufferPointer(rebasing: p[s..<end]), as: UTF8.self).lowercased()
      if text.contains("undirected") {
        directedHint = false
      } else if text.contains("directed") {
        directedHint = true
      }
    }

    func finish() throws(IOError) -> EdgeList {
      if let bad = interner.firstInvalidUTF8() {
        throw IOError(file: file, "node id #\(bad + 1) is not valid UTF-8", hint: "save the file as UTF-8")
      }
      return EdgeList(
        nodes: interner.strings(), sources: sources, targets: targets,
        weights: hasWeight == true ? weights : nil, directedHint: directedHint, lines: lines,
        defaultedWeights: defaultedWeights, droppedAttributes: droppedAttributes)
    }
  }
}
