#!/usr/bin/env python3
"""Writes smile-triage's fixtures, deterministically, and an independent account of them.

    python3 scripts/make-fixtures.py   # rewrites Fixtures/demo, Fixtures/catalogue, Fixtures/bad
                                       # and Tests/Expected/summary-*.json

The expected summary is computed here, from what this script chose to write (and, for the
published samples, from what they say), not by smile-triage: a test compares the two.

Demo records are signed the way Smile ID signs callbacks, with a demo key that is not a
secret: partner id 2001, API key `demo-api-key-do-not-use` (see docs/testing.md).
"""
import base64
import gzip
import hashlib
import hmac
import json
import os
import random
from collections import Counter
from datetime import datetime, timedelta, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "Fixtures")
PARTNER_ID = "2001"
API_KEY = b"demo-api-key-do-not-use"
DAY = datetime(2026, 11, 24, 6, 0, 0, tzinfo=timezone.utc)

CATEGORY_OF_WORDING = {
    "Approved": "approved", "Rejected": "rejected", "rejected": "rejected",
    "Provisionally Approved": "provisional", "Approved with Attention": "approved-with-attention",
    "Suspected for spoof and sent to document reviewer for final decision": "review",
    "Inconclusive": "inconclusive", "Pending": "pending",
    "Re-run the job when ID authority is back online": "retry", "-": "error", "": "error",
}
# A job with only its Smile Secure callback has no verdict yet: the Smile Secure state stands
# beside the job's result, never as it (5210 clear is not an approval).
SECURE_ONLY_CATEGORY = "pending"
SECURE_VERDICT = {"5210": "clear", "5211": "suspects", "5212": "error"}
PRODUCT_OF_JOB_TYPE = {1: "Biometric KYC", 2: "SmartSelfie Authentication", 4: "SmartSelfie Enrollment",
                       6: "Document Verification", 7: "Business Verification", 10: "AML Check",
                       11: "Enhanced Document Verification"}


def page_rows():
    rows = []
    with open(os.path.join(ROOT, "docs/sources/result-codes-page.tsv")) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#") or line.startswith("table\t"):
                continue
            table, product, job_types, code, deprecated, text, description, category = line.split("\t")
            rows.append(dict(table=table, product=product, job_types=[int(t) for t in job_types.split(",") if t],
                             code=code, text=text, description=description, category=category))
    return rows


ROWS = page_rows()

# Meanings no table of the page lists, as Smile ID's own payloads and SDKs show them
# (docs/catalogue-sources.md): 1012 is the ID-authority step on Biometric KYC and Enhanced
# Document Verification (no verdict yet: pending), Business Verification's "Business
# Verified", and AML Check's 1030 "Found on list" (a person must review it).
OBSERVED = [
    dict(table="O", product="Biometric KYC", job_types=[1], code="1012", text="ID Validated", description="", category="", fixed="pending"),
    dict(table="O", product="Enhanced Document Verification", job_types=[11], code="1012", text="ID Validated", description="", category="", fixed="pending"),
    dict(table="O", product="Business Verification", job_types=[7], code="1012", text="Business Verified", description="", category="", fixed="approved"),
    dict(table="O", product="AML Check", job_types=[10], code="1030", text="Found on list", description="", category="", fixed="review"),
]


def meanings(code, job_type):
    """Rows that apply to a job type: its product's tables, and table A (any product)."""
    return [r for r in ROWS + OBSERVED if r["code"] == code and r["table"] != "S" and (not r["job_types"] or job_type in r["job_types"])]


def category_for(code, job_type):
    cats = {r.get("fixed") or CATEGORY_OF_WORDING[r["category"]] for r in meanings(code, job_type)}
    return cats.pop() if len(cats) == 1 else "unknown"


def product_for(code, job_type):
    if job_type == 5:
        tables = {r["table"] for r in meanings(code, 5) if r["table"] in "BC"}
        if tables == {"B"}:
            return "Basic KYC"
        if tables == {"C"}:
            return "Enhanced KYC"
        return "Enhanced KYC/Basic KYC"
    return PRODUCT_OF_JOB_TYPE[job_type]


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def sign(timestamp):
    message = (timestamp + PARTNER_ID + "sid_request").encode()
    return base64.b64encode(hmac.new(API_KEY, message, hashlib.sha256).digest()).decode()


def text_of(code, job_type):
    found = meanings(code, job_type)
    return found[0]["text"] if found else "Unrecognised result"


ACTIONS = {
    1: ["Liveness_Check", "Register_Selfie", "Selfie_Provided", "Verify_ID_Number", "Human_Review_Compare",
        "Return_Personal_Info", "Selfie_To_ID_Authority_Compare", "Human_Review_Liveness_Check"],
    2: ["Liveness_Check", "Selfie_To_Registered_Selfie_Compare", "Human_Review_Compare", "Human_Review_Liveness_Check"],
    4: ["Liveness_Check", "Register_Selfie", "Selfie_Provided", "Human_Review_Liveness_Check"],
    5: ["Verify_ID_Number", "Return_Personal_Info"],
    6: ["Liveness_Check", "Register_Selfie", "Verify_Document", "Document_Check", "Human_Review_Compare",
        "Return_Personal_Info", "Selfie_To_ID_Card_Compare", "Human_Review_Liveness_Check"],
    7: ["Verify_Business", "Return_Business_Info"],
    11: ["Liveness_Check", "Verify_Document", "Verify_ID_Number", "Return_Personal_Info", "Selfie_To_ID_Card_Compare"],
}


def actions_for(job_type, category, rng):
    passed = {"Liveness_Check": "Passed", "Register_Selfie": "Approved", "Selfie_Provided": "Passed",
              "Verify_ID_Number": "Verified", "Human_Review_Compare": "Not Applicable", "Return_Personal_Info": "Returned",
              "Selfie_To_ID_Authority_Compare": "Completed", "Human_Review_Liveness_Check": "Not Applicable",
              "Selfie_To_Registered_Selfie_Compare": "Completed", "Verify_Document": "Passed", "Document_Check": "Passed",
              "Selfie_To_ID_Card_Compare": "Completed", "Verify_Business": "Verified", "Return_Business_Info": "Returned"}
    actions = {k: passed[k] for k in ACTIONS[job_type]}
    keys = list(actions)
    if category == "rejected":
        actions[rng.choice(keys)] = rng.choice(["Failed", "Rejected", "Not Verified"])
    elif category == "review":
        for k in keys:
            if k.startswith("Human_Review") or k == "Liveness_Check":
                actions[k] = "Under Review"
    elif category in ("provisional", "inconclusive"):
        actions[keys[-1]] = rng.choice(["Sent to Human Review", "Unable To Determine"])
    elif category in ("retry", "error"):
        for k in keys:
            if k in ("Verify_ID_Number", "Return_Personal_Info"):
                actions[k] = "Issuer Unavailable" if category == "retry" else "Not Done"
    return actions


FIRST = ["Adaeze", "Babajide", "Chiamaka", "Dayo", "Efua", "Femi", "Gifty", "Halima", "Ifeanyi", "Jomo", "Kwame",
         "Lerato", "Musa", "Nneka", "Olamide", "Precious", "Rukayat", "Sipho", "Tendai", "Uche", "Wanjiru", "Yaw", "Zainab"]
LAST = ["Okafor", "Adeyemi", "Mensah", "Kamau", "Otieno", "Nwosu", "Boateng", "Dlamini", "Abubakar", "Mwangi",
        "Owusu", "Chukwu", "Ndlovu", "Bello", "Achieng"]
COUNTRY_IDS = [("NG", "NIN_V2"), ("NG", "BVN"), ("NG", "PASSPORT"), ("KE", "NATIONAL_ID"), ("GH", "GHANA_CARD"),
               ("ZA", "NATIONAL_ID"), ("NG", "DRIVERS_LICENSE"), ("KE", "PASSPORT")]


class Writer:
    """Writes callbacks and keeps the independent account of what they mean."""

    def __init__(self):
        self.jobs = {}  # smile job id -> dict(category, product, code, secure)
        self.records = 0

    def callback(self, rng, smile_id, user_id, job_type, code, when, person=None, text=None):
        person = person or make_person(rng)
        category = category_for(code, job_type)
        record = {
            "Actions": actions_for(job_type, category, rng),
            "ConfidenceValue": str(rng.choice([99, 100, 97, 62, 40])) if job_type != 5 else "100",
            "Country": person["country"], "DOB": person["dob"], "ExpirationDate": person["expiry"],
            "FullName": person["name"], "Gender": person["gender"], "IDNumber": person["id_number"],
            "IDType": person["id_type"], "IsFinalResult": "true", "IsMachineResult": "true",
            "PartnerParams": {"job_id": f"kw-{smile_id[-6:]}", "job_type": job_type, "user_id": user_id,
                              "channel": rng.choice(["android", "ios", "web"])},
            "ResultCode": code, "ResultText": text or text_of(code, job_type),
            "ResultType": {1: "SAIA", 2: "DIVA", 4: "SAIA", 5: "ID Verification", 6: "Document Verification",
                           7: "Business Verification", 11: "Document Verification"}[job_type],
            "SmileJobID": smile_id, "Source": rng.choice(["WebAPI", "Mobile", "Smile Links"]),
            "timestamp": iso(when),
        }
        if job_type == 7:
            for key in ("DOB", "ExpirationDate", "Gender", "FullName"):
                record.pop(key)
            record["company_information"] = {"legal_name": person["name"].upper() + " VENTURES LIMITED",
                                             "registration_number": "RC" + person["id_number"][-6:], "status": "ACTIVE"}
        record["signature"] = sign(record["timestamp"])
        self.records += 1
        self.jobs[smile_id] = dict(category=category, product=product_for(code, job_type), code=code,
                                   secure="none", user=user_id)
        return record

    def secure(self, smile_id, user_id, job_type, code, suspects, when):
        texts = {"5210": "No Suspect Users Found", "5211": "Suspect Users Found", "5212": "System Error"}
        record = {
            "Antifraud": {"SuspectUsers": [{"user_id": u, "reason": r} for u, r in suspects]},
            "ResultCode": code, "ResultText": texts[code],
            "PartnerParams": {"job_id": f"kw-{smile_id[-6:]}", "job_type": str(job_type), "user_id": user_id},
            "SmileJobID": smile_id, "timestamp": iso(when),
        }
        record["signature"] = sign(record["timestamp"])
        self.records += 1
        job = self.jobs.setdefault(smile_id, dict(category=SECURE_ONLY_CATEGORY, product=PRODUCT_OF_JOB_TYPE.get(job_type),
                                                  code=code, secure="none", user=user_id))
        job["secure"] = SECURE_VERDICT[code]
        return record


def make_person(rng):
    country, id_type = rng.choice(COUNTRY_IDS)
    return dict(name=f"{rng.choice(FIRST)} {rng.choice(LAST)}", country=country, id_type=id_type,
                id_number=str(rng.randrange(10**10, 10**11)), dob=f"{rng.randrange(1960, 2005)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
                expiry=f"{rng.randrange(2024, 2034)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
                gender=rng.choice(["M", "F"]))


def write_ndjson(path, records):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")


def write_json(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(value, f, ensure_ascii=False, indent=2)
        f.write("\n")


# ---------------------------------------------------------------------------------------------
# Fixtures/demo: one day at Kobo Wallet, a made-up fintech, for a first look.
# ---------------------------------------------------------------------------------------------

def make_demo(writer):
    rng = random.Random(20261124)
    demo = os.path.join(FIX, "demo")
    callbacks = []
    # (job type, code, how many)
    plan = [(1, "0810", 6), (1, "1210", 3), (1, "0811", 2), (1, "0813", 1), (1, "0814", 2), (1, "0812", 1),
            (1, "0815", 1), (1, "1213", 1), (1, "0817", 1), (1, "0908", 1), (1, "1015", 1), (1, "0911", 1),
            (6, "0810", 5), (6, "0811", 2), (6, "0812", 1), (11, "0810", 2), (11, "0811", 1),
            (2, "0820", 3), (2, "1220", 1), (2, "0821", 1), (2, "0824", 1), (2, "0825", 1),
            (4, "0840", 3), (4, "0844", 1), (4, "0846", 1), (4, "1241", 1),
            (5, "1012", 4), (5, "1020", 1), (5, "1022", 1), (5, "1013", 1), (5, "1014", 1),
            (7, "1012", 1), (1, "0001", 1), (6, "0999", 1)]
    slots = [(jt, code) for jt, code, n in plan for _ in range(n)]
    rng.shuffle(slots)
    people = {}
    secure_jobs = []
    for index, (job_type, code) in enumerate(slots):
        smile_id = f"{2_001_000 + index:010d}"
        user_id = f"kw-user-{1000 + index}"
        when = DAY + timedelta(minutes=13 * index + rng.randrange(0, 12), seconds=rng.randrange(60), milliseconds=rng.randrange(1000))
        person = make_person(rng)
        people[user_id] = person
        text = "Business Verified" if job_type == 7 else ("Unrecognised result" if code == "0999" else None)
        record = writer.callback(rng, smile_id, user_id, job_type, code, when, person, text)
        callbacks.append(record)
        if job_type in (1, 2, 6):
            secure_jobs.append((smile_id, user_id, job_type, when))

    # A ring of four users who are one person, a pair, and a suspect not in the day's data.
    ring = [secure_jobs[i] for i in (2, 5, 9, 14)]
    pair = [secure_jobs[i] for i in (20, 24)]
    secure = []
    linked = {}
    for a, b in zip(ring, ring[1:]):
        linked.setdefault(a[0], []).append((b[1], "same-person"))
    linked.setdefault(ring[3][0], []).append((ring[0][1], "same-person"))
    linked.setdefault(pair[0][0], []).append((pair[1][1], "same-person"))
    linked.setdefault(secure_jobs[30][0], []).append(("kw-user-0042", "same-person"))
    for position, (smile_id, user_id, job_type, when) in enumerate(secure_jobs):
        suspects = linked.get(smile_id)
        code = "5211" if suspects else ("5212" if position in (7, 19) else "5210")
        secure.append(writer.secure(smile_id, user_id, job_type, code, suspects or [], when + timedelta(seconds=40)))
    write_ndjson(os.path.join(demo, "callbacks-2026-11-24.ndjson"), callbacks)
    write_ndjson(os.path.join(demo, "smile-secure-2026-11-24.ndjson"), secure)

    # Job-status responses: a machine judgement, then a human review, in history.
    status = []
    reviews = [(1, "0814", "1210"), (1, "0815", "1211"), (2, "0824", "1222"), (6, "0811", "0810")]
    for index, (job_type, machine, human) in enumerate(reviews):
        smile_id = f"{2_002_000 + index:010d}"
        user_id = f"kw-user-{3000 + index}"
        when = DAY + timedelta(hours=2 + 3 * index, minutes=rng.randrange(60))
        first = writer.callback(rng, smile_id, user_id, job_type, machine, when)
        second = writer.callback(rng, smile_id, user_id, job_type, human, when + timedelta(hours=1, minutes=7))
        first.pop("signature"); second.pop("signature")
        second["IsMachineResult"] = "false"
        response = {"timestamp": second["timestamp"], "signature": sign(second["timestamp"]), "job_complete": True,
                    "job_success": True, "code": "2302", "result": second, "history": [first, second],
                    "image_links": {"selfie_image": f"https://example.invalid/{smile_id}/selfie.jpg"}}
        writer.records += 1  # the history repeats the result: one more record read, no new result
        status.append((smile_id, response))
    pending_id = f"{2_002_010:010d}"
    pending = {"timestamp": iso(DAY + timedelta(hours=15)), "signature": sign(iso(DAY + timedelta(hours=15))),
               "job_complete": False, "job_success": False, "code": "2302",
               "result": {"SmileJobID": pending_id, "PartnerParams": {"job_id": "kw-pending-1", "user_id": "kw-user-4000", "job_type": 6},
                          "ResultText": "", "IsFinalResult": "false"}}
    writer.records += 1
    writer.jobs[pending_id] = dict(category="pending", product="Document Verification", code=None, secure="none", user="kw-user-4000")
    status.append((pending_id, pending))
    for smile_id, response in status:
        write_json(os.path.join(demo, "job-status", f"{smile_id}.json"), response)


# ---------------------------------------------------------------------------------------------
# Fixtures/catalogue: every row of the result-code page once, on its product.
# ---------------------------------------------------------------------------------------------

def make_catalogue(writer):
    rng = random.Random(7)
    records = []
    for index, row in enumerate(ROWS):
        smile_id = f"{3_000_000 + index:010d}"
        user_id = f"cat-user-{index}"
        when = DAY + timedelta(minutes=index)
        if row["table"] == "S":
            suspects = [("cat-user-0", "same-person")] if row["code"] == "5211" else []
            records.append(writer.secure(smile_id, user_id, 1, row["code"], suspects, when))
            continue
        job_type = row["job_types"][0] if row["job_types"] else 1
        records.append(writer.callback(rng, smile_id, user_id, job_type, row["code"], when, text=row["text"]))
    write_ndjson(os.path.join(FIX, "catalogue", "every-code.ndjson"), records)


# ---------------------------------------------------------------------------------------------
# Fixtures/bad: what real files do wrong. Each file's expected problems are listed here.
# ---------------------------------------------------------------------------------------------

def make_bad(writer, problems):
    rng = random.Random(3)
    bad = os.path.join(FIX, "bad")
    os.makedirs(bad, exist_ok=True)

    def good(index, code="0810", job_type=6):
        return writer.callback(rng, f"{4_000_000 + index:010d}", f"bad-user-{index}", job_type, code, DAY + timedelta(minutes=index))

    def lost(index):
        """A record written cut short: not a job, and not a record read."""
        record = good(index)
        del writer.jobs[record["SmileJobID"]]
        writer.records -= 1
        return record

    def line(record):
        return json.dumps(record, separators=(",", ":"))

    with open(os.path.join(bad, "mixed-lines.ndjson"), "w") as f:
        f.write(line(good(1)) + "\n")
        f.write('{"SmileJobID": "0004000099", "ResultCode": oops}\n'); problems.append("syntax")
        f.write(line(good(2, "0811")) + "\n")
        f.write('{"hello": "not a callback"}\n'); problems.append("notARecord")
        f.write(line(good(3, "0812")) + "\n")
        f.write(line(lost(4))[:57] + "\n"); problems.append("truncated")
        f.write(line(good(5, "0811")) + "\n")
    with open(os.path.join(bad, "truncated-last-line.ndjson"), "w") as f:
        f.write(line(good(6)) + "\n")
        f.write(line(lost(7))[:80]); problems.append("truncated")
    open(os.path.join(bad, "empty.json"), "w").close(); problems.append("empty")
    with open(os.path.join(bad, "not-json.json"), "w") as f:
        f.write("This is the weekly report. Jobs are attached as a spreadsheet.\nThanks!\n"); problems.append("syntax")
    with open(os.path.join(bad, "binary.json"), "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))); problems.append("binary")
    with open(os.path.join(bad, "deep-nesting.json"), "w") as f:
        f.write('{"SmileJobID":"0004000098","Extra":' + "[" * 10000 + "]" * 10000 + "}\n"); problems.append("tooDeep")
    with open(os.path.join(bad, "trailing-commas.json"), "w") as f:
        text = json.dumps(good(8, "0810"), indent=2)
        f.write(text[:-2] + ',\n}\n')  # a trailing comma, as published payloads carry
    with open(os.path.join(bad, "wrong-types.ndjson"), "w") as f:
        record = good(9, "0811")
        record["ResultCode"] = 811  # a number: read as "0811"
        record["PartnerParams"]["job_type"] = "6"
        record["timestamp"] = int(datetime(2026, 11, 24, 7, tzinfo=timezone.utc).timestamp() * 1000)
        f.write(line(record) + "\n")
        record = good(10, "0810")
        record["FullName"] = {"first": "A", "last": "B"}  # an object where text belongs: set aside, still loads
        f.write(line(record) + "\n")
    with open(os.path.join(bad, "error-body.json"), "w") as f:
        f.write('{"error": "You\'re not authorized to do that", "code": "2205"}\n')
    # Counted here: the error body is a request error, not a problem.
    make_real_world(writer, bad)


def make_real_world(writer, bad):
    """What ordinary data and ordinary people do (issue 12): long text in every script, one
    job polled a thousand times, user ids that try to run a command when pasted, cells a
    spreadsheet would run, a Smile Secure callback naming thousands, records with no ids."""
    def job(smile_id, code, job_type, category, product, user=None, secure="none"):
        writer.jobs[smile_id] = dict(category=category, product=product, code=code, secure=secure, user=user)

    # Over 4 KB in bytes and within 4,096 characters: the size that overflowed the stack.
    units = ["é", "ሰላም", "مرحبا", "नमस्ते", "Adébáyọ̀ ", "Ƙasa ɗan ", "👩🏾‍💻", "e\u0301\u0302"]
    with open(os.path.join(bad, "long-text.ndjson"), "w") as f:
        for index, unit in enumerate(units):
            text = unit * (4200 // len(unit.encode()) + 5)
            smile_id = f"{7_000_000 + index:010d}"
            f.write(json.dumps({"SmileJobID": smile_id, "ResultCode": "0810", "ResultText": text, "FullName": text,
                                "Address": text, "PartnerParams": {"job_id": f"lt-{index}", "user_id": text, "job_type": 6},
                                "timestamp": iso(DAY + timedelta(minutes=index))}, ensure_ascii=False) + "\n")
            writer.records += 1
            job(smile_id, "0810", 6, "approved", "Document Verification")

    # One job polled a thousand times: pending, then the final human judgement, then more polls.
    with open(os.path.join(bad, "one-job-many-polls.ndjson"), "w") as f:
        for poll in range(1000):
            final = poll >= 600
            result = {"SmileJobID": "0007000100", "ResultCode": "1210" if final else "0814",
                      "ResultText": "Enroll User" if final else "Provisional Enroll - Under Review",
                      "IsFinalResult": "true" if final else "false",
                      "PartnerParams": {"job_id": "polled-1", "user_id": "polled-user", "job_type": 1}}
            f.write(json.dumps({"job_complete": final, "job_success": final, "code": "2302",
                                "timestamp": iso(DAY + timedelta(seconds=30 * poll)), "result": result}) + "\n")
            writer.records += 1
        job("0007000100", "1210", 1, "approved", "Biometric KYC")

    # User ids and texts that try to act when pasted (bracketed paste's end, a line break, a
    # command) or when opened in a spreadsheet (a formula behind `;`, `=`, `+`, `@`).
    traps = ["kw-user-1\u001b[201~\nrm -rf ~\n", "=HYPERLINK(\"http://evil.invalid\",\"x\")", "x;=2+5", "+cmd|' /C calc'!A0",
             "@SUM(1+1)*cmd", "\t=1+1", "\r=1+1"]
    with open(os.path.join(bad, "paste-and-formula-traps.ndjson"), "w") as f:
        for index, trap in enumerate(traps):
            smile_id = f"{7_000_200 + index:010d}"
            f.write(json.dumps({"SmileJobID": smile_id, "ResultCode": "0811", "ResultText": trap, "FullName": trap,
                                "PartnerParams": {"job_id": trap, "user_id": trap, "job_type": 6},
                                "timestamp": iso(DAY + timedelta(minutes=index))}) + "\n")
            writer.records += 1
            job(smile_id, "0811", 6, "rejected", "Document Verification")

    # A Smile Secure callback naming 5,000 users: 1,000 are kept, the rest counted.
    with open(os.path.join(bad, "many-suspects.ndjson"), "w") as f:
        f.write(json.dumps({"SmileJobID": "0007000300", "ResultCode": "0810", "ResultText": "Enroll User Machine Judgement - PASS",
                            "PartnerParams": {"job_id": "ms-1", "user_id": "many-suspects-user", "job_type": 1},
                            "timestamp": iso(DAY)}) + "\n")
        f.write(json.dumps({"SmileJobID": "0007000300", "ResultCode": "5211", "ResultText": "Suspect Users Found",
                            "Antifraud": {"SuspectUsers": [{"user_id": f"suspect-{n}", "reason": "same-person"} for n in range(5000)]},
                            "PartnerParams": {"job_id": "ms-1", "user_id": "many-suspects-user", "job_type": "1"},
                            "timestamp": iso(DAY + timedelta(seconds=40))}) + "\n")
        writer.records += 2
        job("0007000300", "0810", 1, "approved", "Biometric KYC", secure="suspects")

    # Records that name no job: keyed by their content; the same one twice is one job.
    no_ids = [{"ResultCode": "0811", "ResultText": "Unable to Verify Document - reason", "PartnerParams": {"user_id": "no-id-1", "job_type": 6}},
              {"ResultCode": "0810", "ResultText": "Document Verified", "PartnerParams": {"user_id": "no-id-2", "job_type": 6}}]
    with open(os.path.join(bad, "no-ids.ndjson"), "w") as f:
        for record in no_ids + no_ids[:1]:
            f.write(json.dumps(record) + "\n")
            writer.records += 1
    writer.jobs["content-a"] = dict(category="rejected", product="Document Verification", code="0811", secure="none")
    writer.jobs["content-b"] = dict(category="approved", product="Document Verification", code="0810", secure="none")


def make_signed(writer):
    """Fixtures/signed: records signed with the demo key, some altered after signing.
    Tests/Expected/verify-signed.json lists what `verify` must say of each."""
    rng = random.Random(11)
    signed = os.path.join(FIX, "signed")
    os.makedirs(signed, exist_ok=True)
    records, expected = [], []
    for index in range(12):
        when = DAY + timedelta(minutes=7 * index)
        code = rng.choice(["0810", "0811"])
        record = {"SmileJobID": f"{5_000_100 + index:010d}", "ResultCode": code,
                  "ResultText": "signed fixture", "PartnerParams": {"job_id": f"sig-{index}", "user_id": f"sig-user-{index}",
                                                                   "job_type": 6}, "timestamp": iso(when)}
        record["signature"] = sign(record["timestamp"])
        state = "valid"
        if index == 3:   # the signature altered by one character
            record["signature"] = ("B" if record["signature"][0] == "A" else "A") + record["signature"][1:]
            state = "invalid"
        if index == 7:   # the timestamp altered after signing
            record["timestamp"] = iso(when + timedelta(seconds=1))
            state = "invalid"
        if index == 9:   # signed over an epoch-millisecond timestamp, kept as a number
            millis = int(when.timestamp() * 1000)
            record["timestamp"] = millis
            record["signature"] = sign(str(millis))
        if index == 10:  # a signature made with another key: forged
            record["signature"] = base64.b64encode(hmac.new(b"not-the-key", (record["timestamp"] + PARTNER_ID + "sid_request").encode(),
                                                            hashlib.sha256).digest()).decode()
            state = "invalid"
        if index == 11:  # no signature at all
            del record["signature"]
            state = "unsigned"
        records.append(record)
        expected.append({"line": index + 1, "smileJobId": record["SmileJobID"], "signature": state})
        writer.records += 1
        writer.jobs[record["SmileJobID"]] = dict(category=category_for(code, 6), product="Document Verification", code=code, secure="none")
    legacy = {"SmileJobID": "0005000199", "ResultCode": "1012", "PartnerParams": {"job_type": 5, "user_id": "sig-legacy"},
              "sec_key": "pjxsxEY69zEHjSPFvPEQTqu17vpZbw+zTNqa=|8faebe00b317654548f8b739dc631431b67d2d4e6ab65c6d53539aaad1600ac7",
              "timestamp": 1570698930193}
    records.append(legacy)
    expected.append({"line": len(records), "smileJobId": legacy["SmileJobID"], "signature": "legacy"})
    writer.records += 1
    writer.jobs[legacy["SmileJobID"]] = dict(category=category_for("1012", 5), product="Enhanced KYC", code="1012", secure="none")
    write_ndjson(os.path.join(signed, "callbacks.ndjson"), records)
    write_json(os.path.join(ROOT, "Tests", "Expected", "verify-signed.json"), expected)


HOSTILE = [
    "\x1b]0;pwned-title\x07",          # OSC: retitle the terminal
    "\x1b]52;c;ZXZpbCBjbGlwYm9hcmQ=\x07",  # OSC 52: fill the clipboard
    "\x1b[2J\x1b[H\x1b[31m",           # CSI: clear the screen, move home, red
    "\x1bP+q544e\x1b\\",                # DCS with its string terminator
    "\u009b31m\u009d0;c1-title\u009c",  # C1 CSI, OSC and ST
    "bell\x07back\x08space\rreturn\x7fdel\x00nul",
    "\u202eevil\u202c",                  # right-to-left override: reads as 'live'
    "zero\u200bwidth\u2066isolate\u2069\ufeffbom",
]


def make_hostile(writer, problems):
    """Fixtures/bad/hostile-*.ndjson: a payload that tries to act on the terminal, in every
    string field a screen shows. All of it must load and be shown inertly."""
    bad = os.path.join(FIX, "bad")
    records = []
    for index, attack in enumerate(HOSTILE):
        smile_id = f"{6_000_000 + index:010d}"
        record = {
            "SmileJobID": smile_id + attack, "ResultCode": "0811" if index % 2 else "0810", "ResultText": "Result " + attack,
            "PartnerParams": {"job_id": "job" + attack, "user_id": "user" + attack, "job_type": 6, "note" + attack: attack},
            "FullName": "Name " + attack, "Country": "NG" + attack, "IDType": "PASSPORT" + attack, "IDNumber": "A1" + attack,
            "Actions": {"Liveness_Check" + attack: "Passed" + attack, "Verify_Document": "Failed"},
            "Source": "WebAPI" + attack, "Extra" + attack: {"nested" + attack: attack},
            "timestamp": iso(DAY + timedelta(minutes=index)),
        }
        records.append(record)
        writer.records += 1
        writer.jobs[smile_id + attack] = dict(category="rejected" if index % 2 else "approved", product="Document Verification",
                                              code="0811" if index % 2 else "0810", secure="suspects" if index == 0 else "none")
    # A Smile Secure callback whose suspects carry the attacks.
    records.append({"Antifraud": {"SuspectUsers": [{"user_id": "suspect" + a, "reason": "same-person" + a} for a in HOSTILE]},
                    "ResultCode": "5211", "ResultText": "Suspect Users Found", "SmileJobID": f"{6_000_000:010d}" + HOSTILE[0],
                    "PartnerParams": {"job_type": "6", "user_id": "user" + HOSTILE[0]}, "timestamp": iso(DAY)})
    writer.records += 1
    with open(os.path.join(bad, "hostile-strings.ndjson"), "w") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=True, separators=(",", ":")) + "\n")
    # The same bytes raw: ESC and the rest unescaped inside strings, C1 as UTF-8, bytes that
    # are not UTF-8, a raw NUL. The reader accepts raw control characters inside strings
    # (noting them), so these load too.
    with open(os.path.join(bad, "hostile-raw.ndjson"), "wb") as f:
        for index, attack in enumerate(HOSTILE[:5]):
            smile_id = f"{6_000_100 + index:010d}"
            raw = attack.replace("\n", " ").replace("\\", "\\\\")  # a raw backslash would escape the quote
            line = ('{"SmileJobID":"%s","ResultCode":"0810","ResultText":"raw %s","PartnerParams":{"job_type":6,"user_id":"u%s"}}'
                    % (smile_id, raw, raw)).encode("utf-8")
            f.write(line + b"\n")
            writer.records += 1
            writer.jobs[smile_id] = dict(category="approved", product="Document Verification", code="0810", secure="none")
        smile_id = f"{6_000_200:010d}"
        f.write(b'{"SmileJobID":"' + smile_id.encode() + b'","ResultCode":"0810","FullName":"Ad\xe9\xff\xfeba\x00yo","PartnerParams":{"job_type":6}}\n')
        writer.records += 1
        writer.jobs[smile_id] = dict(category="approved", product="Document Verification", code="0810", secure="none")
    # Numbers where strings belong and back, duplicated keys.
    with open(os.path.join(bad, "types-and-duplicates.ndjson"), "w") as f:
        f.write('{"SmileJobID":6000300,"ResultCode":811,"ResultText":12345,"PartnerParams":{"job_type":"6","user_id":42,"job_id":true},"timestamp":"1795338000000","Country":7}\n')
        f.write('{"SmileJobID":"6000301","ResultCode":"0811","ResultCode":"0810","PartnerParams":{"job_type":6,"job_type":1},"Actions":{"A":1,"B":null,"C":["x"]}}\n')
        f.write('{"SmileJobID":"6000302","ResultCode":{"code":"0810"},"PartnerParams":"not an object","Actions":"not an object","timestamp":{"t":1}}\n')
    writer.records += 3
    writer.jobs["6000300"] = dict(category="rejected", product="Document Verification", code="0811", secure="none")
    writer.jobs["6000301"] = dict(category="approved", product="Biometric KYC", code="0810", secure="none")
    writer.jobs["6000302"] = dict(category="unknown", product="Unknown product", code=None, secure="none")
    # Bulk: a 10 MB value, and a 1.5 MB base64 photo, gzipped so the repository stays small.
    huge = {"SmileJobID": "6000400", "ResultCode": "0810", "ResultText": "A ten-megabyte comment follows",
            "PartnerParams": {"job_type": 6, "user_id": "bulk-user"}, "Comment": "A" * (10 * 1024 * 1024)}
    with gzip.GzipFile(os.path.join(bad, "huge-value.json.gz"), "wb", mtime=0) as f:
        f.write(json.dumps(huge).encode())
    writer.records += 1
    writer.jobs["6000400"] = dict(category="approved", product="Document Verification", code="0810", secure="none")
    photo = base64.b64encode(bytes(random.Random(5).getrandbits(8) for _ in range(1_125_000))).decode()
    ekyc = {"SmileJobID": "6000401", "ResultCode": "1012", "ResultText": "ID Number Validated", "PartnerParams": {"job_type": 5},
            "FullName": "Photo Holder", "Photo": photo, "timestamp": iso(DAY)}
    with gzip.GzipFile(os.path.join(bad, "big-photo.json.gz"), "wb", mtime=0) as f:
        f.write(json.dumps(ekyc).encode())
    writer.records += 1
    writer.jobs["6000401"] = dict(category="approved", product="Enhanced KYC", code="1012", secure="none")


def sample_expectations(writer):
    """What the published samples hold, as read by hand (see Fixtures/samples/README.md)."""
    samples = {
        "0000001897": dict(category="approved", product="SmartSelfie Enrollment", code=None, secure="none"),
        "0000000001": dict(category="approved", product="SmartSelfie Authentication", code="1220", secure="none"),
        "0000001111": dict(category="approved", product="Biometric KYC", code="0810", secure="none"),  # 03 and 04
        "0000001105": dict(category="approved", product="Enhanced KYC", code="1012", secure="none"),  # 05 and 06
        "0000001927": dict(category="approved", product="Business Verification", code="1012", secure="none"),
        # 09 (the ID-authority step 1012 on Biometric KYC: no verdict yet) and 12 (Smile Secure 5211)
        "0000056574": dict(category="pending", product="Biometric KYC", code="1012", secure="suspects"),
        "0000000046": dict(category="approved", product="Document Verification", code="0810", secure="none"),
        "sample-11": dict(category="error", product="Unknown product", code="2314", secure="none"),
        "sample-13": dict(category="pending", product="Unknown product", code=None, secure="none"),
        # 14: history lists 1210 (final, human) first, then 0814, then the 1012 step: 1210 is current.
        "0000000857": dict(category="approved", product="Biometric KYC", code="1210", secure="none"),
    }
    writer.jobs.update(samples)
    writer.records += 14 + 4  # 14: three history items and the result (which joins 0000001897)


def expected_summary(writer, problems, request_errors):
    categories = Counter(job["category"] for job in writer.jobs.values())
    ids = ["approved", "approved-with-attention", "provisional", "review", "inconclusive", "pending",
           "rejected", "retry", "error", "unknown"]
    return {
        "jobs": len(writer.jobs),
        "records": writer.records,
        "categories": {i: categories.get(i, 0) for i in ids},
        "products": dict(sorted(Counter(job["product"] for job in writer.jobs.values()).items())),
        "codes": dict(sorted(Counter(job["code"] for job in writer.jobs.values() if job["code"]).items())),
        # A code counted on its product: "product\tcode" -> jobs.
        "productCodes": dict(sorted(Counter(f'{job["product"] or "Unknown product"}\t{job["code"]}'
                                            for job in writer.jobs.values() if job["code"]).items())),
        # Categories on each product, for `jobs --format json`.
        "categoriesByProduct": {product: dict(sorted(Counter(job["category"] for job in writer.jobs.values()
                                                             if (job["product"] or "Unknown product") == product).items()))
                                for product in sorted({job["product"] or "Unknown product" for job in writer.jobs.values()})},
        "smileSecure": {k: sum(1 for job in writer.jobs.values() if job["secure"] == k) for k in ("clear", "suspects", "error", "none")},
        "problemKinds": dict(sorted(Counter(problems).items())),
        "requestErrors": request_errors,
    }


def main():
    for sub in ("demo", "catalogue", "bad"):
        path = os.path.join(FIX, sub)
        if os.path.isdir(path):
            for dirpath, _, files in os.walk(path, topdown=False):
                for name in files:
                    if name != "README.md":  # written by hand: what each bad file is for
                        os.remove(os.path.join(dirpath, name))
    writer = Writer()
    make_demo(writer)
    demo = expected_summary(writer, [], 0)
    make_catalogue(writer)
    problems = []
    make_bad(writer, problems)
    bad_only = Writer()
    bad_problems = []
    make_bad(bad_only, bad_problems)
    make_hostile(bad_only, bad_problems)
    make_hostile(writer, problems)
    make_signed(writer)
    sample_expectations(writer)
    expected = os.path.join(ROOT, "Tests", "Expected")
    write_json(os.path.join(expected, "summary-demo.json"), demo)
    write_json(os.path.join(expected, "summary-fixtures.json"), expected_summary(writer, problems, 2))
    write_json(os.path.join(expected, "summary-bad.json"), expected_summary(bad_only, bad_problems, 1))


if __name__ == "__main__":
    main()
