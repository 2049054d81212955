import Crypto
import Foundation
import SmileJobs
import TolerantJSON

/// What one JSON value turned out to be.
public enum DecodedValue: Sendable {
    /// One record or more (a job-status response yields its result and its history).
    case records([JobRecord], notes: [String])
    /// An error body: a failed request, reported but not a job.
    case requestError(code: String?, message: String)
    /// A submission's acknowledgement (`{"success": true}`, the v3 202 `Accepted`): the
    /// request was taken; no result yet. Counted and listed, not a job and not a problem.
    case acknowledgement(jobID: String?, userID: String?, message: String)
    /// Valid JSON that is no Smile ID record; the reason says what it was.
    case notARecord(reason: String)
}

/// Reads Smile ID records out of JSON values: callbacks, job-status responses (with
/// `result` as an object or a string, and `history`), Smile Secure callbacks in both
/// shapes, and error bodies. Types drift in real payloads: numbers stand for strings and
/// back, booleans come as `"true"`. Unknown keys are left for the detail view.
public enum RecordDecoder {
    public static func decode(_ value: JSONValue, origin: RecordOrigin, signatures: SignatureChecker? = nil) -> DecodedValue {
        guard let object = value.objectValue else {
            return .notARecord(reason: "valid JSON, but \(value.kindName), not a Smile ID record")
        }
        var notes: [String] = []
        if isErrorBody(object) {
            let message = object["error"]?.scalarText ?? object["message"]?.scalarText ?? "error"
            return .requestError(code: FieldReader.text(object["code"]), message: message)
        }
        if let shape = NewerShapes.classify(object) {
            return NewerShapes.decode(shape, object, value: value, origin: origin, signatures: signatures)
        }
        if isJobStatus(object) {
            let records = decodeJobStatus(object, origin: origin, signatures: signatures, notes: &notes)
            return .records(keyedByContent(records, value: value), notes: notes)
        }
        if isResult(object) {
            var record = decodeResult(object, origin: origin, kind: .result, notes: &notes)
            FieldReader.applySignature(from: object, to: &record, checker: signatures)
            return .records(keyedByContent([record], value: value), notes: notes)
        }
        let keys = object.keys.prefix(6).map { "\"\($0.prefix(30))\"" }.joined(separator: ", ")
        let more = object.keys.count > 6 ? ", …" : ""
        let described = object.isEmpty ? "an empty object" : "an object with keys \(keys)\(more)"
        return .notARecord(
            reason:
                "valid JSON, but not a Smile ID callback, job-status response, v3 status, enrollee info, SmartSelfie v2 response or error body: \(described)"
        )
    }

    /// Records that name no job (no `SmileJobID`, no `PartnerParams.job_id`) get a key made
    /// from the content of the value they came in: the same record gives the same key in any
    /// file, in any order, on any machine, so a decision made on it stays on it. The content
    /// is the value written compactly (members in their order), hashed with SHA-256.
    static func keyedByContent(_ records: [JobRecord], value: JSONValue) -> [JobRecord] {
        guard !records.isEmpty, records.allSatisfy({ $0.smileJobID == nil && $0.partnerJobID == nil }) else { return records }
        let key = contentKey(of: value)
        return records.map { record in
            var keyed = record
            keyed.contentKey = key
            return keyed
        }
    }

    /// `content:` and the first 32 hex digits of the SHA-256 of the value written compactly.
    public static func contentKey(of value: JSONValue) -> String {
        let digest = SHA256.hash(data: Data(JSONWriter.write(value, style: .compact).utf8))
        return "content:" + digest.prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    // MARK: - Shapes

    static func isErrorBody(_ object: JSONObject) -> Bool {
        guard let error = object["error"], error.scalarText != nil else { return false }
        return object["ResultCode"] == nil && object["SmileJobID"] == nil && object["result"] == nil
            && object["PartnerParams"] == nil
    }

    static func isJobStatus(_ object: JSONObject) -> Bool {
        object["job_complete"] != nil || object["job_success"] != nil
            || (object["result"] != nil && (object["code"] != nil || object["history"] != nil))
    }

    static func isResult(_ object: JSONObject) -> Bool {
        object["ResultCode"] != nil || object["ResultText"] != nil || object["SmileJobID"] != nil
            || object["PartnerParams"] != nil || object["Antifraud"] != nil
            || object.value(looselyNamed: "SmileJobID") != nil
    }

    // MARK: - Job-status responses

    private static func decodeJobStatus(
        _ object: JSONObject, origin: RecordOrigin, signatures: SignatureChecker?, notes: inout [String]
    ) -> [JobRecord] {
        var records: [JobRecord] = []
        let statusCode = FieldReader.text(object["code"])
        let complete = FieldReader.bool(object["job_complete"])
        let success = FieldReader.bool(object["job_success"])
        let outerTime = FieldReader.timestamp(object["timestamp"], field: "timestamp", notes: &notes)
        let outerSmileID = FieldReader.text(object["smile_job_id"]) ?? FieldReader.text(object["SmileJobID"])

        if let history = object["history"] {
            if let items = history.arrayValue {
                for (index, item) in items.enumerated() {
                    guard let entry = item.objectValue else {
                        notes.append("history item \(index + 1) is \(item.kindName), not a result: skipped")
                        continue
                    }
                    var partOrigin = origin
                    partOrigin.part = .history(index)
                    var record = decodeResult(entry, origin: partOrigin, kind: .result, notes: &notes)
                    if record.smileJobID == nil { record.smileJobID = outerSmileID }
                    records.append(record)
                }
            } else if history != .null {
                notes.append("history is \(history.kindName), not a list: ignored")
            }
        }

        var partOrigin = origin
        partOrigin.part = .result
        var current: JobRecord
        switch object["result"] {
        case .object(let result)?:
            current = decodeResult(result, origin: partOrigin, kind: .result, notes: &notes)
        case .string(let text)?:
            current = JobRecord(origin: partOrigin, kind: .status)
            current.resultText = text
        case .number(let text)?:
            current = JobRecord(origin: partOrigin, kind: .status)
            current.resultText = text
        default:
            current = JobRecord(origin: partOrigin, kind: .status)
        }
        current.statusCode = statusCode
        current.jobComplete = complete
        current.jobSuccess = success
        if current.timestamp == nil { current.timestamp = outerTime }
        if current.smileJobID == nil { current.smileJobID = outerSmileID }
        if current.kind == .status {
            // A status without a result may still name its job at the top level.
            current.partnerJobID = FieldReader.text(object["job_id"])
            current.userID = FieldReader.text(object["user_id"])
        }
        FieldReader.applySignature(from: object, to: &current, checker: signatures)
        records.append(current)
        return records
    }

    // MARK: - Result objects

    static func decodeResult(_ object: JSONObject, origin: RecordOrigin, kind: JobRecord.Kind, notes: inout [String]) -> JobRecord {
        var record = JobRecord(origin: origin, kind: kind)
        record.smileJobID = FieldReader.text(object.value(looselyNamed: "SmileJobID"), field: "SmileJobID", notes: &notes)
        if let params = object["PartnerParams"] ?? object.value(looselyNamed: "partner_params") {
            if let params = params.objectValue {
                record.partnerJobID = FieldReader.text(params["job_id"], field: "PartnerParams.job_id", notes: &notes)
                record.userID = FieldReader.text(params["user_id"], field: "PartnerParams.user_id", notes: &notes)
                record.jobTypeText = FieldReader.text(params["job_type"], field: "PartnerParams.job_type", notes: &notes)
            } else {
                notes.append("PartnerParams is \(params.kindName), not an object: ignored")
            }
        }
        record.resultCode = FieldReader.text(object["ResultCode"], field: "ResultCode", notes: &notes)
        record.resultText = FieldReader.text(object["ResultText"], field: "ResultText", notes: &notes)
        record.timestamp = FieldReader.timestamp(object["timestamp"], field: "timestamp", notes: &notes)
        record.country = FieldReader.text(object["Country"], field: "Country", notes: &notes)
        record.idType = FieldReader.text(object["IDType"], field: "IDType", notes: &notes)
        record.fullName = FieldReader.text(object["FullName"], field: "FullName", notes: &notes)
        record.isFinal = FieldReader.bool(object["IsFinalResult"])
        record.isMachine = FieldReader.bool(object["IsMachineResult"])
        if let actions = object["Actions"] {
            if let actions = actions.objectValue {
                record.actions = actions.members.map { member in
                    ActionResult(name: member.key, value: member.value.scalarText ?? JSONWriter.write(member.value, style: .compact))
                }
            } else if actions != .null {
                notes.append("Actions is \(actions.kindName), not an object: ignored")
            }
        }
        if let secure = FieldReader.secure(from: object, notes: &notes) {
            record.secure = secure
            let code = record.resultCode.map(Catalogue.normalise)
            if code == nil || Catalogue.smileSecureState(code!) != nil {
                // A Smile Secure callback: its ResultCode is the Smile Secure code.
                record.kind = .smileSecure
                record.resultCode = nil
                record.resultText = nil
            }
        } else if let code = record.resultCode, Catalogue.smileSecureState(code) != nil {
            record.kind = .smileSecure
            record.secure = SecureResult(code: code, text: record.resultText, suspects: [])
            record.resultCode = nil
            record.resultText = nil
        }
        return record
    }
}
