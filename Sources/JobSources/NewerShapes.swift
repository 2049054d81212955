import SmileJobs
import TolerantJSON

/// The shapes Smile ID sends beside the v1 callback and job-status response:
///
/// - the v3 verification status (`GET /v3/status/{jobId}`): `{status: clear|block|attention|
///   error|processing|not_found, job_id, user_id, message, created_at}`;
/// - the v3 error body (`{status: "Bad Request", message}`) and the v3 202 acknowledgement
///   (`{status: "Accepted", message, job_id, user_id}`);
/// - the async submission acknowledgement (`{"success": true}`, maybe with `smile_job_id`);
/// - the enrollee-info response (`POST /v2/partner/enrollee/info`): `enrolled_user{…flags}`
///   and `history[{created_at, partner_params, job_id, result_code, result_message, id_check}]`;
/// - the SmartSelfie v2 response: `{code, status: approved|pending|rejected, message,
///   created_at, job_type: "smart_selfie_authentication", job_id, user_id, partner_params}`.
///
/// Anything carrying a v1 field (`ResultCode`, `SmileJobID`, `PartnerParams`, `result`,
/// `job_complete`, `Antifraud`) is left to the v1 reading, so a v1 callback with a stray
/// `status` key reads as before. The fast scanner declines all of these (none is a v1
/// result), so they always come here.
enum NewerShapes {
    enum Shape: Equatable {
        case v3Status(StatedStatus)
        case v3NotFound
        case v3Error
        case v3Accepted
        case asyncAcknowledgement
        case enrolleeInfo
        case smartSelfieV2
    }

    static func classify(_ object: JSONObject) -> Shape? {
        let v1Keys = ["ResultCode", "ResultText", "SmileJobID", "PartnerParams", "result", "job_complete", "job_success", "Antifraud"]
        if v1Keys.contains(where: { object[$0] != nil }) { return nil }
        if object["enrolled_user"] != nil { return .enrolleeInfo }
        if let history = object["history"]?.arrayValue, object["code"] == nil,
            history.contains(where: { $0.objectValue?["result_code"] != nil || $0.objectValue?["id_check"] != nil })
        {
            return .enrolleeInfo
        }
        if FieldReader.bool(object["success"]) == true, object["error"] == nil, object["status"] == nil {
            return .asyncAcknowledgement
        }
        guard case .string(let status)? = object["status"] else { return nil }
        if let stated = StatedStatus(word: status) {
            switch stated {
            case .approved, .pending, .rejected: return .smartSelfieV2
            case .clear, .block, .attention, .error, .processing: return .v3Status(stated)
            }
        }
        switch String(status.lowercased().filter(\.isLetter)) {
        case "notfound" where object["job_id"] != nil || object["user_id"] != nil: return .v3NotFound
        case "accepted": return .v3Accepted
        default:
            // An HTTP status word and a message, nothing else of a job: a v3 error body.
            return object["message"] != nil ? .v3Error : nil
        }
    }

    static func decode(
        _ shape: Shape, _ object: JSONObject, value: JSONValue, origin: RecordOrigin, signatures: SignatureChecker?
    ) -> DecodedValue {
        var notes: [String] = []
        let message = FieldReader.text(object["message"], field: "message", notes: &notes)
        switch shape {
        case .v3Status(let stated):
            var record = JobRecord(origin: origin, kind: .stated)
            record.smileJobID = FieldReader.text(object["job_id"], field: "job_id", notes: &notes)
            record.userID = FieldReader.text(object["user_id"], field: "user_id", notes: &notes)
            record.statedStatus = FieldReader.text(object["status"])
            record.resultText = message
            record.timestamp = FieldReader.timestamp(object["created_at"], field: "created_at", notes: &notes)
            if stated.isRunning { record.isFinal = false }
            FieldReader.applySignature(from: object, to: &record, checker: signatures)
            return .records(RecordDecoder.keyedByContent([record], value: value), notes: notes)
        case .v3NotFound:
            let job = FieldReader.text(object["job_id"]).map { "job \($0)" } ?? "the job"
            return .requestError(code: "not_found", message: "v3 status: \(job) was not found" + (message.map { ": \($0)" } ?? ""))
        case .v3Error:
            return .requestError(code: FieldReader.text(object["status"]), message: message ?? "error")
        case .v3Accepted:
            return .acknowledgement(
                jobID: FieldReader.text(object["job_id"]), userID: FieldReader.text(object["user_id"]),
                message: message ?? "Accepted")
        case .asyncAcknowledgement:
            return .acknowledgement(
                jobID: FieldReader.text(object["smile_job_id"]) ?? FieldReader.text(object["job_id"]),
                userID: FieldReader.text(object["user_id"]), message: message ?? "submission accepted (success: true)")
        case .enrolleeInfo:
            return decodeEnrolleeInfo(object, origin: origin, notes: &notes)
        case .smartSelfieV2:
            var record = JobRecord(origin: origin, kind: .stated)
            record.smileJobID = FieldReader.text(object["job_id"], field: "job_id", notes: &notes)
            readPartnerParams(object["partner_params"], into: &record, notes: &notes)
            record.userID = FieldReader.text(object["user_id"], field: "user_id", notes: &notes) ?? record.userID
            record.jobTypeText = FieldReader.text(object["job_type"], field: "job_type", notes: &notes) ?? record.jobTypeText
            // `code` is a result code ("0820"), or a status code ("2302": being processed),
            // which says nothing of the outcome: the `status` word does.
            let code = FieldReader.text(object["code"], field: "code", notes: &notes)
            if let code, StatusCode.lookup(code) == nil { record.resultCode = code }
            record.resultText = message
            record.statedStatus = FieldReader.text(object["status"])
            record.timestamp =
                FieldReader.timestamp(object["updated_at"], field: "updated_at", notes: &notes)
                ?? FieldReader.timestamp(object["created_at"], field: "created_at", notes: &notes)
            if StatedStatus(word: record.statedStatus ?? "")?.isRunning == true { record.isFinal = false }
            FieldReader.applySignature(from: object, to: &record, checker: signatures)
            return .records(RecordDecoder.keyedByContent([record], value: value), notes: notes)
        }
    }

    /// `partner_params{job_id, user_id, job_type}`, snake_case as the v2 APIs write it.
    private static func readPartnerParams(_ value: JSONValue?, into record: inout JobRecord, notes: inout [String]) {
        guard let value, value != .null else { return }
        guard let params = value.objectValue else {
            notes.append("partner_params is \(value.kindName), not an object: ignored")
            return
        }
        record.partnerJobID = FieldReader.text(params["job_id"], field: "partner_params.job_id", notes: &notes)
        record.userID = FieldReader.text(params["user_id"], field: "partner_params.user_id", notes: &notes)
        record.jobTypeText = FieldReader.text(params["job_type"], field: "partner_params.job_type", notes: &notes)
    }

    /// Each `history` item is one job of the user (its `job_id` the Smile job id), carrying
    /// the `enrolled_user` flags so they reach the user wherever the jobs go.
    private static func decodeEnrolleeInfo(_ object: JSONObject, origin: RecordOrigin, notes: inout [String]) -> DecodedValue {
        var flags = EnrolleeFlags()
        if let enrolled = object["enrolled_user"] {
            if let user = enrolled.objectValue {
                flags = EnrolleeFlags(
                    allowNewEnroll: FieldReader.bool(user["allow_new_enroll"]), complete: FieldReader.bool(user["complete"]),
                    deleted: FieldReader.bool(user["deleted"]), inactive: FieldReader.bool(user["inactive"]),
                    isFraudulent: FieldReader.bool(user["is_fraudulent"]), pending: FieldReader.bool(user["pending"]),
                    provisional: FieldReader.bool(user["provisional"]))
            } else if enrolled != .null {
                notes.append("enrolled_user is \(enrolled.kindName), not an object: ignored")
            }
        }
        let items = object["history"]?.arrayValue ?? []
        if object["history"] != nil, object["history"]?.arrayValue == nil, object["history"] != .null {
            notes.append("history is \(object["history"]!.kindName), not a list: ignored")
        }
        var records: [JobRecord] = []
        for (index, item) in items.enumerated() {
            guard let entry = item.objectValue else {
                notes.append("history item \(index + 1) is \(item.kindName), not a job: skipped")
                continue
            }
            var part = origin
            part.part = .history(index)
            var record = JobRecord(origin: part, kind: .result)
            record.smileJobID = FieldReader.text(entry["job_id"], field: "history[\(index)].job_id", notes: &notes)
            readPartnerParams(entry["partner_params"], into: &record, notes: &notes)
            record.userID = record.userID ?? FieldReader.text(entry["user_id"])
            record.timestamp = FieldReader.timestamp(entry["created_at"], field: "history[\(index)].created_at", notes: &notes)
            let idCheck = entry["id_check"]?.objectValue
            record.resultCode =
                FieldReader.text(entry["result_code"], field: "history[\(index)].result_code", notes: &notes)
                ?? idCheck.flatMap { FieldReader.text($0["result_code"]) }
            record.resultText =
                FieldReader.text(entry["result_message"], field: "history[\(index)].result_message", notes: &notes)
                ?? FieldReader.text(entry["result_text"])
                ?? idCheck.flatMap { FieldReader.text($0["result_text"]) }
            if let idCheck {
                record.country = FieldReader.text(idCheck["country"])
                record.idType = FieldReader.text(idCheck["id_type"])
                record.fullName = FieldReader.text(idCheck["name"]) ?? FieldReader.text(idCheck["full_name"])
            }
            record.enrollee = flags
            records.append(record)
        }
        guard !records.isEmpty else {
            return .notARecord(
                reason:
                    "an enrollee-info response with no history: it names no job and no user, so its flags (\(flags.setFlags.isEmpty ? "none set" : flags.setFlags.joined(separator: ", "))) have no one to belong to"
            )
        }
        return .records(records, notes: notes)
    }
}
