import GapMapMetrics
import Testing

/// Every Double → text conversion of the metrics is total (issue 18, item 6).
@Suite struct NumericTotalityTests {
  @Test func intervalFormatIsTotal() {
    #expect(Interval.format(0.375) == "0.38")
    #expect(Interval.format(1e19) == "1e+19")
    #expect(Interval.format(1.7e308) == "1.7e+308")
    #expect(Interval.format(-9.3e15) == "-9.3e+15")
    #expect(Interval.format(.nan) == "nan")
    #expect(Interval.format(.infinity) == "∞")
    #expect(Interval.formatWhole(1e300) == "1e+300")
    #expect(Interval.formatWhole(2_500.4) == "2500")
  }

  @Test func hhiOfValuesWhoseSumOverflows() {
    #expect(HHI.value([1.7e308, 1.7e308]) == 5_000)
    #expect(HHI.value([1.7e308, 0]) == 10_000)
    #expect(HHI.value([.infinity, .infinity, 1]) == 5_000)
    #expect(HHI.value([0, 0]) == nil)
  }
}
