#!/usr/bin/env python3
"""A day of callbacks written as another system would write them, for the benchmark.

`smile-triage generate` writes records the way this project's reader was tuned for; this
script is a second, independent writer (Python's json module, its own choices) so the
benchmark also measures data we did not shape. Every field varies in shape and
cardinality:

- key order shuffled per record; compact or `", "`/`": "` separators (json.dumps default);
- `job_type` a number or a string; PartnerParams carrying the partner's own keys;
- SmileJobID random ten-digit numbers, job and user ids as UUIDs, users with several jobs;
- names in Amharic, Arabic, Yoruba, Hausa, French and English, raw UTF-8 or `\\u` escaped;
- timestamps as `Z`, `+00:00` with microseconds, or epoch milliseconds;
- Actions drawn per record (thousands of distinct objects), retries with IsFinalResult false;
- about 5% Smile Secure callbacks (5210/5211/5212) merging into their jobs, ImageLinks with
  escaped slashes, a ConfidenceValue as a number or a string.

    scripts/make-varied-callbacks.py RECORDS OUT [--seed N]
"""
import json
import random
import sys
import uuid

NAMES = [
    "Adaeze Okafor", "Babajide Adeyemi", "Efua Mensah", "Wanjiru Kamau", "Sipho Dlamini",
    "Ọláolúwa Adébáyọ̀", "Ṣọlá Ọlátúnjí", "Abubakar Ɗanjuma", "Hauwa'u Ƙasimu",
    "አበበ በቂላ", "ሰላም ተስፋዬ", "محمد عبد الله", "فاطمة الزهراء", "Amélie Lefèvre",
    "François Ngoué", "Zoë Mbappé-Kouassi", "Chinedu Eze", "Nneka Nwosu", "Tendai Moyo",
]
COUNTRIES = [("NG", "NIN_V2"), ("NG", "BVN"), ("KE", "NATIONAL_ID"), ("GH", "GHANA_CARD"),
             ("ZA", "NATIONAL_ID"), ("UG", "NATIONAL_ID_NO_PHOTO"), ("CI", "CNI"), ("ET", "FAYDA")]
CODES = {
    1: [("0810", "Enroll User"), ("0811", "Failed Enroll - Compare Rejected"), ("0812", "Machine Judgement - Provisional"),
        ("0813", "Under Review - Possible Spoof"), ("1210", "Enroll User"), ("0815", "Compare Unsure")],
    2: [("0820", "Authenticated"), ("0821", "Failed Authentication"), ("0824", "Possible Spoof"), ("1220", "Authenticated")],
    4: [("0840", "Enroll User"), ("0841", "Failed Enroll"), ("1240", "Enroll User")],
    5: [("1012", "Valid ID"), ("1013", "Invalid ID"), ("1014", "Unsupported ID number format"), ("1020", "Exact Match")],
    6: [("0810", "Document Verified"), ("0811", "Document Not Verified"), ("0812", "Provisional Approval")],
    11: [("0810", "Enhanced Document Verified"), ("0811", "Enhanced Document Not Verified")],
}
ACTIONS = ["Liveness_Check", "Register_Selfie", "Selfie_Provided", "Verify_ID_Number", "Human_Review_Compare",
           "Return_Personal_Info", "Selfie_To_ID_Authority_Compare", "Human_Review_Liveness_Check",
           "Verify_Document", "Document_Check", "Selfie_To_ID_Card_Compare"]
VALUES = ["Passed", "Failed", "Not Applicable", "Verified", "Not Verified", "Returned", "Not Returned", "Under Review",
          "Completed", "Unable To Determine"]
PARTNER_KEYS = ["libraryVersion", "customer_ref", "sessionId", "channel", "branch", "agent_email"]


def timestamp(rng, ms):
    kind = rng.random()
    seconds, millis = divmod(ms, 1000)
    day = 1_795_478_400  # 2026-11-24T00:00:00Z
    t = day + seconds
    h, m, s = (t // 3600) % 24, (t // 60) % 60, t % 60
    if kind < 0.6:
        return f"2026-11-24T{h:02}:{m:02}:{s:02}.{millis:03}Z"
    if kind < 0.9:
        return f"2026-11-24T{h:02}:{m:02}:{s:02}.{millis:03}{rng.randrange(1000):03}+00:00"
    return (t * 1000) + millis


def dump(rng, record):
    items = list(record.items())
    rng.shuffle(items)
    record = dict(items)
    style = rng.random()
    if style < 0.6:
        return json.dumps(record, separators=(",", ":"), ensure_ascii=False)
    if style < 0.9:
        return json.dumps(record, ensure_ascii=False)
    return json.dumps(record)  # \u escapes for every non-ASCII character


def callback(rng, job, final):
    code, text = rng.choice(CODES[job["type"]])
    country, id_type = rng.choice(COUNTRIES)
    partner = {"job_id": job["job_id"], "user_id": job["user_id"],
               "job_type": str(job["type"]) if job["string_type"] else job["type"]}
    for key in rng.sample(PARTNER_KEYS, rng.randrange(0, 4)):
        partner[key] = uuid.UUID(int=rng.getrandbits(128)).hex[: rng.randrange(6, 24)]
    items = list(partner.items())
    rng.shuffle(items)
    actions = {name: rng.choice(VALUES) for name in rng.sample(ACTIONS, rng.randrange(2, 9))}
    record = {
        "Actions": actions,
        "ConfidenceValue": rng.choice([str(rng.randrange(101)), rng.randrange(101)]),
        "Country": country, "IDType": id_type,
        "FullName": rng.choice(NAMES), "DOB": f"19{rng.randrange(50, 99)}-0{rng.randrange(1, 9)}-1{rng.randrange(0, 9)}",
        "IDNumber": str(rng.getrandbits(40)),
        "IsFinalResult": "true" if final else "false",
        "IsMachineResult": rng.choice(["true", "false", True]),
        "PartnerParams": dict(items),
        "ResultCode": code, "ResultText": text,
        "ResultType": rng.choice(["SAIA", "ID Verification", "DocumentVerification"]),
        "SmileJobID": job["smile_id"], "Source": rng.choice(["WebAPI", "Mobile SDK", "REST"]),
        "ImageLinks": {"selfie_image": f"https://smile-results.example/{job['smile_id']}/selfie.jpg"},
        "signature": uuid.UUID(int=rng.getrandbits(128)).hex + "=",
        "timestamp": timestamp(rng, job["ms"] + (0 if final else -5000)),
    }
    if job["type"] == 5:
        record["Actions"].pop("Liveness_Check", None)
    return record


def secure(rng, job, users):
    roll = rng.random()
    code, text, suspects = "5210", "No Suspect Users Found", []
    if roll < 0.2 and users:
        code, text = "5211", "Suspect Users Found"
        suspects = [{"user_id": rng.choice(users), "reason": rng.choice(["same-person", "same-device"])}
                    for _ in range(rng.randrange(1, 4))]
    elif roll < 0.25:
        code, text = "5212", "Smile Secure Unavailable"
    return {"Antifraud": {"SuspectUsers": suspects}, "ResultCode": code, "ResultText": text,
            "PartnerParams": {"job_id": job["job_id"], "user_id": job["user_id"], "job_type": str(job["type"])},
            "SmileJobID": job["smile_id"], "signature": uuid.UUID(int=rng.getrandbits(128)).hex + "=",
            "timestamp": timestamp(rng, job["ms"] + 30_000)}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    records, out = int(sys.argv[1]), sys.argv[2]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 7
    rng = random.Random(seed)
    users = []
    written = 0
    with open(out, "w", encoding="utf-8") as handle:
        lines = []
        while written < records:
            if users and rng.random() < 0.3:
                user = rng.choice(users)
            else:
                user = str(uuid.UUID(int=rng.getrandbits(128)))
                users.append(user)
                if len(users) > 200_000:
                    users = users[100_000:]
            job = {"smile_id": str(rng.randrange(10**9, 10**10)), "job_id": str(uuid.UUID(int=rng.getrandbits(128))),
                   "user_id": user, "type": rng.choice([1, 1, 1, 2, 4, 5, 5, 6, 6, 11]),
                   "string_type": rng.random() < 0.4, "ms": written * 86_400_000 // records}
            if rng.random() < 0.08 and written + 1 < records:
                lines.append(dump(rng, callback(rng, job, final=False)))
                written += 1
            lines.append(dump(rng, callback(rng, job, final=True)))
            written += 1
            if job["type"] in (1, 2, 6) and rng.random() < 0.12 and written < records:
                lines.append(dump(rng, secure(rng, job, users)))
                written += 1
            if len(lines) >= 10_000:
                handle.write("\n".join(lines) + "\n")
                lines = []
        if lines:
            handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
