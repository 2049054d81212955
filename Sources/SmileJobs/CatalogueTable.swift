// The result-code catalogue as data: one entry a line, in the order of Smile ID's
// result-code page, then the Smile Secure page, then codes seen only in real payloads.
// Texts, descriptions and categories are as the pages write them; see
// docs/catalogue-sources.md for where each table's product comes from.

private typealias T = CatalogueEntry.Table

private let shared5 = "Basic KYC and Enhanced KYC share job type 5: on a type-5 job both tables' texts are candidates (they agree in category)."
private let documentWording = "Listed in the Biometric KYC table but speaks of documents: it may also apply to Document Verification (job types 6 and 11)."
private let enhancedDocV = "Enhanced Document Verification (job type 11) is taken to share the Document Verification table."
private let blankCategory = "The page leaves the category blank: an error, not a verdict."
private let code0001 = "Code 0001 has four meanings on the page; the ResultText tells them apart."
private let secureProducts = "Arrives in a separate callback for Biometric KYC, Document Verification and SmartSelfie Authentication jobs."

extension Catalogue {
    static let entries: [CatalogueEntry] = [
        // Table A: any product (the page gives no category: these are errors).
        .init(code: "0001", table: T.anyProduct, text: "Data Invalid", description: "An unknown error has occurred. Please contact someone at Smile ID.", pageCategory: "", notes: [code0001, blankCategory]),
        .init(code: "0001", table: T.anyProduct, text: "ID Authority image not available", description: "There was no photo returned by the id authority for the submitted ID number.", pageCategory: "", notes: [code0001, blankCategory]),
        .init(code: "0001", table: T.anyProduct, text: "ID Card image unusable", description: "The submitted ID card image is corrupted or was not included in zip", pageCategory: "", notes: [code0001, blankCategory]),
        .init(code: "0001", table: T.anyProduct, text: "Selfie image unusable", description: "The submitted selfie is corrupted or was not included in zip", pageCategory: "", notes: [code0001, blankCategory]),
        // Table B: Basic KYC (job type 5).
        .init(code: "1013", table: T.basicKYC, text: "Unable to Validate ID", description: "The ID info was not found in the ID authority database.", pageCategory: "Rejected", notes: [shared5]),
        .init(code: "1014", table: T.basicKYC, text: "Error - Unsupported ID number format", description: "The ID number submitted was of an invalid format. Please use our regex samples as a guide.", pageCategory: "-", notes: [shared5]),
        .init(code: "1015", table: T.basicKYC, text: "Error - Queried Database Unavailable", description: "The ID authority is unavailable.", pageCategory: "-", notes: [shared5]),
        .init(code: "1016", table: T.basicKYC, text: "Error - Need to Activate Product", description: "You do not have access to the ID Type. Please contact support for more information.", pageCategory: "-", notes: [shared5]),
        .init(code: "1020", table: T.basicKYC, text: "Exact Match", description: "The user submitted details exactly match the ID info in the ID authority database.", pageCategory: "Approved"),
        .init(code: "1021", table: T.basicKYC, text: "Partial Match", description: "At least one of the user submitted details partially/exactly match the ID info in the ID authority database.", pageCategory: "Approved"),
        .init(code: "1022", table: T.basicKYC, text: "No Match", description: "None of the user submitted details partially/exactly match the ID info in the ID authority database.", pageCategory: "Rejected"),
        .init(code: "1023", table: T.basicKYC, text: "Not Found", description: "We couldn't find a matching record, and no charges were applied.", pageCategory: "Rejected"),
        // Table C: Enhanced KYC (job type 5).
        .init(code: "1012", table: T.enhancedKYC, text: "Valid ID", description: "", pageCategory: "Approved"),
        .init(code: "1013", table: T.enhancedKYC, text: "Unable to Validate ID", description: "The ID info was not found in the ID authority database.", pageCategory: "Rejected", notes: [shared5]),
        .init(code: "1014", table: T.enhancedKYC, text: "Error - Unsupported ID number format", description: "The ID number submitted was of an invalid format. Please use our regex samples as a guide.", pageCategory: "-", notes: [shared5]),
        .init(code: "1015", table: T.enhancedKYC, text: "Error - Queried Database Unavailable", description: "The ID authority is unavailable.", pageCategory: "-", notes: [shared5]),
        .init(code: "1016", table: T.enhancedKYC, text: "Error - Need to Activate Product", description: "You do not have access to the ID Type. Please contact support for more information.", pageCategory: "-", notes: [shared5]),
        .init(code: "2211", table: T.enhancedKYC, text: "(Mobile SDK Only) ID Validation Failed", description: "", pageCategory: "Rejected"),
        .init(code: "2212", table: T.enhancedKYC, text: "(Mobile SDK Only) Error - HTTP Request Failed", description: "", pageCategory: "-"),
        // Table D: Biometric KYC (job type 1).
        .init(code: "1013", table: T.biometricKYC, text: "Invalid ID", description: "The ID info provided was not found in the ID authority database.", pageCategory: "Rejected"),
        .init(code: "1014", table: T.biometricKYC, text: "Unsupported ID number format", description: "The ID number submitted was of an invalid format. Please use our regex samples as a guide.", pageCategory: "Rejected"),
        .init(code: "1015", table: T.biometricKYC, text: "Error - Queried Database Unavailable", description: "The ID authority is unavailable.", pageCategory: "Re-run the job when ID authority is back online"),
        .init(code: "0911", table: T.biometricKYC, text: "No Face Found", description: "There was no face found in the uploaded selfie. Upload an image with a face.", pageCategory: "Rejected"),
        .init(code: "0912", table: T.biometricKYC, text: "Image Quality Judged Too Poor", description: "The uploaded selfie quality was too poor. Upload a higher quality selfie.", pageCategory: "Rejected"),
        .init(code: "0810", table: T.biometricKYC, text: "Enroll User Machine Judgement - PASS", description: "Images matched and no spoof detected on the selfie.", pageCategory: "Approved"),
        .init(code: "0811", table: T.biometricKYC, text: "Failed Enroll Machine Judgement - FAIL - Compare Rejected", description: "Images did not match and job was therefore rejected.", pageCategory: "Rejected"),
        .init(code: "0812", table: T.biometricKYC, text: "Machine Judgement - Pure Provisional", description: "Waiting on document reviewer's decision.", pageCategory: "Provisionally Approved"),
        .init(code: "0813", table: T.biometricKYC, text: "Failed Enroll Machine Judgement - FAIL, Possible Spoof", description: "Machine rejected job due to possible fraud attempt on the Selfie - This can be fraud attempt or some times images are too blurry or dark in the liveness check to make a decision.", pageCategory: "Rejected"),
        .init(code: "0814", table: T.biometricKYC, text: "Machine Judgement - Provisional - Possible Spoof", description: "The machine thinks there is a possible spoof but can't make a final decision. A document reviewer will check the Selfie for potential fraud attempts.", pageCategory: "Suspected for spoof and sent to document reviewer for final decision"),
        .init(code: "0815", table: T.biometricKYC, text: "Machine Judgement - Provisional - Compare Unsure", description: "The machine is not sure if both images match, so a document reviewer will compare.", pageCategory: "Provisionally Approved"),
        .init(code: "0816", table: T.biometricKYC, text: "Unable to verify Document - Unsupported Document", description: "Provided document is not supported for KYC i.e. document is one of the following: - Minor's Passport - Carry Permit - Hunting Permit - Sex Offender ID - SIM Card", pageCategory: "Rejected", notes: [documentWording]),
        .init(code: "0817", table: T.biometricKYC, text: "Approved with Attention - Document is Expired", description: "The document is expired but didn't fail any security checks.", pageCategory: "Approved with Attention", notes: [documentWording]),
        .init(code: "1210", table: T.biometricKYC, text: "Enroll User. Human Judgement - PASS", description: "The human reviewer marked that both images are of the same person and no spoof was detected.", pageCategory: "Approved"),
        .init(code: "1211", table: T.biometricKYC, text: "Failed Enroll Human Judgement - FAIL - Human Compare Failed", description: "The human reviewer marked that both images are different persons.", pageCategory: "Rejected"),
        .init(code: "1212", table: T.biometricKYC, text: "Failed Enroll. Human Judgement - Spoof Detected", description: "The human reviewer detected a possible fraud attempt on the Selfie - This can be a fraud attempt or some times images are too blurry or dark in the liveness check to make a decision.", pageCategory: "Rejected"),
        .init(code: "1213", table: T.biometricKYC, text: "Human Judgement - Provisional - Liveliness Unsure", description: "The human reviewer is not sure if there is a possible fraud attempt on the Selfie.", pageCategory: "Inconclusive"),
        .init(code: "1214", table: T.biometricKYC, text: "Human Judgement - ID Card Check Failed", description: "The human reviewer has identified a problem with the ID card photo", pageCategory: "rejected"),
        .init(code: "0908", table: T.biometricKYC, text: "Error - Issuer not available", description: "The ID authority is unavailable.", pageCategory: "Re-run the job when ID authority is back online"),
        .init(code: "1016", table: T.biometricKYC, text: "Error - Need to Activate Product", description: "You do not have access to the ID Type. Please contact support for more information.", pageCategory: "", notes: [blankCategory]),
        // Table E: Document Verification (job types 6 and 11).
        .init(code: "0810", table: T.documentVerification, text: "Document Verified", description: "Images matched, no spoof was detected on Selfie and the document is valid.", pageCategory: "Approved", notes: [enhancedDocV]),
        .init(code: "0811", table: T.documentVerification, text: "Unable to Verify Document - reason", description: "Document image was usable but document verification failed due to any of the following reasons: - Document is expired - The selfie did not match the photo on document - Selfie failed liveness checks - Some security features were missing on the document - The information on document is inconsistent i.e. the MRZ information did not match the OCR'ed information - A wrong document type was uploaded", pageCategory: "Rejected", notes: [enhancedDocV]),
        .init(code: "0812", table: T.documentVerification, text: "Unable to verify Document - reason", description: "Document verification failed because the document image is unusable or an invalid document image was uploaded e.g. work ID card", pageCategory: "Rejected", notes: [enhancedDocV]),
        .init(code: "1014", table: T.documentVerification, text: "Unsupported ID Type", description: "", pageCategory: "Rejected", notes: [enhancedDocV]),
        // Table F: SmartSelfie Authentication (job type 2).
        .init(code: "0921", table: T.smartSelfieAuthentication, text: "FAIL - No Face Found", description: "There was no face found in the uploaded selfie. Upload an image with a face.", pageCategory: "Rejected"),
        .init(code: "0922", table: T.smartSelfieAuthentication, text: "FAIL - Image Quality Judged Too Poor", description: "The uploaded selfie quality was too poor. Upload a higher quality selfie.", pageCategory: "Rejected"),
        .init(code: "0820", table: T.smartSelfieAuthentication, text: "Authenticate User Machine Judgement - PASS", description: "Comparison between the images matched.", pageCategory: "Approved"),
        .init(code: "0821", table: T.smartSelfieAuthentication, text: "Failed Authentication Machine Judgement - FAIL - COMPARISON", description: "Images did not match and therefore job was rejected.", pageCategory: "Rejected"),
        .init(code: "0822", table: T.smartSelfieAuthentication, text: "Machine Judgement - PURE PROVISIONAL", description: "Waiting on document reviewer's decision.", pageCategory: "Provisionally Approved"),
        .init(code: "0823", table: T.smartSelfieAuthentication, text: "Failed Authentication Machine Judgement - FAIL - Possible Spoof", description: "Machine rejected job due to possible fraud attempt on the Selfie - This can be fraud attempt or some times images are too blurry or dark in the liveness check to make a decision.", pageCategory: "Rejected", deprecated: true),
        .init(code: "0824", table: T.smartSelfieAuthentication, text: "Machine Judgement - PROVISIONAL - Possible Spoof", description: "The machine thinks there is a possible spoof but can't make a final decision. A document reviewer will check the Selfie for potential fraud attempts.", pageCategory: "Suspected for spoof and sent to document reviewer for final decision"),
        .init(code: "0825", table: T.smartSelfieAuthentication, text: "Machine Judgement - PROVISIONAL - Machine Compare Unsure", description: "The machine is not sure if both images match, so a document reviewer will compare.", pageCategory: "Provisionally Approved"),
        .init(code: "1220", table: T.smartSelfieAuthentication, text: "Authenticate User Human Judgement - PASS", description: "The document reviewer marked that both images are of the same person.", pageCategory: "Approved"),
        .init(code: "1221", table: T.smartSelfieAuthentication, text: "Failed Authentication Human Judgement - FAIL - Human Compare Failed", description: "The document reviewer marked that both images are different persons.", pageCategory: "Rejected"),
        .init(code: "1222", table: T.smartSelfieAuthentication, text: "Failed Authentication Human Judgement - FAIL - Spoof Detected", description: "The document reviewer detected a possible fraud attempt on the Selfie - This can be a fraud attempt or some times images are too blurry or dark in the liveness check to make a decision.", pageCategory: "Rejected"),
        // Table G: SmartSelfie Enrollment (job type 4).
        .init(code: "0941", table: T.smartSelfieEnrollment, text: "FAIL - No Face Found", description: "There was no face found in the uploaded selfie. Upload an image with a face.", pageCategory: "Rejected"),
        .init(code: "0942", table: T.smartSelfieEnrollment, text: "FAIL - Image Quality Judged Too Poor", description: "The uploaded selfie quality was too poor. Upload a higher quality selfie.", pageCategory: "Rejected"),
        .init(code: "0840", table: T.smartSelfieEnrollment, text: "Enroll User PASS - Machine Judgement", description: "Machine passed Selfie - no spoof detected and image contains a face.", pageCategory: "Approved"),
        .init(code: "0841", table: T.smartSelfieEnrollment, text: "Failed Enroll FAIL - Possible Spoof - Machine Judgement", description: "Machine rejected job due to possible fraud attempt on the Selfie.", pageCategory: "Rejected"),
        .init(code: "0844", table: T.smartSelfieEnrollment, text: "PROVISIONAL - Possible Spoof - Machine Judgement", description: "The machine thinks there is a possible spoof but can't make a final decision. A document reviewer will check the Selfie for potential fraud attempts.", pageCategory: "Suspected for spoof and sent to document reviewer for final decision"),
        .init(code: "0846", table: T.smartSelfieEnrollment, text: "PENDING - Possible Spoof - Machine Judgement", description: "Awaiting document review result.", pageCategory: "Pending", deprecated: true),
        .init(code: "1240", table: T.smartSelfieEnrollment, text: "Enroll User PASS - Human Judgement", description: "The document reviewer did not find any fraud attempts on the Selfie.", pageCategory: "Approved"),
        .init(code: "1241", table: T.smartSelfieEnrollment, text: "Failed Enroll. FAIL - Image Unusable", description: "The document reviewer marked the Selfie as unusable either because the Selfie is too dark or too blurry", pageCategory: "Rejected"),
        .init(code: "1242", table: T.smartSelfieEnrollment, text: "Failed Enroll Spoof detected - Human Judgement", description: "The document reviewer detected a possible fraud attempt on the Selfie - This can be a fraud attempt or some times images are too blurry or dark in the liveness check to make a decision.", pageCategory: "Rejected"),
        // Smile Secure page (no category column: clear, investigate, error).
        .init(code: "5210", table: T.smileSecure, text: "No Suspect Users Found", description: "Our Smile Secure algorithms ran over the job and were unable to identify related users.", pageCategory: "", category: .approved, notes: [secureProducts, "Clear: no related users."]),
        .init(code: "5211", table: T.smileSecure, text: "Suspect Users Found", description: "Our algorithms identified related users that should be investigated.", pageCategory: "", category: .review, notes: [secureProducts, "Suspects to investigate: see Antifraud.SuspectUsers."]),
        .init(code: "5212", table: T.smileSecure, text: "System Error", description: "We were not able to run Smile Secure on this job.", pageCategory: "", category: .error, notes: [secureProducts]),
        // Seen in Smile ID's published payloads, not on the page.
        .init(code: "1012", table: T.observed, text: "Business Verified", description: "The business was found in the registry and its information returned.", pageCategory: "", category: .approved, notes: ["Business Verification (job type 7) returns 1012 \"Business Verified\" in Smile ID's published payloads; the result-code page has no Business Verification table."]),
    ]
}
