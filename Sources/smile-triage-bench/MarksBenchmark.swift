import Foundation
import SmileJobs
import Synchronization
import TriageServerStore
import TriageStore

/// Marks per second and commit latency (p50/p99), SQLite against PostgreSQL on loopback:
/// one desk marking job after job, then four desks at once, each mark one transaction that
/// has committed (and, for SQLite, reached the disk) before the next.
enum MarksBenchmark {
    struct Result {
        var perSecond: Double
        var p50: Double
        var p99: Double
    }

    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }

    /// `writers` clients, each marking `each` jobs (a tenth of them shared between writers).
    static func run(writers: Int, each: Int, open: () throws -> any DecisionsClient) throws -> Result {
        let clients = try (0..<writers).map { _ in try open() }
        let latencies = Mutex<[Double]>([])
        let failures = Atomic<Int>(0)
        let start = now()
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            var mine: [Double] = []
            mine.reserveCapacity(each)
            for index in 0..<each {
                let job = index % 10 == 0 ? "shared-\(index / 10)" : "w\(writer)-\(index)"
                let begin = now()
                do {
                    _ = try clients[writer].mark(DecisionRequest(jobIDs: [job], state: .cleared), who: "bench\(writer)", at: .now)
                } catch {
                    failures.add(1, ordering: .relaxed)
                }
                mine.append((now() - begin) * 1000)
            }
            latencies.withLock { $0.append(contentsOf: mine) }
        }
        let elapsed = now() - start
        if failures.load(ordering: .relaxed) > 0 { print("bench: \(failures.load(ordering: .relaxed)) marks failed") }
        let all = latencies.withLock { $0 }
        return Result(perSecond: Double(all.count) / elapsed, p50: percentile(all, 0.5), p99: percentile(all, 0.99))
    }

    static func report(folder: String, server: String?) {
        var stores: [(String, () throws -> any DecisionsClient)] = []
        let path = folder + "/bench-marks.sqlite"
        stores.append(("SQLite (WAL, synchronous = FULL)", { try DecisionStore(path: path) }))
        if let server, let location = try? PostgresLocation(url: server) {
            stores.append(("PostgreSQL 127.0.0.1 (fsync on)", { try PostgresDecisions(location: location, listen: false) }))
        } else {
            print("bench: no --pg URL: PostgreSQL not measured (scripts/bench-marks.sh starts a throwaway server)")
        }
        print("| store | desks | marks/s | commit p50 | commit p99 |")
        print("|---|---:|---:|---:|---:|")
        for (name, open) in stores {
            for (writers, each) in [(1, 2000), (4, 500)] {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                do {
                    let result = try run(writers: writers, each: each, open: open)
                    print(String(format: "| %@ | %d | %.0f | %.2f ms | %.2f ms |", name, writers, result.perSecond, result.p50, result.p99))
                } catch {
                    print("| \(name) | \(writers) | not measured: \(error) | | |")
                }
            }
        }
    }
}
