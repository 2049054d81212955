import Testing

@testable import SmileJobs

@Suite("Timestamp")
struct TimestampTests {
    @Test(arguments: [
        ("2021-05-06T08:48:50.763Z", Int64(1_620_290_930_763)),
        ("2021-05-06T08:48:50.763", 1_620_290_930_763),
        ("2021-08-12T17:57:00.614879", 1_628_791_020_614),
        ("2021-05-06T10:48:50.763+02:00", 1_620_290_930_763),
        ("2021-05-06T03:48:50.763-0500", 1_620_290_930_763),
        ("2021-05-06 08:48:50", 1_620_290_930_000),
        ("2021-05-06", 1_620_259_200_000),
        ("1570698930193", 1_570_698_930_193),
        ("1570698930", 1_570_698_930_000),
        ("1969-12-31T23:59:59Z", -1000),
    ])
    func parsesTheFormsPayloadsUse(text: String, milliseconds: Int64) {
        #expect(Timestamp(parsing: text)?.millisecondsSince1970 == milliseconds)
    }

    @Test(arguments: ["", "yesterday", "2021-13-01", "2021-05-06T25:00", "2021-05-06Tx", "12:00"])
    func rejectsWhatIsNotATime(text: String) {
        #expect(Timestamp(parsing: text) == nil)
    }

    @Test func formats() throws {
        let time = try #require(Timestamp(parsing: "2021-05-06T08:48:50.763Z"))
        #expect(time.shortText == "2021-05-06 08:48:50")
        #expect(time.isoText == "2021-05-06T08:48:50.763Z")
        #expect(Timestamp(millisecondsSince1970: -1).isoText == "1969-12-31T23:59:59.999Z")
    }

    @Test func calendarRoundTripsOverCenturies() {
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let (year, month, day) = Timestamp.civil(fromDays: days)
            #expect(Timestamp.days(fromCivil: year, month, day) == days)
        }
    }
}
