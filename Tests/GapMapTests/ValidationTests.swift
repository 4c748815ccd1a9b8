import GapMapIO
import GapMapModel
import Testing

/// Every rule of the format's Validation section, each on a dataset that breaks only it.
@Suite struct ValidationTests {
  /// Builds a folder from CSV texts and returns every diagnostic (reading + validation).
  func diagnose(
    entities: String = "id,name,kind\nho,Home Office,agency\nacme,Acme,company\nc1,Centre,facility\n",
    relations: String =
      "id,source,target,kind,function,sources\nr1,ho,acme,contracts,detention_operation,s1\nr2,acme,c1,operates,detention_operation,s1\n",
    sources: String = "id,title\ns1,A report\n", metadata: String? = nil
  ) throws -> [String] {
    let dir = Paths.temporaryFolder()
    try Files.writeAtomically(entities, to: dir + "/entities.csv")
    try Files.writeAtomically(relations, to: dir + "/relations.csv")
    try Files.writeAtomically(sources, to: dir + "/sources.csv")
    if let metadata { try Files.writeAtomically(metadata, to: dir + "/dataset.json") }
    let loaded = try DatasetIO.load(dir)
    let all = Validator.sorted(
      loaded.diagnostics + Validator.validate(loaded.dataset), files: loaded.dataset.files)
    return all.map { $0.description.replacingOccurrences(of: dir + "/", with: "") }
  }

  @Test func aCleanDatasetHasNoDiagnostics() throws {
    #expect(try diagnose() == [])
  }

  @Test func duplicateIDs() throws {
    let d = try diagnose(
      entities: "id,name,kind\nho,Home Office,agency\nacme,Acme,company\nacme,Acme 2,company\nc1,C,facility\n"
    )
    #expect(d == [#"entities.csv:4: id: duplicate id "acme" (first defined on line 3)"#])
    let r = try diagnose(
      relations:
        "id,source,target,kind,function,sources\nr1,ho,acme,contracts,escort,s1\nr1,acme,c1,operates,escort,s1\n"
    )
    #expect(r == [#"relations.csv:3: id: duplicate id "r1" (first defined on line 2)"#])
    let s = try diagnose(sources: "id,title\ns1,A\ns1,B\n")
    #expect(s == [#"sources.csv:3: id: duplicate id "s1" (first defined on line 2)"#])
  }

  @Test func missingRequiredColumnAndCell() throws {
    #expect(
      try diagnose(sources: "id,publisher\ns1,X\n") == ["sources.csv:1: title: missing required column"])
    #expect(try diagnose(sources: "id,title\ns1,\n") == ["sources.csv:2: title: missing required value"])
    let e = try diagnose(entities: "id,kind\nho,agency\nacme,company\nc1,facility\n")
    #expect(e == ["entities.csv:1: name: missing required column"])
  }

  @Test func danglingReferences() throws {
    let r = try diagnose(
      relations:
        "id,source,target,kind,function,sources\nr1,ho,acme,contracts,escort,s9\nr2,acme,ghost,operates,escort,s1\nr3,acme,c1,operates,escort,s1\n"
    )
    #expect(
      r == [
        #"relations.csv:2: sources: unknown source "s9""#,
        #"relations.csv:3: target: unknown entity "ghost""#,
      ])
    let e = try diagnose(
      entities:
        "id,name,kind,custodial_authority,sources\nho,Home Office,agency,,s1\nacme,Acme,company,,s2\nc1,C,facility,nobody,\n"
    )
    #expect(
      e == [
        #"entities.csv:3: sources: unknown source "s2""#,
        #"entities.csv:4: custodial_authority: unknown entity "nobody""#,
      ])
  }

  @Test func malformedCells() throws {
    let r = try diagnose(
      relations: """
        id,source,target,kind,function,start,value,currency,bidders,disclosure,evidence,sources
        r1,ho,acme,contracts,escort,2019-13,"12,5m",gbp,two,parties=maybe,sure,s1
        r2,acme,c1,operates,cooking,2019,,,,,,s1

        """)
    #expect(
      r == [
        #"relations.csv:2: start: "2019-13" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"#,
        #"relations.csv:2: value: "12,5m" is not a number ≥ 0"#,
        #"relations.csv:2: currency: "gbp" is not an ISO 4217 currency code (three capital letters)"#,
        #"relations.csv:2: bidders: "two" is not a whole number ≥ 0"#,
        #"relations.csv:2: disclosure: "maybe" is not a value for parties (expected yes, partial, undisclosed, no or n/a)"#,
        #"relations.csv:2: evidence: "sure" is not an evidence level (confirmed, reported, possible, alleged)"#,
        "relations.csv:3: function: \"cooking\" is not one of detention_operation, custody_security, escort, removal_flights, healthcare, accommodation, surveillance, biometrics_it, interception, catering, other",
      ])
    let e = try diagnose(
      entities:
        "id,name,kind,country,pmsc,capacity\nho,Home Office,agency,UK,,\nacme,Acme,company,,perhaps,\nc1,C,facility,,,-5\n"
    )
    #expect(
      e == [
        #"entities.csv:2: country: "UK" is not an ISO 3166-1 alpha-2 code (or EU, INT)"#,
        #"entities.csv:3: pmsc: "perhaps" is not yes or no"#,
        #"entities.csv:4: capacity: "-5" is not a whole number ≥ 0"#,
      ])
    let bad = try diagnose(
      entities: "id,name,kind\nho office,Home Office,agency\nacme,Acme,company\nc1,C,facility\n")
    #expect(
      bad.first == #"entities.csv:2: id: "ho office" is not a valid id (letters, digits, _ . : - only)"#)
  }

  @Test func unknownKindsUnlessDeclared() throws {
    let entities = "id,name,kind\nho,Home Office,agency\nacme,Acme,company\nc1,C,facility\nn1,An NGO,ngo\n"
    let relations =
      "id,source,target,kind,function,sources\nr1,ho,acme,contracts,escort,s1\nr2,acme,c1,operates,escort,s1\nr3,n1,ho,lobbies,,s1\n"
    let d = try diagnose(entities: entities, relations: relations)
    #expect(d.count == 2)
    #expect(d[0].hasPrefix(#"entities.csv:5: kind: unknown kind "ngo""#))
    #expect(d[1].hasPrefix(#"relations.csv:4: kind: unknown kind "lobbies""#))
    let declared = try diagnose(
      entities: entities, relations: relations,
      metadata: #"{"kinds": {"entity": ["ngo"], "relation": ["lobbies"]}}"#)
    #expect(declared == [])
  }

  @Test func directionMustFitTheKind() throws {
    let d = try diagnose(
      relations:
        "id,source,target,kind,function,facilities,sources\nr1,ho,acme,contracts,escort,acme,s1\nr2,c1,acme,operates,escort,,s1\nr3,acme,c1,operates,escort,,s1\n"
    )
    #expect(
      d == [
        #"relations.csv:2: facilities: "acme" is a company, not a facility"#,
        #"relations.csv:3: source: operates relation cannot have source "c1" of kind facility (expected agency or company or igo or state)"#,
        #"relations.csv:3: target: operates relation cannot have target "acme" of kind company (expected facility)"#,
      ])
  }

  @Test func warnings() throws {
    let d = try diagnose(
      entities:
        "id,name,kind\nho,Home Office,agency\nacme,Acme,company\nc1,C,facility\nlonely,Lonely,other\n",
      relations: """
        id,source,target,kind,function,start,end,value,sources
        r1,ho,acme,contracts,,2019,2018,100,
        r2,acme,c1,operates,escort,,,,s1

        """)
    #expect(
      d == [
        #"entities.csv:5: id: warning: orphan entity "lonely" (no relation uses it)"#,
        "relations.csv:2: sources: warning: relation r1 cites no source",
        "relations.csv:2: end: warning: end 2018 before start 2019",
        "relations.csv:2: currency: warning: value without currency",
        "relations.csv:2: function: warning: contracts relation without function",
      ])
  }

  @Test func generatedRelationIDsAvoidExplicitOnes() throws {
    let dir = Paths.temporaryFolder()
    try Files.writeAtomically("id,name,kind\na,A,other\nb,B,other\n", to: dir + "/entities.csv")
    try Files.writeAtomically(
      "id,source,target,kind\n,a,b,link\nr1,b,a,link\n,a,a,link\n", to: dir + "/relations.csv")
    let d = try DatasetIO.load(dir).dataset
    #expect(d.relations.map(\.id) == ["r2", "r1", "r3"])
  }
}

extension String {
  func replacingOccurrences(of a: String, with b: String) -> String { replacing(a, with: b) }
}
