import SmileJobs
import Testing

@testable import TriageScreen

/// The status line while a load goes on: a file's share and size; a stream's bytes so far.
@Suite("The loading line")
struct LoadingLineTests {
    static func text(_ loading: LoadProgress, width: Int) -> String {
        Chrome.loadingLine(loading, width: width).spans.map(\.text).joined()
    }

    static func progress(read: Int64, total: Int64, records: Int) -> LoadProgress {
        var loading = LoadProgress()
        loading.bytesRead = read
        loading.bytesTotal = total
        loading.records = records
        loading.seconds = 2
        return loading
    }

    @Test func aFileShowsItsShareAndSize() {
        let line = Self.text(Self.progress(read: 280 << 20, total: 675 << 20, records: 412_000), width: 120)
        #expect(line.hasPrefix(" Loading ▕████████░░░░░░░░░░░░▏ 41% · 280.0 MB of 675.0 MB · 412,000 records · 206,000/s · 3 s left"))
    }

    @Test func aStreamShowsWhatIsReadWithNoShare() {
        let line = Self.text(Self.progress(read: 12 << 20, total: 0, records: 9_000), width: 120)
        #expect(line.hasPrefix(" Loading · 12.0 MB read · 9,000 records · 4,500/s · Ctrl-C stops"), "\(line)")
        #expect(!line.contains("%") && !line.contains(" of ") && !line.contains("▕"))
        let nothingYet = Self.text(Self.progress(read: 0, total: 0, records: 0), width: 120)
        #expect(nothingYet.hasPrefix(" Loading · 0 records"), "\(nothingYet)")
        #expect(!nothingYet.contains("0 B"))
    }

    /// Standard input or a gzip file still being copied: the bytes come in before any
    /// record is read (it said "0 records" until the copy was done).
    @Test func aStreamStillCopiedShowsWhatHasCome() {
        var loading = Self.progress(read: 0, total: 0, records: 0)
        loading.bytesReceived = 120 << 20
        #expect(Self.text(loading, width: 120) == " Loading · 120.0 MB received · Ctrl-C stops, keeping what came")
        #expect(Self.text(loading, width: 60) == " Loading · 120.0 MB received")
        // Once reading starts, the file's share and size again.
        var reading = Self.progress(read: 12 << 20, total: 120 << 20, records: 9_000)
        reading.bytesReceived = 120 << 20
        #expect(Self.text(reading, width: 120).hasPrefix(" Loading ▕██░░░░░░░░░░░░░░░░░░▏ 10% · 12.0 MB of 120.0 MB · 9,000 records"))
    }

    @Test func narrowLinesLeaveTheBarOut() {
        let line = Self.text(Self.progress(read: 1 << 20, total: 4 << 20, records: 10), width: 50)
        #expect(line.hasPrefix(" Loading 25% · 10 records"), "\(line)")
    }
}
