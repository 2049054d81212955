import SmileJobs
import TolerantJSON

/// Reads fields whose types drift between payloads, and says when a field had a type no
/// reading makes sense of.
enum FieldReader {
    /// A scalar as text: strings as they are, numbers as written. Empty strings and null are nil.
    static func text(_ value: JSONValue?) -> String? {
        guard let text = value?.scalarText, !text.isEmpty else { return nil }
        return text
    }

    /// As `text(_:)`, noting a container where a scalar belongs.
    static func text(_ value: JSONValue?, field: String, notes: inout [String]) -> String? {
        guard let value else { return nil }
        switch value {
        case .array, .object:
            notes.append("\(field) is \(value.kindName), expected text: ignored")
            return nil
        default:
            return text(value)
        }
    }

    /// `true`, `"true"`, `1`, `"1"`, `"yes"` and their opposites.
    static func bool(_ value: JSONValue?) -> Bool? {
        switch value {
        case .bool(let flag)?: return flag
        case .string(let text)?, .number(let text)?:
            switch text.lowercased().trimmingASCIISpaces() {
            case "true", "1", "yes": return true
            case "false", "0", "no": return false
            default: return nil
            }
        default: return nil
        }
    }

    static func timestamp(_ value: JSONValue?, field: String, notes: inout [String]) -> Timestamp? {
        guard let raw = text(value, field: field, notes: &notes) else { return nil }
        guard let time = Timestamp(parsing: raw) else {
            notes.append("\(field) \"\(raw.prefix(40))\" is not a date or epoch time: ignored")
            return nil
        }
        if Timestamp.lacksZone(raw) {
            notes.append("\(field) \"\(raw.prefix(40))\" has no time zone: assumed UTC (the sender may have meant local time)")
        }
        return time
    }

    /// Notes whether, and how, the record is signed, and checks the signature when a key was given.
    static func applySignature(from object: JSONObject, to record: inout JobRecord, checker: SignatureChecker?) {
        if object["sec_key"] != nil {
            record.signature = .legacy
        } else if let signature = object["signature"]?.scalarText, !signature.isEmpty {
            if SignatureShape.isLegacySecKey(signature) {
                record.signature = .legacy
            } else if let checker {
                let timestamp = object["timestamp"]?.scalarText
                record.signature = checker.check(signature: signature, timestamp: timestamp?.isEmpty == true ? nil : timestamp)
            } else {
                record.signature = .unchecked
            }
        } else {
            record.signature = .unsigned
        }
    }

    /// Smile Secure fields in either published shape, or nil.
    static func secure(from object: JSONObject, notes: inout [String]) -> SecureResult? {
        guard let antifraud = object["Antifraud"] ?? object.value(looselyNamed: "antifraud") else { return nil }
        guard let antifraud = antifraud.objectValue else {
            if antifraud != .null { notes.append("Antifraud is \(antifraud.kindName), not an object: ignored") }
            return nil
        }
        if let nested = antifraud["smile_secure"]?.objectValue ?? antifraud.value(looselyNamed: "SmileSecure")?.objectValue {
            // The newer shape.
            let summary = antifraud["summary"]?.objectValue
            let sources = summary?["fraud_sources"]?.arrayValue?.compactMap(\.scalarText) ?? []
            let (kept, omitted) = suspects(nested["SuspectUsers"], notes: &notes)
            return SecureResult(
                code: text(nested["ResultCode"], field: "Antifraud.smile_secure.ResultCode", notes: &notes),
                text: text(nested["ResultText"], field: "Antifraud.smile_secure.ResultText", notes: &notes),
                suspects: kept, omittedSuspects: omitted,
                fraudDetected: bool(summary?["fraud_detected"]),
                fraudSources: sources)
        }
        let (kept, omitted) = suspects(antifraud["SuspectUsers"], notes: &notes)
        return SecureResult(
            code: text(object["ResultCode"], field: "ResultCode", notes: &notes),
            text: text(object["ResultText"], field: "ResultText", notes: &notes),
            suspects: kept, omittedSuspects: omitted)
    }

    /// The first `SecureResult.maxSuspects` suspects, and how many more the list holds.
    private static func suspects(_ value: JSONValue?, notes: inout [String]) -> ([SuspectUser], Int) {
        guard let value, value != .null else { return ([], 0) }
        guard let items = value.arrayValue else {
            notes.append("SuspectUsers is \(value.kindName), not a list: ignored")
            return ([], 0)
        }
        var suspects: [SuspectUser] = []
        var omitted = 0
        for (index, item) in items.enumerated() {
            guard let entry = item.objectValue, let userID = text(entry["user_id"]) else {
                notes.append("SuspectUsers item \(index + 1) has no user_id: skipped")
                continue
            }
            var reasons: [String] = []
            if let reason = text(entry["reason"]) { reasons.append(reason) }
            if let list = entry["reasons"]?.arrayValue {
                reasons.append(contentsOf: list.compactMap { text($0) })
            } else if let single = text(entry["reasons"]) {
                reasons.append(single)
            }
            if suspects.count < SecureResult.maxSuspects {
                suspects.append(SuspectUser(userID: userID, reasons: reasons))
            } else {
                omitted += 1
            }
        }
        if omitted > 0 { notes.append("SuspectUsers lists \(suspects.count + omitted) users: the first \(suspects.count) are kept") }
        return (suspects, omitted)
    }
}

/// Tells a legacy `sec_key` (`base64(RSA(…))|sha256hex`) from a `signature`.
public enum SignatureShape {
    public static func isLegacySecKey(_ value: String) -> Bool {
        var copy = value
        return copy.withUTF8 { isLegacySecKey(bytes: $0) }
    }

    /// The same, on bytes: a `|` followed by exactly 64 hex digits at the end.
    /// (The last bar is then 65 bytes from the end: looked at there, not searched for, as
    /// every signature of every record is asked this.)
    public static func isLegacySecKey(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 65, bytes[bytes.count - 65] == UInt8(ascii: "|") else { return false }
        let hash = bytes[(bytes.count - 64)...]
        return hash.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) }
    }
}
