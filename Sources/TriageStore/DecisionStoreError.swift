import GRDB

/// Why the decisions database could not be used, in words for the person at the terminal.
public struct DecisionStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case cannotCreateFolder(String)
        case notADatabase
        case damaged
        case readOnly
        case cannotOpen(String)
        case busy
        case newerSchema(version: Int, known: Int)
        /// The file's mode allows no writing.
        case readOnlyFile(String)
        /// SQLite's quick_check found damage.
        case failedCheck(String)
        /// The team's server cannot be reached now; nothing was saved, nothing is queued.
        case disconnected(String)
        /// The server turned us away (authentication, TLS).
        case refused(String)
        /// The role may not do this (PostgreSQL's 42501).
        case notPermitted(String)
        case other(String)
    }

    public var path: String
    public var kind: Kind

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .cannotCreateFolder(let reason): "cannot create the folder for \(path): \(reason)"
        case .notADatabase: "\(path) is not a SQLite database (damaged, or another file)"
        case .damaged: "\(path) is damaged (SQLite reports corruption)"
        case .readOnly: "\(path) cannot be written (read-only file or folder)"
        case .cannotOpen(let reason): "cannot open \(path): \(reason)"
        case .busy: "\(path) stayed busy (another process holds it); nothing was saved"
        case .newerSchema(let version, let known):
            "\(path) was made by a newer smile-triage (schema \(version); this one knows up to \(known))"
        case .readOnlyFile(let mode): "\(path) is read-only (mode \(mode)): decisions are shown, not changed"
        case .failedCheck(let result):
            "\(path) fails SQLite's integrity check (\(result)): nothing is written to it; see the README, \"A damaged database\""
        case .disconnected(let reason): "no connection to \(path) (\(reason)): nothing was saved"
        case .refused(let reason): "\(path) refused the connection: \(reason)"
        case .notPermitted(let reason): "\(path): not permitted for this role (\(reason))"
        case .other(let reason): "\(path): \(reason)"
        }
    }

    /// The error in words, from whatever GRDB or SQLite threw.
    static func from(_ error: any Error, path: String) -> DecisionStoreError {
        if let known = error as? DecisionStoreError { return known }
        guard let database = error as? DatabaseError else {
            return DecisionStoreError(path: path, kind: .other(String(describing: error)))
        }
        switch database.resultCode {
        case .SQLITE_NOTADB: return DecisionStoreError(path: path, kind: .notADatabase)
        case .SQLITE_CORRUPT: return DecisionStoreError(path: path, kind: .damaged)
        case .SQLITE_READONLY, .SQLITE_PERM: return DecisionStoreError(path: path, kind: .readOnly)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return DecisionStoreError(path: path, kind: .busy)
        case .SQLITE_CANTOPEN: return DecisionStoreError(path: path, kind: .cannotOpen(database.message ?? "unable to open the file"))
        default: return DecisionStoreError(path: path, kind: .other(database.message ?? "SQLite error \(database.resultCode.rawValue)"))
        }
    }
}
