import SmileJobs
import Testing
import TriageViewModel

@testable import TriageScreen

/// What is cut and what is kept when a column or the status bar is too narrow.
@Suite("Fitting text to its room")
struct FitTests {
    @Test func resultTextsKeepWhatTellsCodesApart() {
        #expect(ResultTextFit.fit("Machine Judgement - Provisional - Compare Unsure", width: 20) == "Compare Unsure")
        #expect(ResultTextFit.fit("Machine Judgement - PROVISIONAL - Possible Spoof", width: 20) == "Possible Spoof")
        #expect(ResultTextFit.fit("Failed Enroll Machine Judgement - FAIL - Compare Rejected", width: 20) == "Compare Rejected")
        #expect(ResultTextFit.fit("Enroll User. Human Judgement - PASS", width: 20) == "Enroll User - PASS")
        #expect(ResultTextFit.fit("Failed Enroll. FAIL - Image Unusable", width: 20) == "Image Unusable")
        // What fits is left as it is; a text without parts is only cut later, by the screen.
        #expect(ResultTextFit.fit("Document Verified", width: 20) == "Document Verified")
        #expect(
            ResultTextFit.fit("Machine Judgement - Provisional - Compare Unsure", width: 60)
                == "Machine Judgement - Provisional - Compare Unsure")
        #expect(ResultTextFit.fit("ያልተረጋገጠ ሰነድ ምክንያቱ አልታወቀም ረጅም ጽሑፍ", width: 10) == "ያልተረጋገጠ ሰነድ ምክንያቱ አልታወቀም ረጅም ጽሑፍ")
    }

    @Test func highlightSplitsSpansWithoutSplittingCharacters() {
        let line = StyledLine([Span("Liveness_Check ", .label), Span("Passed", .actionPassed)])
        let marked = Highlight.apply(line, query: "pass", role: .match)
        #expect(marked.text == line.text)
        #expect(marked.spans.map(\.role) == [.label, .match, .actionPassed])
        // Multi-byte text: whole characters, case ignored.
        let amharic = Highlight.apply(StyledLine("ሰላም Émile ሰላም", .normal), query: "émile", role: .match)
        #expect(amharic.spans.map(\.text) == ["ሰላም ", "Émile", " ሰላም"])
        #expect(Highlight.ranges(of: "aa", in: Array("aaaa")) == [0..<2, 2..<4])
    }

    @Test func statusCountsAreWholeOrLeftOut() {
        let counts: [Category: Int] = [.approved: 31, .rejected: 14, .review: 4, .pending: 2, .error: 2, .provisional: 3]
        for room in [10, 20, 30, 45, 60, 80, 120] {
            let text = StyledLine(Chrome.categorySegments(counts, room: room)).text
            #expect(DisplayWidth.of(text) <= room, "room \(room): \(text)")
            // Every label shown has its number.
            let words = text.split(separator: " ")
            for (index, word) in words.enumerated() where word.allSatisfy(\.isLetter) {
                #expect(index + 1 < words.count && words[index + 1].allSatisfy(\.isNumber), "room \(room): \(text)")
            }
        }
        // Approved is among the last to go.
        #expect(StyledLine(Chrome.categorySegments(counts, room: 30)).text.contains("APPR 31"))
    }

    @Test func timesWithoutAZoneAreKnown() {
        #expect(Timestamp.lacksZone("2026-11-24T09:00:00"))
        #expect(Timestamp.lacksZone("2026-11-24 09:00:00.123"))
        #expect(!Timestamp.lacksZone("2026-11-24T09:00:00Z"))
        #expect(!Timestamp.lacksZone("2026-11-24T09:00:00+01:00"))
        #expect(!Timestamp.lacksZone("2026-11-24T09:00:00-0500"))
        #expect(!Timestamp.lacksZone("1732438800000"))
    }
}
