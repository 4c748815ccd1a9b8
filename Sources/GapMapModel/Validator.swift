/// The whole-dataset rules of the format's Validation section.
///
/// Errors: duplicate id, dangling entity or source reference, unknown kind, a relation whose
/// direction contradicts its kind. (Missing columns and malformed cells are reported while
/// reading, by ``DatasetDecoder``.) Warnings: relation without source, `end` before `start`,
/// value without currency, orphan entity, and the fields the format expects for a kind: a
/// contract, subcontract or operation without `function`, an `oversees` without `powers`.
/// (`--strict` makes warnings errors.)
public enum Validator {
  /// Checks `dataset` and returns its diagnostics in file and line order.
  /// - Complexity: O(entities + relations + sources + references).
  public static func validate(_ d: Dataset) -> [Diagnostic] {
    var out: [Diagnostic] = []
    var unsourced: [Relation] = []
    let ef = d.files.entities
    let rf = d.files.relations
    let sf = d.files.sources

    // Duplicate ids (the first occurrence is the one that stands).
    func firstLines(_ items: [(id: String, line: Int)], file: String) -> [String: Int] {
      var lines: [String: Int] = [:]
      for item in items where !item.id.isEmpty {
        if let first = lines[item.id] {
          out.append(
            Diagnostic(
              .error, file: file, line: item.line, column: "id",
              "duplicate id \"\(item.id)\" (first defined on line \(first))"))
        } else {
          lines[item.id] = item.line
        }
      }
      return lines
    }
    _ = firstLines(d.entities.map { ($0.id, $0.line) }, file: ef)
    var entityByID: [String: Entity] = [:]
    for e in d.entities where !e.id.isEmpty && entityByID[e.id] == nil { entityByID[e.id] = e }
    let relationLine = firstLines(d.relations.map { ($0.id, $0.line) }, file: rf)
    let sourceLine = firstLines(d.sources.map { ($0.id, $0.line) }, file: sf)

    let customEntity = Set(d.metadata.customEntityKinds)
    let customRelation = Set(d.metadata.customRelationKinds)
    func sourceRefs(_ ids: [String], file: String, line: Int) {
      for id in ids where sourceLine[id] == nil {
        out.append(
          Diagnostic(
            .error, file: file, line: line, column: "sources", "unknown source \"\(id)\"",
            hint: "add it to \(sf) or fix the id"))
      }
    }
    func entityRef(_ value: Value<String>, column: String, file: String, line: Int) {
      if let id = value.known, entityByID[id] == nil {
        out.append(
          Diagnostic(.error, file: file, line: line, column: column, "unknown entity \"\(id)\""))
      }
    }

    var degree: [String: Int] = [:]
    for e in d.entities {
      if !e.kind.rawValue.isEmpty, !e.kind.isBuiltIn, !customEntity.contains(e.kind) {
        out.append(
          Diagnostic(
            .error, file: ef, line: e.line, column: "kind", "unknown kind \"\(e.kind)\"",
            hint:
              "use one of \(EntityKind.builtIn.map(\.rawValue).joined(separator: ", ")) or declare it in dataset.json under kinds.entity"
          ))
      }
      sourceRefs(e.sources, file: ef, line: e.line)
      entityRef(e.custodialAuthority, column: "custodial_authority", file: ef, line: e.line)
      entityRef(e.controlledBy, column: "controlled_by", file: ef, line: e.line)
      if let o = e.opened.known, let c = e.closed.known, Period(start: o, end: c).endsBeforeStart {
        out.append(
          Diagnostic(.warning, file: ef, line: e.line, column: "closed", "closed \(c) before opened \(o)"))
      }
    }

    for r in d.relations {
      let isCustom = !r.kind.isBuiltIn
      if !r.kind.rawValue.isEmpty, isCustom, !customRelation.contains(r.kind) {
        out.append(
          Diagnostic(
            .error, file: rf, line: r.line, column: "kind", "unknown kind \"\(r.kind)\"",
            hint:
              "use one of \(RelationKind.builtIn.map(\.rawValue).joined(separator: ", ")) or declare it in dataset.json under kinds.relation"
          ))
      }
      let ends = r.kind.endpoints
      for (column, id, allowed) in [("source", r.source, ends.source), ("target", r.target, ends.target)]
      where !id.isEmpty {
        guard let e = entityByID[id] else {
          out.append(
            Diagnostic(.error, file: rf, line: r.line, column: column, "unknown entity \"\(id)\""))
          continue
        }
        degree[id, default: 0] += 1
        if let allowed, e.kind.isBuiltIn, e.kind != .other, !allowed.contains(e.kind) {
          out.append(
            Diagnostic(
              .error, file: rf, line: r.line, column: column,
              "\(r.kind) relation cannot have \(column) \"\(id)\" of kind \(e.kind) (expected \(allowed.map(\.rawValue).sorted().joined(separator: " or ")))"
            ))
        }
      }
      if case .known(let ids) = r.facilities {
        for id in ids {
          if let e = entityByID[id] {
            if e.kind != .facility {
              out.append(
                Diagnostic(
                  .error, file: rf, line: r.line, column: "facilities",
                  "\"\(id)\" is a \(e.kind), not a facility"))
            }
          } else {
            out.append(
              Diagnostic(.error, file: rf, line: r.line, column: "facilities", "unknown entity \"\(id)\""))
          }
        }
      }
      sourceRefs(r.sources, file: rf, line: r.line)
      if r.sources.isEmpty && d.sources.isEmpty {
        unsourced.append(r)
      } else if r.sources.isEmpty {
        out.append(
          Diagnostic(
            .warning, file: rf, line: r.line, column: "sources", "relation \(r.id) cites no source",
            hint: "every relation should cite at least one source in \(sf)"))
      }
      if r.period.endsBeforeStart, let s = r.start.known, let e = r.end.known {
        out.append(Diagnostic(.warning, file: rf, line: r.line, column: "end", "end \(e) before start \(s)"))
      }
      if r.value.known != nil, r.currency.isUnknown {
        out.append(
          Diagnostic(.warning, file: rf, line: r.line, column: "currency", "value without currency"))
      }
      for (column, ref) in [("amends", r.amends), ("part_of", r.partOf)] {
        if let id = ref.known, relationLine[id] == nil {
          out.append(
            Diagnostic(.error, file: rf, line: r.line, column: column, "unknown relation \"\(id)\""))
        }
      }
      if r.kind == .oversees, r.powers.isEmpty {
        out.append(
          Diagnostic(
            .warning, file: rf, line: r.line, column: "powers",
            "oversees relation \(r.id) without powers",
            hint:
              "the format expects powers for oversees (records, conditions, access, …); give the ones a source states"
          ))
      }
      if r.kind.expectsFunction, r.function.isUnknown {
        out.append(
          Diagnostic(
            .warning, file: rf, line: r.line, column: "function",
            "\(r.kind) relation without function"))
      }
    }

    // A plain graph (no sources at all): one line, not one per edge.
    if let first = unsourced.first {
      let isFolder = sf.hasSuffix("sources.csv") && ef.hasSuffix("entities.csv")
      let hint =
        isFolder
        ? "every relation should cite at least one source in \(sf)"
        : "a plain graph has no sources; convert it to a dataset folder (gapmap convert FILE folder/) to cite them"
      if unsourced.count == 1 {
        out.append(
          Diagnostic(
            .warning, file: rf, line: first.line, column: "sources", "relation \(first.id) cites no source",
            hint: hint))
      } else {
        out.append(
          Diagnostic(
            .warning, file: rf, line: 0,
            "\(unsourced.count) relations cite no source (the dataset has no sources)",
            hint: hint))
      }
    }
    // ISO 3166 user-assigned codes (XK for Kosovo, as FtM, OpenSanctions, the EU and the IMF
    // use it; AA, QM–QZ, XA–XZ, ZZ) are accepted, with a warning that readers may not know them.
    var userAssigned: [String: Int] = [:]
    var firstUserAssigned = 0
    for e in d.entities {
      for c in [e.country.known, e.incorporatedIn.known].compactMap({ $0 }) where Countries.isUserAssigned(c)
      {
        userAssigned[c, default: 0] += 1
        if firstUserAssigned == 0 { firstUserAssigned = e.line }
      }
    }
    if !userAssigned.isEmpty {
      let list = userAssigned.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
        separator: ", ")
      out.append(
        Diagnostic(
          .warning, file: ef, line: firstUserAssigned, column: "country",
          "user-assigned ISO 3166 codes, not official countries (\(list)); tools and maps may not know them"))
    }

    for e in d.entities where !e.id.isEmpty && degree[e.id] == nil {
      out.append(
        Diagnostic(
          .warning, file: ef, line: e.line, column: "id",
          "orphan entity \"\(e.id)\" (no relation uses it)"))
    }
    return sorted(out, files: d.files)
  }

  /// Orders diagnostics by file (entities, relations, sources, metadata, others) then line,
  /// stable within a line, and drops a warning about a cell that already has an error (a
  /// malformed `function` is not also reported as missing).
  public static func sorted(_ ds: [Diagnostic], files: Dataset.Files) -> [Diagnostic] {
    let order = [files.entities, files.relations, files.sources, files.metadata]
    func rank(_ f: String) -> Int { order.firstIndex(of: f) ?? order.count }
    struct Cell: Hashable {
      let file: String
      let line: Int
      let column: String?
    }
    let erroneous = Set(
      ds.filter { $0.severity == .error }.map { Cell(file: $0.file, line: $0.line, column: $0.column) })
    let kept = ds.filter {
      $0.severity == .error || !erroneous.contains(Cell(file: $0.file, line: $0.line, column: $0.column))
    }
    return kept.enumerated().sorted { a, b in
      let (x, y) = (a.element, b.element)
      if rank(x.file) != rank(y.file) { return rank(x.file) < rank(y.file) }
      if x.file != y.file { return x.file < y.file }
      if x.line != y.line { return x.line < y.line }
      return a.offset < b.offset
    }.map(\.element)
  }
}
