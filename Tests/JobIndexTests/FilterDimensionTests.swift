import JobIndex
import SmileJobs
import Testing

/// The one table of filter dimensions: each reads its word, shows itself in the summary,
/// and toggles and replaces its values without touching the others.
@Suite("Filter dimensions")
struct FilterDimensionTests {
    static let context = FilterWords.Context(now: Timestamp(millisecondsSince1970: 1_795_600_000_000))

    /// A word for every dimension, and what the status bar says for it.
    static let samples: [(word: String, summary: String)] = [
        ("category=rejected", "category=rejected"), ("product=docv", "product=Document Verification"),
        ("code=0810@docv", "code=0810@Document Verification"), ("secure=suspects", "secure=suspects"),
        ("country=NG", "country=NG"), ("id-type=PASSPORT", "id type=PASSPORT"),
        ("action=Liveness_Check:Failed", "Liveness_Check=Failed"), ("needs-review", "needs review"), ("ring=k3f9", "ring=K3F9"),
        ("chase=stuck,duplicate", "chase=stuck,duplicate"),
        ("signature=invalid", "signature=invalid"), ("decision=re-run", "decision=re-run"), ("user=kw-user-1", "user=kw-user-1"),
        ("since=2026-11-25", "since=2026-11-25 00:00:00"), ("until=2026-11-26", "until=2026-11-26 00:00:00"),
    ]

    @Test func everyDimensionHasAWordInTheTable() {
        let named = Set(FilterDimension.all.map(\.name))
        #expect(named.count == FilterDimension.all.count)
        for sample in Self.samples {
            let name = String(sample.word.prefix { $0 != "=" })
            #expect(named.contains(name), "\(name)")
        }
        #expect(Set(Self.samples.map { String($0.word.prefix { $0 != "=" }) }) == named, "a sample for every dimension")
    }

    @Test(arguments: samples.map(\.word))
    func aWordSetsItsDimensionAloneAndTogglesBack(word: String) throws {
        let own = try FilterWords.parse([word], context: Self.context)
        #expect(!own.isEmpty)
        let dimension = try #require(FilterDimension.of(own))
        #expect(dimension.name == String(word.prefix { $0 != "=" }))
        #expect(FilterDimension.all.filter { $0.isOn(own, in: own) }.map(\.name) == [dimension.name])
        // The filter menu: on, then off again.
        let other = try FilterWords.parse(["user=someone-else"], context: Self.context)
        let on = dimension.toggling(own, in: word.hasPrefix("user=") ? JobFilter() : other)
        #expect(dimension.isOn(own, in: on))
        let off = dimension.toggling(own, in: on)
        #expect(!dimension.isOn(own, in: off))
        // The frequency view: replaces this dimension, keeps the others.
        var mixed = try FilterWords.parse(["category=approved", "user=someone-else"], context: Self.context)
        mixed = dimension.replacing(in: mixed, with: own)
        #expect(dimension.isOn(own, in: mixed))
    }

    @Test(arguments: samples)
    func theSummarySaysEachDimensionInWords(sample: (word: String, summary: String)) throws {
        #expect(try FilterWords.parse([sample.word], context: Self.context).summary == sample.summary)
    }

    @Test func theSummaryKeepsTheTablesOrder() throws {
        let filter = try FilterWords.parse(["user=u", "category=review,rejected", "needs-review", "product=6"], context: Self.context)
        #expect(filter.summary == "category=review,rejected product=Document Verification needs review user=u", "categories by urgency")
    }
}
