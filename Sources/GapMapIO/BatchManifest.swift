import Foundation
import GapMapModel

/// A batch manifest (`gapmap batch MANIFEST.yaml`) expanded into concrete jobs.
///
/// ```yaml
/// defaults: {format: csv}
/// jobs:
///   - name: ranks-{at}
///     run: centrality
///     dataset: datasets/*/        # a glob: one job per match
///     at: [2015, 2018, 2020]      # a list: one job per value
///     args: ["--measure", "pagerank"]
///     output: out/{dataset}/ranks-{at}.csv
/// ```
///
/// Relative paths resolve against the manifest's folder. Outputs must stay inside the output
/// root (the manifest's folder unless given): no `..`, no absolute path elsewhere, no symlink
/// out of it. Datasets may be read from anywhere.
public struct BatchManifest: Sendable {
  /// One expanded job.
  public struct Job: Sendable, Equatable {
    public var name: String
    public var command: String
    /// The dataset path, resolved.
    public var dataset: String
    /// The output path, resolved and checked (nil for `validate` without output).
    public var output: String?
    /// The arguments after the subcommand and dataset, without `-o`.
    public var arguments: [String]
    /// Seconds before the job is stopped.
    public var timeout: Double
    /// The manifest line the job comes from.
    public var line: Int
  }

  public var jobs: [Job]
  public var file: String
  public var root: String
  /// Where summary.json goes: the manifest's `summary`, else `<root>/summary.json`.
  public var summary: String

  /// Options each command takes, as manifest keys (`at` → `--at`). Lists sweep.
  static let options: [String: Set<String>] = [
    "validate": [],
    "summary": ["at", "evidence", "relations", "kinds", "format"],
    "centrality": ["at", "evidence", "relations", "kinds", "format", "measure", "weight", "top", "seed"],
    "path": ["at", "evidence", "relations", "kinds", "format", "from", "to", "weight"],
    "gaps": ["at", "evidence", "format", "facility", "weights", "seed", "draws"],
    "chains": ["at", "evidence", "format", "facility"],
    "render": [
      "at", "evidence", "relations", "kinds", "format", "engine", "seed", "facility", "focus", "depth",
      "color-by", "cluster-by", "size-by", "edge-labels", "weights", "style", "timeout",
    ],
    "report": ["at", "evidence", "weights", "engine", "seed"],
    "convert": ["from", "to"],
  ]
  /// Formats each command accepts; a default `format` applies only where accepted.
  static let formats: [String: Set<String>] = [
    "summary": ["table", "json"], "centrality": ["table", "csv", "json", "jsonl"],
    "path": ["table", "csv", "json", "jsonl"], "gaps": ["table", "csv", "json"], "chains": ["table", "json"],
    "render": ["svg", "png", "pdf", "dot", "json"],
  ]
  static let jobKeys: Set<String> = ["name", "run", "dataset", "output", "args", "timeout"]

  /// Reads and expands a manifest.
  /// - Parameters:
  ///   - file: the manifest's path.
  ///   - outputRoot: the folder outputs must stay in (default: the manifest's folder).
  /// - Throws: ``IOError`` at the manifest line of the first problem.
  public init(file: String, outputRoot: String? = nil) throws(IOError) {
    self.file = file
    let value = try YAML.read(file)
    let base = URL(fileURLWithPath: file).deletingLastPathComponent().standardizedFileURL.path
    let rootPath = BatchManifest.resolve(
      outputRoot ?? base, against: FileManager.default.currentDirectoryPath)
    root = rootPath
    guard case .object(let top) = value else {
      throw IOError(file: file, line: 1, "a manifest is a mapping with `jobs` (and optional `defaults`)")
    }
    var defaults: [JSONMember] = []
    var jobList: [JSONValue] = []
    var jobsLine = 1
    var summaryPath = rootPath + "/summary.json"
    for m in top {
      switch m.key {
      case "summary":
        guard let s = BatchManifest.scalar(m.value) else {
          throw IOError(file: file, line: m.line, "summary: a path for summary.json")
        }
        summaryPath = try BatchManifest.checkedOutput(s, base: base, root: rootPath) {
          IOError(file: file, line: m.line, "summary: \($0)")
        }
      case "defaults":
        guard case .object(let d) = m.value else {
          throw IOError(file: file, line: m.line, "defaults: a mapping of option names to values")
        }
        defaults = d
      case "jobs":
        guard case .array(let items) = m.value, !items.isEmpty else {
          throw IOError(file: file, line: m.line, "jobs: a non-empty list")
        }
        jobList = items
        jobsLine = m.line
      default:
        throw IOError(file: file, line: m.line, "\(m.key): unknown key (expected defaults, jobs, summary)")
      }
    }
    guard !jobList.isEmpty else { throw IOError(file: file, line: 1, "no jobs") }
    var jobs: [Job] = []
    var names = Set<String>()
    // Outputs are compared by identity (the parent folder's device and inode, plus the name),
    // not as strings: `alias/g.csv` through a symlink and `out/g.csv` are one file. The
    // summary's path is reserved.
    var outputs = [BatchManifest.outputIdentity(summaryPath): "the batch summary"]
    for (k, item) in jobList.enumerated() {
      guard case .object(let members) = item else {
        throw IOError(file: file, line: jobsLine, "jobs[\(k)]: a mapping with name, run, dataset, output")
      }
      let line = members.first?.line ?? jobsLine
      let expanded = try BatchManifest.expand(
        members, defaults: defaults, index: k, line: line, file: file, base: base, root: rootPath)
      for j in expanded {
        guard names.insert(j.name).inserted else {
          throw IOError(file: file, line: j.line, "jobs[\(k)]: job name \"\(j.name)\" is used twice")
        }
        if let o = j.output {
          let key = BatchManifest.outputIdentity(o)
          if let other = outputs[key] {
            throw IOError(file: file, line: j.line, "jobs[\(k)]: \(j.name) writes \(o), as \(other) does")
          }
          outputs[key] = j.name
        }
        jobs.append(j)
      }
    }
    self.jobs = jobs
    summary = summaryPath
  }

  static func scalar(_ v: JSONValue) -> String? {
    switch v {
    case .string(let s): return s
    case .number(let n): return n
    case .bool(let b): return b ? "true" : "false"
    default: return nil
    }
  }

  // swiftlint:disable:next function_parameter_count
  static func expand(
    _ members: [JSONMember], defaults: [JSONMember], index k: Int, line: Int, file: String, base: String,
    root: String
  ) throws(IOError) -> [Job] {
    func fail(_ m: JSONMember?, _ message: String) -> IOError {
      IOError(file: file, line: m?.line ?? line, "jobs[\(k)]: \(message)")
    }
    var fields: [String: JSONMember] = [:]
    for m in members { fields[m.key] = m }
    guard let nameM = fields["name"], let name = scalar(nameM.value), !name.isEmpty else {
      throw fail(fields["name"], "name: required")
    }
    guard let runM = fields["run"], let run = scalar(runM.value), let allowed = options[run] else {
      throw fail(
        fields["run"], "run: one of \(options.keys.sorted().joined(separator: ", "))")
    }
    guard let dsM = fields["dataset"] else { throw fail(nil, "dataset: required") }
    var datasetPatterns: [String] = []
    switch dsM.value {
    case .array(let xs):
      for x in xs {
        guard let s = scalar(x) else { throw fail(dsM, "dataset: a path or a list of paths") }
        datasetPatterns.append(s)
      }
    default:
      guard let s = scalar(dsM.value) else { throw fail(dsM, "dataset: a path or a list of paths") }
      datasetPatterns = [s]
    }
    var datasets: [String] = []
    for p in datasetPatterns {
      let resolved = resolve(p, against: base)
      if p.contains(where: { "*?[".contains($0) }) {
        // Folders a glob matches count only if they hold a dataset.
        let matches = glob(resolved).filter { m in
          !m.hasSuffix("/") || FileManager.default.fileExists(atPath: m + "entities.csv")
            || FileManager.default.fileExists(atPath: m + "relations.csv")
        }
        if matches.isEmpty { throw fail(dsM, "dataset: \"\(p)\" matches nothing") }
        datasets += matches
      } else {
        datasets.append(resolved)
      }
    }
    let outputTemplate = fields["output"].flatMap { scalar($0.value) }
    if outputTemplate == nil && run != "validate" { throw fail(fields["output"], "output: required") }
    var args: [String] = []
    if let a = fields["args"] {
      guard case .array(let xs) = a.value else { throw fail(a, "args: a list of strings") }
      for x in xs {
        guard let s = scalar(x) else { throw fail(a, "args: a list of strings") }
        args.append(s)
      }
      if args.contains(where: { $0 == "-o" || $0 == "--output" || $0.hasPrefix("--output=") }) {
        throw fail(a, "args: the output is set by `output`, not -o")
      }
    }
    var timeout = 600.0
    // Options: defaults first (where the command takes them), then the job's own.
    var sweeps: [(key: String, values: [String], member: JSONMember)] = []
    var fixed: [(String, String)] = []
    func option(_ m: JSONMember, fromDefaults: Bool) throws(IOError) {
      if m.key == "timeout" {
        guard let t = scalar(m.value).flatMap(Double.init), t > 0 else {
          throw fail(m, "timeout: seconds > 0")
        }
        timeout = t
        return
      }
      guard allowed.contains(m.key) else {
        if fromDefaults { return }
        throw fail(m, "\(m.key): not an option of \(run) (\(allowed.sorted().joined(separator: ", ")))")
      }
      var values: [String] = []
      if case .array(let xs) = m.value {
        for x in xs {
          guard let s = scalar(x) else { throw fail(m, "\(m.key): values must be text or numbers") }
          values.append(s)
        }
        if values.isEmpty { throw fail(m, "\(m.key): an empty sweep") }
      } else {
        guard let s = scalar(m.value) else { throw fail(m, "\(m.key): a value or a list of values") }
        values = [s]
      }
      if m.key == "format", fromDefaults, let accepted = formats[run], !values.allSatisfy(accepted.contains) {
        return
      }
      if m.key == "format", formats[run] == nil, fromDefaults { return }
      sweeps.removeAll { $0.key == m.key }
      fixed.removeAll { $0.0 == m.key }
      if values.count > 1 { sweeps.append((m.key, values, m)) } else { fixed.append((m.key, values[0])) }
    }
    for m in defaults { try option(m, fromDefaults: true) }
    for m in members where !jobKeys.contains(m.key) || m.key == "timeout" {
      try option(m, fromDefaults: false)
    }
    // The cartesian product of the dataset list and the sweeps.
    var combos: [[String: String]] = datasets.map { ["dataset": $0] }
    for s in sweeps {
      combos = combos.flatMap { c in s.values.map { v in c.merging([s.key: v]) { _, n in n } } }
    }
    var jobs: [Job] = []
    for c in combos {
      guard let ds = c["dataset"] else { continue }
      var vars = c
      vars["dataset"] = datasetLabel(ds)
      for (key, value) in fixed where vars[key] == nil { vars[key] = value }
      let jobName = try substitute(name, vars, fail(nameM, "name"))
      var output: String?
      if let t = outputTemplate {
        let path = try substitute(t, vars, fail(fields["output"], "output"))
        output = try checkedOutput(path, base: base, root: root, fail: { fail(fields["output"], $0) })
      }
      var arguments: [String] = []
      for (key, value) in fixed { arguments += ["--\(key)", value] }
      for s in sweeps { if let v = c[s.key] { arguments += ["--\(s.key)", v] } }
      arguments += args
      jobs.append(
        Job(
          name: jobName, command: run, dataset: ds, output: output, arguments: arguments, timeout: timeout,
          line: line))
    }
    return jobs
  }

  /// `{key}` → the value of that sweep or option (`{dataset}`: the dataset's base name).
  static func substitute(_ template: String, _ vars: [String: String], _ error: IOError) throws(IOError)
    -> String
  {
    var out = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{") {
      out += rest[..<open]
      guard let close = rest[open...].firstIndex(of: "}") else {
        throw error.with("unclosed { in \"\(template)\"")
      }
      let key = String(rest[rest.index(after: open)..<close])
      guard let v = vars[key] else {
        throw error.with("{\(key)} is not a sweep, option or {dataset} of this job")
      }
      out += v.replacingOccurrences(of: "/", with: "_")
      rest = rest[rest.index(after: close)...]
    }
    return out + rest
  }

  /// The dataset's name for `{dataset}`: its last path component without extension.
  static func datasetLabel(_ path: String) -> String {
    var p = path
    while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
    let last = (p as NSString).lastPathComponent
    let stem = (last as NSString).deletingPathExtension
    return stem.isEmpty ? last : stem
  }

  /// `path` made absolute against `base` and normalised (`.` and `..` removed lexically).
  static func resolve(_ path: String, against base: String) -> String {
    let absolute = path.hasPrefix("/") ? path : base + "/" + path
    var parts: [Substring] = []
    for c in absolute.split(separator: "/", omittingEmptySubsequences: true) {
      if c == "." { continue }
      if c == ".." {
        if !parts.isEmpty { parts.removeLast() }
        continue
      }
      parts.append(c)
    }
    return "/" + parts.joined(separator: "/") + (path.hasSuffix("/") && !parts.isEmpty ? "/" : "")
  }

  /// An output path inside the root, after resolving `..` and the symlinks of its existing
  /// ancestors.
  static func checkedOutput(
    _ path: String, base: String, root: String, fail: (String) -> IOError
  ) throws(IOError) -> String {
    if path.split(separator: "/").contains("..") {
      throw fail("output \"\(path)\" may not contain ..")
    }
    let resolved = resolve(path, against: base)
    let realRoot = realPath(root)
    // The deepest existing ancestor, with its symlinks resolved, must be inside the root.
    var ancestor = (resolved as NSString).deletingLastPathComponent
    while !FileManager.default.fileExists(atPath: ancestor) && ancestor != "/" {
      ancestor = (ancestor as NSString).deletingLastPathComponent
    }
    let realAncestor = realPath(ancestor)
    let inside = { (p: String) in
      p == realRoot || p.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/")
    }
    guard inside(resolve(resolved, against: "/")), inside(realAncestor) || inside(realAncestor + "/")
    else {
      throw fail("output \"\(path)\" is outside the output root \(root)")
    }
    // An existing output that is a symlink could point anywhere.
    if let attrs = try? FileManager.default.attributesOfItem(atPath: resolved),
      attrs[.type] as? FileAttributeType == .typeSymbolicLink
    {
      throw fail("output \"\(path)\" is a symbolic link")
    }
    return resolved
  }

  /// What makes two output paths the same file: the device and inode of the parent folder (of
  /// its deepest existing ancestor, with the rest of the path, when it does not exist yet) and
  /// the name. Symlinked and bind-mounted folders, `a//b` and `a/./b` all meet here; a symlink
  /// to a folder that does not exist yet is followed by hand.
  public static func outputIdentity(_ path: String) -> String {
    var absolute = resolve(path, against: FileManager.default.currentDirectoryPath)
    for _ in 0..<40 {  // symlink hops, as the kernel's ELOOP limit
      var parts = absolute.split(separator: "/").map(String.init)
      guard let name = parts.popLast() else { return absolute }
      var rest: [String] = [name]
      var followed = false
      while !followed {
        let folder = "/" + parts.joined(separator: "/")
        var st = stat()
        if stat(folder, &st) == 0 {
          return "\(st.st_dev):\(st.st_ino)/" + rest.reversed().joined(separator: "/")
        }
        if lstat(folder, &st) == 0, st.st_mode & S_IFMT == S_IFLNK,
          let target = try? FileManager.default.destinationOfSymbolicLink(atPath: folder)
        {
          let base = (folder as NSString).deletingLastPathComponent
          absolute = resolve(target + "/" + rest.reversed().joined(separator: "/"), against: base)
          followed = true
          continue
        }
        guard let last = parts.popLast() else { return absolute }
        rest.append(last)
      }
    }
    return absolute
  }

  static func realPath(_ p: String) -> String {
    guard let r = realpath(p, nil) else { return p }
    defer { free(r) }
    return String(cString: r)
  }

  /// Paths matching a shell pattern, sorted (folders end with `/` when the pattern does).
  static func glob(_ pattern: String) -> [String] {
    var g = glob_t()
    defer { globfree(&g) }
    guard Glibc.glob(pattern, GLOB_MARK, nil, &g) == 0 else { return [] }
    var out: [String] = []
    for i in 0..<Int(g.gl_pathc) {
      if let p = g.gl_pathv[i] { out.append(String(cString: p)) }
    }
    if pattern.hasSuffix("/") { out = out.filter { $0.hasSuffix("/") } }
    return out.sorted()
  }
}

extension IOError {
  /// The same location with another message suffix.
  func with(_ detail: String) -> IOError {
    var e = self
    e.message += ": " + detail
    return e
  }
}
