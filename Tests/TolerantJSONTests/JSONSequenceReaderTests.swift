import Testing

@testable import TolerantJSON

@Suite("JSONSequenceReader")
struct JSONSequenceReaderTests {
    struct Seen: Equatable {
        var line: Int
        var ok: Bool
    }

    func items(_ text: String) -> [JSONSequenceReader.Item] {
        var copy = text
        return copy.withUTF8 { JSONSequenceReader.readAll($0) }
    }

    func summary(_ text: String) -> [Seen] {
        items(text).map { item in
            switch item {
            case .record(let record): Seen(line: record.line, ok: true)
            case .failure(let failure): Seen(line: failure.recordLine, ok: false)
            }
        }
    }

    @Test func readsNDJSON() {
        #expect(
            summary("{\"a\":1}\n{\"a\":2}\n\n{\"a\":3}\n") == [Seen(line: 1, ok: true), Seen(line: 2, ok: true), Seen(line: 4, ok: true)])
    }

    @Test func readsATopLevelArrayItemByItem() {
        let text = "[\n  {\"a\": 1},\n  {\"a\": 2}\n]\n"
        #expect(summary(text) == [Seen(line: 2, ok: true), Seen(line: 3, ok: true)])
    }

    @Test func readsPrettyObjectsOneAfterAnother() {
        let text = "{\n  \"a\": 1\n}\n{\n  \"a\": 2\n}\n"
        #expect(summary(text) == [Seen(line: 1, ok: true), Seen(line: 4, ok: true)])
    }

    @Test func aBadLineIsOneFailureAndTheRestLoads() {
        let text = "{\"a\":1}\n{\"a\": oops}\n{\"a\":3}\n"
        #expect(summary(text) == [Seen(line: 1, ok: true), Seen(line: 2, ok: false), Seen(line: 3, ok: true)])
    }

    @Test func aLineCutShortDoesNotSwallowTheNext() {
        let text = "{\"a\":\"cut\n{\"a\":2}\n{\"a\":3,\n{\"a\":4}\n"
        #expect(
            summary(text) == [
                Seen(line: 1, ok: false), Seen(line: 2, ok: true), Seen(line: 3, ok: false), Seen(line: 4, ok: true),
            ])
    }

    @Test func aBrokenPrettyObjectSkipsItsIndentedBody() {
        let text = "{\n  \"a\": 1,\n  \"b\": {\n    \"c\": oops\n  }\n}\n{\n  \"a\": 2\n}\n"
        #expect(summary(text) == [Seen(line: 1, ok: false), Seen(line: 7, ok: true)])
    }

    @Test func aTruncatedLastRecordIsAFailureAtItsLine() throws {
        let result = items("{\"a\":1}\n{\"a\":2,\"b\":\"x")
        guard case .failure(let failure) = result.last else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.error.kind == .truncated)
        #expect(failure.recordLine == 2)
        #expect(failure.errorLine == 2)
    }

    @Test func textThatIsNotJSONIsOneFailure() {
        let text = "Hello, this is a log file\nwith many lines\nof text\n"
        #expect(summary(text) == [Seen(line: 1, ok: false)])
    }

    @Test func skipsAByteOrderMark() {
        #expect(summary("\u{FEFF}{\"a\":1}") == [Seen(line: 1, ok: true)])
    }

    @Test func recordsKnowTheirByteRange() throws {
        let text = "  {\"a\":1}\n{\"b\":2}"
        guard case .record(let second) = items(text)[1] else {
            Issue.record("expected a record")
            return
        }
        #expect(second.range == 10..<17)
    }

    @Test func aTopLevelArrayOfNumbersIsOneValue() {
        #expect(summary("[1, 2, 3]") == [Seen(line: 1, ok: true)])
    }
}
