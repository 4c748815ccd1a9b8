import GapMapModel
import Testing

@Suite struct PartialDateTests {
  @Test func parsesThreePrecisions() throws {
    let y = try #require(PartialDate("2015"))
    #expect(y.precision == .year && y.month == nil)
    let m = try #require(PartialDate("2015-04"))
    #expect(m.precision == .month && m.month == 4)
    let d = try #require(PartialDate("2015-04-26"))
    #expect(d.precision == .day && d.day == 26)
    #expect(d.description == "2015-04-26")
    #expect(PartialDate(" 2015-04 ")?.description == "2015-04")
  }

  @Test(arguments: [
    "15", "2015-4", "2015-13", "2015-00", "2015-02-29", "2015-04-31", "2015/04", "2015-04-26T10:00",
    "", "abcd", "0000", "2015-", "-2015",
  ])
  func rejects(_ text: String) {
    #expect(PartialDate(text) == nil)
  }

  @Test func leapYears() {
    #expect(PartialDate("2016-02-29") != nil)
    #expect(PartialDate("2000-02-29") != nil)
    #expect(PartialDate("1900-02-29") == nil)
  }

  @Test func coversItsWholePeriod() throws {
    let april = try #require(PartialDate("2015-04"))
    let first = try #require(PartialDate("2015-04-01"))
    let last = try #require(PartialDate("2015-04-30"))
    #expect(april.earliestDay == first.earliestDay)
    #expect(april.latestDay == last.latestDay)
    let year = try #require(PartialDate("2016"))
    #expect(year.latestDay - year.earliestDay == 365)  // leap year: 366 days
    #expect(try #require(PartialDate("2015-04")) < (try #require(PartialDate("2015-04-02"))))
  }

  @Test func periodOverlapHasThreeAnswers() throws {
    func d(_ s: String) throws -> PartialDate { try #require(PartialDate(s)) }
    let contract = Period(start: try d("2015-04"), end: try d("2019"))
    #expect(contract.overlap(with: try d("2017")) == .certain)
    #expect(contract.overlap(with: try d("2015-04-10")) == .possible)  // start is only the month
    #expect(contract.overlap(with: try d("2015-05-01")) == .certain)
    #expect(contract.overlap(with: try d("2019-06")) == .possible)  // end is only the year
    #expect(contract.overlap(with: try d("2015-03")) == .outside)
    #expect(contract.overlap(with: try d("2020")) == .outside)
    #expect(contract.overlap(with: try d("2015")) == .possible)
    let open = Period(start: nil, end: nil)
    #expect(open.overlap(with: try d("1990")) == .certain)
    #expect(Period(start: try d("2020"), end: try d("2019")).endsBeforeStart)
    #expect(!Period(start: try d("2019-05"), end: try d("2019")).endsBeforeStart)
  }
}
