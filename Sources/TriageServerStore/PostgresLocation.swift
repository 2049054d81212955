import Foundation

/// Where a team's decisions are: `postgres://USER@HOST:PORT/DB?sslmode=…`, read as libpq
/// reads it. The password is never part of it: it comes from `PGPASSWORD` or `~/.pgpass`
/// (`PGPASSFILE`), so it is in neither argv nor anything printed.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var user: String
    public var host: String
    public var port: Int
    public var database: String
    public var sslMode: SSLMode
    /// The CA certificates (PEM) a verify-ca/verify-full connection trusts (`sslrootcert`).
    public var sslRootCert: String?
    /// Shown in `pg_stat_activity` (`application_name`).
    public var applicationName: String

    /// The location without a password: what the status bar and errors show.
    public var description: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        var text = "postgres://\(user)@\(hostPart):\(port)/\(database)"
        if sslMode != .prefer { text += "?sslmode=\(sslMode.rawValue)" }
        return text
    }

    /// Why a text given as a database is not a PostgreSQL location that can be used.
    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// True for `postgres://…` and `postgresql://…`, in any case.
    public static func isPostgresURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// Reads a URL; the environment gives what it leaves out, as for libpq (`PGUSER`,
    /// `PGHOST`, `PGPORT`, `PGDATABASE`, `PGSSLMODE`, `PGSSLROOTCERT`, then `$USER`).
    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(Invalid) {
        guard PostgresLocation.isPostgresURL(text), let schemeEnd = text.range(of: "://") else {
            throw Invalid(description: "not a postgres:// URL")
        }
        var rest = Substring(text[schemeEnd.upperBound...])
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var userPart: Substring?
        if let at = rest.lastIndex(of: "@") {
            userPart = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }
        if let userPart, userPart.contains(":") {
            throw Invalid(
                description:
                    "the URL holds a password: it would show in the process list and in shell history; put it in PGPASSWORD or ~/.pgpass instead"
            )
        }
        var hostText = String(rest)
        var portText: String?
        if hostText.hasPrefix("[") {
            guard let close = hostText.firstIndex(of: "]") else { throw Invalid(description: "an IPv6 host needs its closing ]") }
            let after = hostText[hostText.index(after: close)...]
            if after.hasPrefix(":") { portText = String(after.dropFirst()) }
            hostText = String(hostText[hostText.index(after: hostText.startIndex)..<close])
        } else if let colon = hostText.lastIndex(of: ":") {
            portText = String(hostText[hostText.index(after: colon)...])
            hostText = String(hostText[..<colon])
        }
        var options: [String: String] = [:]
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = PostgresLocation.percentDecoded(parts[0])
            let value = parts.count > 1 ? PostgresLocation.percentDecoded(parts[1]) : ""
            if key == "password" { throw Invalid(description: "a password in the URL: use PGPASSWORD or ~/.pgpass") }
            guard ["sslmode", "sslrootcert", "application_name"].contains(key) else {
                throw Invalid(description: "unknown URL parameter \(key) (known: sslmode, sslrootcert, application_name)")
            }
            options[key] = value
        }
        let decodedUser = userPart.map(PostgresLocation.percentDecoded)
        user = decodedUser.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        let decodedHost = PostgresLocation.percentDecoded(Substring(hostText))
        host = decodedHost.isEmpty ? (environment["PGHOST"] ?? "localhost") : decodedHost
        if host.hasPrefix("/") {
            throw Invalid(description: "a Unix socket folder as the host is not supported; give a host name or address")
        }
        let portValue = portText.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGPORT"] ?? "5432"
        guard let port = Int(portValue), (1...65535).contains(port) else {
            throw Invalid(description: "port \(portValue) is not a port number")
        }
        self.port = port
        let decodedPath = PostgresLocation.percentDecoded(path)
        database = decodedPath.isEmpty ? (environment["PGDATABASE"] ?? user) : decodedPath
        let modeText = options["sslmode"] ?? environment["PGSSLMODE"] ?? "prefer"
        guard let mode = SSLMode(rawValue: modeText) else {
            throw Invalid(description: "sslmode=\(modeText) (known: \(SSLMode.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        sslMode = mode
        sslRootCert = options["sslrootcert"] ?? environment["PGSSLROOTCERT"]
        if [.verifyCA, .verifyFull].contains(mode), sslRootCert == nil {
            let home = environment["HOME"] ?? NSHomeDirectory()
            let fallback = (home as NSString).appendingPathComponent(".postgresql/root.crt")
            guard FileManager.default.fileExists(atPath: fallback) else {
                throw Invalid(description: "sslmode=\(mode.rawValue) needs the CA file: add sslrootcert=PATH (or PGSSLROOTCERT)")
            }
            sslRootCert = fallback
        }
        applicationName = options["application_name"] ?? "smile-triage"
    }

    /// The password for this location: `PGPASSWORD`, else the first matching line of the
    /// password file (`PGPASSFILE`, else `~/.pgpass`), which libpq ignores, and so do we,
    /// when others may read it.
    public func password(environment: [String: String] = ProcessInfo.processInfo.environment) -> PasswordLookup {
        if let password = environment["PGPASSWORD"] { return PasswordLookup(password: password, warning: nil) }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let file = environment["PGPASSFILE"] ?? (home as NSString).appendingPathComponent(".pgpass")
        var info = stat()
        guard stat(file, &info) == 0 else { return PasswordLookup(password: nil, warning: nil) }
        if info.st_mode & 0o077 != 0 {
            return PasswordLookup(
                password: nil,
                warning:
                    "\(file) is readable by others (mode \(String(info.st_mode & 0o777, radix: 8))): ignored, as libpq does; chmod 600 it")
        }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return PasswordLookup(password: nil, warning: nil) }
        let password = PGPassFile.password(in: text, host: host, port: port, database: database, user: user)
        return PasswordLookup(password: password, warning: nil)
    }

    public struct PasswordLookup: Sendable, Equatable {
        public var password: String?
        /// Why a password file was passed over, for the person to fix.
        public var warning: String?
    }

    static func percentDecoded(_ text: Substring) -> String {
        String(text).removingPercentEncoding ?? String(text)
    }
}

/// `~/.pgpass`: lines of `host:port:database:user:password`, `*` matching anything, `\:` and
/// `\\` escaped, `#` starting a comment; the first line that matches wins.
enum PGPassFile {
    static func password(in text: String, host: String, port: Int, database: String, user: String) -> String? {
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = String(rawLine)
            if line.hasPrefix("#") { continue }
            let fields = split(line)
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            let matches = zip(fields.prefix(4), wanted).allSatisfy { field, value in
                field == "*" || field == value || (field == "localhost" && ["127.0.0.1", "::1"].contains(value))
            }
            if matches { return fields[4] }
        }
        return nil
    }

    /// The fields of one line, with `\:` and `\\` unescaped.
    static func split(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
