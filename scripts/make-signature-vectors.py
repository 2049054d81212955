#!/usr/bin/env python3
"""Signature test vectors from an implementation independent of swift-crypto: Python's hmac.

    python3 scripts/make-signature-vectors.py > Tests/JobSourcesTests/Vectors/signatures.json

signature = base64(HMAC-SHA256(key: api_key, message: timestamp + partner_id + "sid_request")),
with the timestamp exactly as the payload writes it and the partner id as given.
"""
import base64
import hashlib
import hmac
import json


def sign(api_key, timestamp, partner_id):
    message = (timestamp + partner_id + "sid_request").encode("utf-8")
    return base64.b64encode(hmac.new(api_key.encode("utf-8"), message, hashlib.sha256).digest()).decode()


def tamper(signature):
    """The same signature with one byte changed (the first character moved on by one)."""
    first = signature[0]
    replacement = "B" if first == "A" else "A"
    return replacement + signature[1:]


cases = [
    ("demo key, ISO timestamp", "demo-api-key-do-not-use", "2001", "2026-11-24T09:00:00.000Z"),
    ("ISO timestamp without Z", "demo-api-key-do-not-use", "2001", "2021-08-12T17:57:00.614879"),
    ("epoch milliseconds as written", "a8f6b2c4-6d0e-4f1a-9c3b-2e7d5a9f1b0c", "1234", "1570698930193"),
    ("partner id with leading zeros kept", "key", "0042", "2022-10-17T10:46:49.392Z"),
    ("non-ASCII partner id", "clé-secrète-ключ", "Société-Ωmega-合作", "2026-11-25T08:00:00+01:00"),
    ("empty partner id", "k", "", "2026-01-01T00:00:00Z"),
]
vectors = []
for name, key, partner, timestamp in cases:
    signature = sign(key, timestamp, partner)
    vectors.append({"name": name, "apiKey": key, "partnerID": partner, "timestamp": timestamp,
                    "signature": signature, "tampered": tamper(signature)})
print(json.dumps({"generatedBy": "python3 scripts/make-signature-vectors.py (hmac, hashlib, base64)",
                  "vectors": vectors}, ensure_ascii=False, indent=2))
