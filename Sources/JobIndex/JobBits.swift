import Dispatch

/// One bit a job: which of the table's jobs a list or a filter keeps. A list's jobs come
/// in its sort order, which is random in load order; tested against a mask of `Bool`s
/// (8.3 MB at 8.3M jobs) almost every test was a cache miss, against these bits (1 MB) few
/// are. Stretches of work are cut at multiples of 64 jobs, so that two threads never write
/// the same word.
package struct JobBits: Sendable, Equatable {
    package private(set) var words: [UInt64]
    package let count: Int

    package init(count: Int) {
        self.count = count
        words = [UInt64](repeating: 0, count: (count + 63) / 64)
    }

    /// The bits of these jobs (each below `count`).
    package init(jobs: [Int32], count: Int) {
        self.init(count: count)
        words.withUnsafeMutableBufferPointer { words in
            for job in jobs { words[Int(job) >> 6] |= 1 << UInt64(job & 63) }
        }
    }

    /// Bits set where `keeps` says, asked once for each job in load order, on both cores
    /// when there are many: each stretch of 64-job words is made by one thread, a word at
    /// a time. Inlined so that each caller's test is inlined into the loop (called through
    /// a closure per job, a pass over 8.3M jobs spent more on the calls than the tests).
    @inline(__always)
    package init(count: Int, parts: Int, keeps: @Sendable (Int) -> Bool) {
        self.init(count: count)
        let wordCount = words.count
        words.withUnsafeMutableBufferPointer { whole in
            let shared = SharedWords(whole)
            let parts = max(1, min(parts, wordCount))
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let words = shared.buffer
                for index in (wordCount * part / parts)..<(wordCount * (part + 1) / parts) {
                    let first = index << 6, end = min(count, first + 64)
                    var word: UInt64 = 0
                    for job in first..<end where keeps(job) { word |= 1 << UInt64(job - first) }
                    words[index] = word
                }
            }
        }
    }

    @inline(__always)
    package func contains(_ job: Int) -> Bool { words[job >> 6] & (1 << UInt64(job & 63)) != 0 }

    package mutating func insert(_ job: Int) { words[job >> 6] |= 1 << UInt64(job & 63) }

    /// How many jobs are set.
    package var setCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Calls `body` with each job set among the words of `wordRange` (each job not set, if
    /// `inverted`), in load order.
    @inline(__always)
    package func forEachSet(inWords wordRange: Range<Int>, inverted: Bool = false, _ body: (Int) -> Void) {
        let count = self.count
        words.withUnsafeBufferPointer { words in
            for index in wordRange {
                var word = inverted ? ~words[index] : words[index]
                // Past the last job, the last word's bits are not jobs.
                if inverted && index == words.count - 1 && count & 63 != 0 { word &= (1 << UInt64(count & 63)) - 1 }
                while word != 0 {
                    body(index << 6 | word.trailingZeroBitCount)
                    word &= word - 1
                }
            }
        }
    }
}

/// Words written by several threads, each in its own stretch (never the same word twice),
/// so no lock is needed. `@unchecked`: that disjointness is the guarantee.
struct SharedWords: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<UInt64>
    init(_ buffer: UnsafeMutableBufferPointer<UInt64>) { self.buffer = buffer }
}
