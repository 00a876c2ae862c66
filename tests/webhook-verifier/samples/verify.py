"""Verifying Wekeza webhooks in Python with the standard library alone (docs/webhooks.md shows the regions below).

  python3 verify.py serve <port> <whsec_…>    a receiver at http://localhost:<port>/webhooks/wekeza
  python3 verify.py check <whsec_…> <webhook-id> <webhook-timestamp> <webhook-signature> <body file> [now, Unix seconds]

run.sh runs both against signatures computed with openssl.
"""

import sys

# region verify
import base64
import hashlib
import hmac
import time

TOLERANCE_SECONDS = 5 * 60


def verify_webhook(secret, headers, body, now=None):
    """True when headers carry a valid signature of body by secret, and a webhook-timestamp within five minutes of now.

    headers: a mapping with webhook-id, webhook-timestamp and webhook-signature (the header mappings of http.server,
    Flask, Django and FastAPI ignore case). body: the raw request body, bytes, exactly as received.
    """
    msg_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp") or ""
    signatures = headers.get("webhook-signature")
    if not msg_id or not signatures or not (timestamp.isascii() and timestamp.isdigit()):
        return False
    if abs((time.time() if now is None else now) - int(timestamp)) > TOLERANCE_SECONDS:
        return False

    key = base64.b64decode(secret.removeprefix("whsec_"))
    expected = base64.b64encode(hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest())
    for signature in signatures.split(" "):
        version, _, value = signature.partition(",")
        if version == "v1" and hmac.compare_digest(value.encode(), expected):
            return True
    return False
# endregion


# region receiver
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def serve(port, secret):
    handled = set()  # in production: your database, in the transaction of the work

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("content-length", 0)))  # the raw bytes: verify before parsing
            if not verify_webhook(secret, self.headers, body):
                self.send_response(401)
                self.end_headers()
                return
            msg_id = self.headers["webhook-id"]
            if msg_id not in handled:  # a retry of an event already handled is acknowledged and skipped
                handled.add(msg_id)
                event = json.loads(body)
                print(f"{event['type']} {event['subject']} #{event['sequence']}", flush=True)
            self.send_response(204)
            self.end_headers()

    ThreadingHTTPServer(("localhost", port), Receiver).serve_forever()
# endregion


if __name__ == "__main__":
    if sys.argv[1:2] == ["check"] and len(sys.argv) in (7, 8):
        secret, msg_id, timestamp, signature, body_file = sys.argv[2:7]
        with open(body_file, "rb") as file:
            body = file.read()
        headers = {"webhook-id": msg_id, "webhook-timestamp": timestamp, "webhook-signature": signature}
        valid = verify_webhook(secret, headers, body, int(sys.argv[7]) if len(sys.argv) == 8 else None)
        print("ok" if valid else "fail")
        sys.exit(0 if valid else 1)
    elif sys.argv[1:2] == ["serve"] and len(sys.argv) == 4:
        serve(int(sys.argv[2]), sys.argv[3])
    else:
        print("usage: python3 verify.py serve <port> <secret> | check <secret> <id> <timestamp> <signature> <body file> [now]",
              file=sys.stderr)
        sys.exit(2)
