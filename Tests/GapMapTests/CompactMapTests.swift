import GapMapModel
import Testing

@Suite struct CompactMapTests {
  @Test func parsesFourStatesAndMissingFields() throws {
    let m = try CompactMap<DisclosureFields>(
      parsing: "parties=yes; value=yes;terms=undisclosed;procedure=partial;performance=n/a")
    #expect(m["parties"] == .known(.yes))
    #expect(m["procedure"] == .known(.partial))
    #expect(m["terms"] == .undisclosed)
    #expect(m["performance"] == .notApplicable)
    #expect(m["subcontractors"] == .unknown)
    #expect(m.cell == "parties=yes;value=yes;terms=undisclosed;procedure=partial;performance=n/a")
  }

  @Test func canonicalOrderAndEmpty() throws {
    let m = try CompactMap<PowerFields>(parsing: "publishes=no;records=yes")
    #expect(m.cell == "records=yes;publishes=no")
    #expect(try CompactMap<PowerFields>(parsing: "").isEmpty)
    #expect(try CompactMap<PowerFields>(parsing: " ; ").isEmpty)
  }

  @Test func rejectsBadEntries() {
    #expect(throws: ModelError.self) { try CompactMap<SafeguardFields>(parsing: "vetting") }
    #expect(throws: ModelError.self) { try CompactMap<SafeguardFields>(parsing: "vetting=maybe") }
    #expect(throws: ModelError.self) { try CompactMap<SafeguardFields>(parsing: "colour=yes") }
    #expect(throws: ModelError.self) { try CompactMap<SafeguardFields>(parsing: "vetting=yes;vetting=no") }
    #expect(throws: ModelError.self) { try CompactMap<DisclosureFields>(parsing: "value=") }
    do {
      _ = try CompactMap<CriteriaFields>(parsing: "fair=yes")
      Issue.record("expected an error")
    } catch {
      #expect(error.message.hasPrefix("unknown field \"fair\" (expected one of legitimate, accessible"))
    }
  }

  @Test func yesNoMapsReadBooleans() throws {
    let c = try CompactMap<CriteriaFields>(parsing: "legitimate=true;accessible=no")
    #expect(c["legitimate"] == .known(true))
    #expect(c["accessible"] == .known(false))
    #expect(c.cell == "legitimate=yes;accessible=no")
  }
}
