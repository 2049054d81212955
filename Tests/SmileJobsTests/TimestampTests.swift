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

    /// The fixed-width fast path answers exactly as the full parser for every text it takes,
    /// and takes nothing the full parser would read differently.
    @Test func theFixedWidthPathAgreesWithTheFullParser() {
        var random = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789-T:.Z+ ,x".utf8)
        var taken = 0
        for round in 0..<60_000 {
            let ms = Int64.random(in: -62_000_000_000_000...253_000_000_000_000, using: &random)
            var text = Array(Timestamp(millisecondsSince1970: ms).isoText.utf8)
            if round % 2 == 1 { text.removeSubrange(19..<23) }  // no milliseconds
            // Most rounds damage a byte or two, so the refusals are tried as hard as the answers.
            for _ in 0..<Int.random(in: 0...2, using: &random) where round % 3 != 0 {
                text[Int.random(in: 0..<text.count, using: &random)] = alphabet.randomElement(using: &random)!
            }
            let fast = text.withUnsafeBufferPointer { Timestamp.fixedWidthUTC($0) }
            let full = text.withUnsafeBufferPointer { Timestamp.parseISO8601($0[...]) }
            if let fast {
                taken += 1
                #expect(fast == full, "\(String(decoding: text, as: UTF8.self))")
            }
            // Undamaged, in years 0000 to 9999: the fast path must take it.
            if round % 3 == 0, (-62_167_219_200_000...253_402_300_799_999).contains(ms) {
                #expect(fast != nil, "\(String(decoding: text, as: UTF8.self))")
            }
        }
        #expect(taken > 20_000)
        let leapSecond = Array("2024-02-29T23:59:60.999Z".utf8)
        #expect(Timestamp.fixedWidthUTC(leapSecond) == Timestamp.parseISO8601(leapSecond))
        #expect(Timestamp.fixedWidthUTC(Array("2021-13-01T00:00:00.000Z".utf8)) == nil)
        #expect(Timestamp.fixedWidthUTC(Array("2021-05-06T08:48:50,763Z".utf8)) == nil)
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
