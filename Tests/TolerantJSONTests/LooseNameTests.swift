import Testing

@testable import TolerantJSON

/// `value(looselyNamed:)` compares on bytes now; these hold it to the String rule it replaced.
@Suite struct LooseNameTests {
    private let keys = [
        "SmileJobID", "smile_job_id", "SMILE-JOB-ID", "smilejobid", "Smile_Job_I_D", "smilejobi", "smilejobidx", "_smilejobid_",
        "smïlejobid", "smile\u{212A}jobid", "SmileJobİD", "partner_params", "PartnerParams", "ANTI-FRAUD", "antifraud ", "",
        "__", "ሰላም", "smile_job_id\u{301}",
    ]

    @Test func bytesAgreeWithTheStringRule() {
        for wanted in ["smilejobid", "partnerparams", "antifraud", "smilesecure"] {
            let bytes = Array(wanted.utf8)
            for key in keys {
                #expect(
                    JSONObject.looselyEqual(key, asciiLooseKey: bytes) == (JSONObject.looseKey(key) == wanted),
                    "\(key) against \(wanted)")
            }
        }
    }

    @Test func theLastLooseMatchIsTaken() {
        let object = JSONObject([
            "smile_job_id": .string("first"), "Other": .null, "SMILE-JOB-ID": .string("second"), "smilejobidx": .string("no"),
        ])
        #expect(object.value(looselyNamed: "SmileJobID") == .string("second"))
        #expect(object.value(looselyNamed: "partner_params") == nil)
        // An exact name wins over loose ones.
        let exact = JSONObject(["SmileJobID": .string("exact"), "smile_job_id": .string("loose")])
        #expect(exact.value(looselyNamed: "SmileJobID") == .string("exact"))
    }
}
