import GapMapModel
import Testing

@Suite struct ValueTests {
  @Test func fourStates() {
    #expect(Value<Int>.parse("", Int.init) == .unknown)
    #expect(Value<Int>.parse("  ", Int.init) == .unknown)
    #expect(Value<Int>.parse("undisclosed", Int.init) == .undisclosed)
    #expect(Value<Int>.parse("Undisclosed", Int.init) == .undisclosed)
    #expect(Value<Int>.parse("n/a", Int.init) == .notApplicable)
    #expect(Value<Int>.parse("12", Int.init) == .known(12))
    #expect(Value<Int>.parse("twelve", Int.init) == nil)
  }

  /// Regression (issue 16, bug 1): `na` was read as "not applicable", so Namibia's code `NA`
  /// vanished. Only `n/a` is the state word; a bare `na` is the field's value.
  @Test func bareNAIsNotAState() {
    #expect(Value<Int>.parse("na", Int.init) == nil)
    #expect(Value<Int>.parse("NA", Int.init) == nil)
    #expect(Value<String>.parse("NA", { $0 }) == .known("NA"))
    #expect(Value<String>.parse("N/A", { $0 }) == .notApplicable)
  }

  @Test func cellsPrintBack() {
    #expect(Value<Int>.unknown.cell { String($0) } == "")
    #expect(Value<Int>.undisclosed.cell { String($0) } == "undisclosed")
    #expect(Value<Int>.notApplicable.cell { String($0) } == "n/a")
    #expect(Value<Int>.known(3).cell { String($0) } == "3")
    #expect(Value<Int>.known(3).map { $0 * 2 } == .known(6))
    #expect(Value<Int>.undisclosed.map { $0 * 2 } == .undisclosed)
    #expect(Value<Int>.unknown.known == nil)
  }

  @Test(arguments: ["yes", "YES", "true", "True"]) func truthy(_ s: String) {
    #expect(Scalars.bool(s) == true)
  }

  @Test(arguments: ["no", "false", "FALSE"]) func falsy(_ s: String) {
    #expect(Scalars.bool(s) == false)
  }

  @Test(arguments: ["12,5m", "nan", "inf", "-inf", "0x1p3", "1e", ".", "", "1.2.3", "1 000", "€5"])
  func numbersRejected(_ s: String) {
    #expect(Scalars.number(s) == nil)
  }

  @Test func numbersAccepted() {
    #expect(Scalars.number("85000000") == 85_000_000)
    #expect(Scalars.number("-1.5") == -1.5)
    #expect(Scalars.number("1.5e9") == 1.5e9)
    #expect(Scalars.number(".5") == 0.5)
    #expect(Scalars.number("5.") == 5)
  }

  @Test func numbersPrintRoundTrip() {
    #expect(Scalars.formatNumber(85_000_000) == "85000000")
    #expect(Scalars.formatNumber(150_703_825) == "150703825")
    #expect(Scalars.formatNumber(0.25) == "0.25")
    #expect(Scalars.formatNumber(1e20) == "1e+20")
    for x in [0.1, 1.0 / 3.0, 123456.789, 1e-7, 9.99e14] {
      #expect(Scalars.number(Scalars.formatNumber(x)) == x)
    }
  }

  @Test func counts() {
    #expect(Scalars.count("0") == 0)
    #expect(Scalars.count("12") == 12)
    #expect(Scalars.count("-1") == nil)
    #expect(Scalars.count("1.0") == nil)
    #expect(Scalars.count("99999999999999999999999") == nil)
  }
}
