import CSignalStack
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import SmileJobs
import Synchronization
import TriageStore

/// One connection to the team's server, made again after it drops, with a growing pause
/// between attempts (a quarter of a second, doubling to eight). Calls block the calling
/// thread (never an event loop's) until the server answers. While the link is down, a call
/// fails at once with `disconnected`: nothing is queued to be sent later.
final class PostgresLink: @unchecked Sendable {
    let location: PostgresLocation
    private let configuration: PostgresConnection.Configuration
    private let group: any EventLoopGroup = PostgresLink.sharedGroup

    /// NIO's shared event loops, started with the stop signals blocked: a thread inherits the
    /// mask of the one that starts it, and Ctrl-C or SIGTERM must reach only the terminal's
    /// loop thread (NIO starts its threads when the group is made).
    private static let sharedGroup: any EventLoopGroup = {
        var previous = sigset_t()
        _ = cs_block_stop_signals(&previous)
        defer { _ = cs_restore_signal_mask(&previous) }
        return MultiThreadedEventLoopGroup.singleton
    }()
    private let logger = Logger(label: "smile-triage.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    struct State {
        var connection: PostgresConnection?
        /// The server process behind `connection` (NOTIFY names it: our own changes).
        var backendPID: Int32 = 0
        var lastFailure: String?
        var nextAttempt: UInt64 = 0
        var pause: UInt64 = PostgresLink.firstPause
        var connections = 0
    }

    /// Serializes calls: one statement at a time on the one connection. (A lock, not a
    /// Mutex: a call's result is generic, and it holds the lock while it waits.)
    private let lock = NSLock()
    private var state = State()
    /// Called (on an event loop) with each connection made, to add listeners.
    private let onConnect: (@Sendable (PostgresConnection) -> Void)?

    static let firstPause: UInt64 = 250_000_000
    static let longestPause: UInt64 = 8_000_000_000
    /// A statement the server has not answered in this long is taken as a lost link (a
    /// cut network sends no reset: without it a commit could wait for many minutes).
    static let answerWithin: Int64 = 3

    /// While the link is down, whether a call waits for the next attempt (a command
    /// working through a list: each id waits for the server) or fails at once (the
    /// dashboard, which must never stall on it).
    let waitsForReconnect: Bool

    init(
        location: PostgresLocation, password: String?, waitsForReconnect: Bool = false,
        onConnect: (@Sendable (PostgresConnection) -> Void)? = nil
    ) throws(DecisionStoreError) {
        self.location = location
        self.onConnect = onConnect
        self.waitsForReconnect = waitsForReconnect
        let tls: PostgresConnection.Configuration.TLS
        do {
            tls = try PostgresLink.tls(for: location)
        } catch {
            throw DecisionStoreError(path: location.description, kind: .other("TLS: \(error)"))
        }
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: password,
            database: location.database, tls: tls)
        configuration.options.connectTimeout = .seconds(PostgresLink.answerWithin)
        configuration.options.additionalStartupParameters = [("application_name", location.applicationName)]
        self.configuration = configuration
    }

    /// libpq's modes: disable and allow/prefer (TLS when offered, unverified), require (TLS,
    /// unverified), verify-ca (the CA file's chain), verify-full (the chain and the host name).
    static func tls(for location: PostgresLocation) throws -> PostgresConnection.Configuration.TLS {
        var settings = TLSConfiguration.makeClientConfiguration()
        switch location.sslMode {
        case .disable:
            return .disable
        case .allow, .prefer, .require:
            settings.certificateVerification = .none
        case .verifyCA, .verifyFull:
            if let file = location.sslRootCert { settings.trustRoots = .file(file) }
            settings.certificateVerification = location.sslMode == .verifyFull ? .fullVerification : .noHostnameVerification
        }
        let context = try NIOSSLContext(configuration: settings)
        return [.allow, .prefer].contains(location.sslMode) ? .prefer(context) : .require(context)
    }

    /// The link as the status bar shows it.
    var status: DecisionsLink {
        locked { state in
            if state.connection != nil && state.connection?.isClosed == false { return .online(location: location.description) }
            if let failure = state.lastFailure { return .offline(location: location.description, reason: failure) }
            return .online(location: location.description)
        }
    }

    var backendPID: Int32 { locked { $0.backendPID } }
    /// How many connections were made: a new one after a drop means listeners start again.
    var connectionCount: Int { locked { $0.connections } }

    private func locked<T>(_ body: (inout State) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&state)
    }

    /// Runs `body` on the connection, making one when there is none and the pause since the
    /// last failure is over. A dropped connection is forgotten (the next call after the pause
    /// makes another) and reported as `disconnected`.
    func with<T>(_ body: (PostgresConnection) throws -> T) throws(DecisionStoreError) -> T {
        lock.lock()
        defer { lock.unlock() }
        let connection = try connected(&state)
        do {
            return try body(connection)
        } catch {
            let failure = PostgresLink.describe(error)
            if failure.dropped || connection.isClosed {
                forget(&state, because: failure.text)
                throw DecisionStoreError(path: location.description, kind: .disconnected(failure.text))
            }
            throw DecisionStoreError(path: location.description, kind: failure.kind)
        }
    }

    /// Makes the connection if the pause allows; else says why there is none.
    private func connected(_ state: inout State) throws(DecisionStoreError) -> PostgresConnection {
        if let connection = state.connection, !connection.isClosed { return connection }
        if state.connection != nil { forget(&state, because: "the server closed the connection") }
        var now = DispatchTime.now().uptimeNanoseconds
        if now < state.nextAttempt, let failure = state.lastFailure {
            guard waitsForReconnect else { throw DecisionStoreError(path: location.description, kind: .disconnected(failure)) }
            usleep(useconds_t(min((state.nextAttempt - now) / 1000, 8_000_000)))
            now = DispatchTime.now().uptimeNanoseconds
        }
        do {
            state.connections += 1
            let connection = try connectWithinAnswerTime(id: state.connections)
            let rows = try query(connection, "SELECT pg_backend_pid()")
            for row in rows { state.backendPID = try row.decode(Int32.self) }
            onConnect?(connection)
            state.connection = connection
            state.lastFailure = nil
            state.pause = PostgresLink.firstPause
            return connection
        } catch {
            let failure = PostgresLink.describe(error)
            state.lastFailure = failure.text
            state.nextAttempt = now + state.pause
            state.pause = min(state.pause * 2, PostgresLink.longestPause)
            if failure.dropped { throw DecisionStoreError(path: location.description, kind: .disconnected(failure.text)) }
            throw DecisionStoreError(path: location.description, kind: failure.kind)
        }
    }

    /// Connects, TLS and authentication included, or gives up after `answerWithin`: a
    /// network cut half-way through the startup exchange would otherwise wait for ever.
    private func connectWithinAnswerTime(id: Int) throws -> PostgresConnection {
        let loop = group.next()
        return try within(
            PostgresConnection.connect(on: loop, configuration: configuration, id: id, logger: logger), on: loop, giveUp: {},
            late: { late in let _: EventLoopFuture<Void> = late.close() })
    }

    private func forget(_ state: inout State, because reason: String) {
        if let connection = state.connection {
            let closing: EventLoopFuture<Void> = connection.close()
            _ = closing
        }
        state.connection = nil
        state.backendPID = 0
        state.lastFailure = reason
        state.nextAttempt = DispatchTime.now().uptimeNanoseconds + state.pause
        state.pause = min(state.pause * 2, PostgresLink.longestPause)
    }

    deinit { close() }

    /// Closes the connection (at exit).
    func close() {
        locked { state in
            if let connection = state.connection {
                let closing: EventLoopFuture<Void> = connection.close()
                try? closing.wait()
            }
            state.connection = nil
        }
    }

    // MARK: - Statements

    /// One statement, answered within `answerWithin` seconds or the connection is closed
    /// (and the link is down until the next attempt).
    func query(_ connection: PostgresConnection, _ query: PostgresQuery) throws -> PostgresQueryResult {
        try within(connection.query(query, logger: logger), on: connection.eventLoop) {
            let _: EventLoopFuture<Void> = connection.close()
        }
    }

    /// Waits for a future, at most `answerWithin` seconds: then `giveUp` runs and the wait
    /// ends with `disconnected`, whatever the future does later (a result arriving after is
    /// handed to `late`).
    private func within<T: Sendable>(
        _ future: EventLoopFuture<T>, on loop: any EventLoop, giveUp: @escaping @Sendable () -> Void,
        late: @escaping @Sendable (T) -> Void = { _ in }
    ) throws -> T {
        let promise = loop.makePromise(of: T.self)
        let settled = TimeoutFlag()
        future.whenComplete { result in
            if settled.fired.exchange(true, ordering: .acquiringAndReleasing) {
                if case .success(let value) = result { late(value) }
                return
            }
            promise.completeWith(result)
        }
        let location = self.location
        let timeout = loop.scheduleTask(in: .seconds(PostgresLink.answerWithin)) {
            guard !settled.fired.exchange(true, ordering: .acquiringAndReleasing) else { return }
            giveUp()
            promise.fail(
                DecisionStoreError(path: location.description, kind: .disconnected("no answer within \(PostgresLink.answerWithin) s")))
        }
        defer { timeout.cancel() }
        return try promise.futureResult.wait()
    }

    final class TimeoutFlag: Sendable {
        let fired = Atomic<Bool>(false)
    }

    /// Drops the connection (a listener whose partner link dropped may be stale too).
    func reset() {
        locked { state in
            if state.connection != nil { forget(&state, because: "reconnecting") }
            state.nextAttempt = 0
        }
    }

    /// A transaction on the connection: BEGIN, the body, COMMIT; ROLLBACK when the body
    /// throws. Throws when COMMIT did not return, so nothing is reported saved before it has.
    func transaction<T>(_ body: (PostgresConnection) throws -> T) throws(DecisionStoreError) -> T {
        try with { connection in
            _ = try query(connection, "BEGIN")
            do {
                let result = try body(connection)
                _ = try query(connection, "COMMIT")
                return result
            } catch {
                _ = try? query(connection, "ROLLBACK")
                throw error
            }
        }
    }

    // MARK: - Errors in words

    struct Failure {
        var text: String
        /// The connection is gone (or was never made): the link is down.
        var dropped: Bool
        var kind: DecisionStoreError.Kind
    }

    /// A PostgresNIO or NIO error in words a person can act on, never with the password.
    static func describe(_ error: any Error) -> Failure {
        if let known = error as? DecisionStoreError {
            return Failure(text: known.description, dropped: known.kind.isDisconnected, kind: known.kind)
        }
        // A certificate that does not check out is a refusal to trust, not a dropped link.
        if String(reflecting: error).contains("CERTIFICATE_VERIFY_FAILED") {
            let reason =
                "TLS: the server's certificate does not check out (not signed by the CA in sslrootcert, or made for another host name)"
            return Failure(text: reason, dropped: false, kind: .refused(reason))
        }
        if let psql = error as? PSQLError {
            if let info = psql.serverInfo {
                let code = info[.sqlState] ?? ""
                let message = info[.message] ?? "server error"
                let text = "\(message) (SQLSTATE \(code))"
                // 08: connection exceptions; 57P01-03: the server shutting down or starting.
                let dropped = code.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(code)
                if code == "28P01" || code == "28000" {
                    return Failure(text: text, dropped: false, kind: .refused(message))
                }
                if code == "42501" { return Failure(text: text, dropped: false, kind: .notPermitted(message)) }
                return Failure(text: text, dropped: dropped, kind: dropped ? .disconnected(text) : .other(text))
            }
            let underlying = psql.underlying.map { PostgresLink.plain($0) }
            switch psql.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
                let text = underlying ?? "the connection to the server was lost"
                return Failure(text: text, dropped: true, kind: .disconnected(text))
            case .authMechanismRequiresPassword:
                let text = "the server wants a password: put it in PGPASSWORD or ~/.pgpass"
                return Failure(text: text, dropped: false, kind: .refused(text))
            case .sslUnsupported:
                let text = "the server does not offer TLS (sslmode asks for it)"
                return Failure(text: text, dropped: false, kind: .refused(text))
            default:
                let text = underlying ?? "\(psql.code)"
                return Failure(text: text, dropped: false, kind: .other(text))
            }
        }
        let text = PostgresLink.plain(error)
        // Refused, unreachable, timed out: socket errors from NIO.
        return Failure(text: text, dropped: true, kind: .disconnected(text))
    }

    static func plain(_ error: any Error) -> String {
        if let io = error as? IOError { return io.description }
        let text = String(reflecting: error)
        if text.contains("ECONNREFUSED") || text.contains("Connection refused") || text.contains("connection refused") {
            return "connection refused: is the server running, and listening there?"
        }
        if text.contains("UnknownHost") { return "unknown host" }
        if text.contains("EHOSTUNREACH") || text.contains("ENETUNREACH") { return "no route to the host" }
        if text.contains("connectTimeout") { return "timed out connecting" }
        if text.contains("connection reset") || text.contains("ECONNRESET") { return "the connection was reset" }
        return String(text.prefix(200))
    }
}

extension DecisionStoreError.Kind {
    var isDisconnected: Bool {
        if case .disconnected = self { return true }
        return false
    }
}
