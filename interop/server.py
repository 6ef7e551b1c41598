"""Checks TC3-HMAC-SHA256 signatures with the official Tencent Cloud Python SDK.

The Python side of `cargo xtask interop`. Run only from that command, with the venv it makes
from requirements.txt beside this file:

    server.py --check-requirements requirements.txt   exit 0 when the installed versions are the pins
    server.py                                         serve; the protocol below

Protocol: xtask writes one JSON line to stdin, {"credentials": [{"SecretId": ..., "SecretKey": ...}]},
the key each SecretId signs with. The server binds 127.0.0.1 on an ephemeral port, prints
`PORT <n>` on stdout, and answers every POST with the API 3.0 envelope:

- verified: {"Response": {"RequestId", "Verified": true, "Reason": "", "Received": {...}}}, where
  Received echoes what the request claims (action, version, timestamp, region, language, a
  SHA-256 of the token and of the body, the service and SecretId of the credential scope) so
  the caller can compare it with what it meant to send;
- not verified: {"Response": {"Error": {"Code", "Message"}, "RequestId"}}, the codes the real
  service uses (AuthFailure.SignatureFailure, AuthFailure.SecretIdNotFound, MissingParameter,
  InvalidParameter), with the reason in Message.

The signature is recomputed by the SDK's own AbstractClient._get_tc3_signature (canonical
request, payload hash, string to sign) and Sign.sign_tc3 (key derivation, HMAC), fed the
request as received; the date and the Authorization format are the SDK's
_build_req_with_tc3_signature lines, which cannot be called without re-serializing the body.
Secret keys and tokens never appear in output: no request log, tokens only as hashes.
The server exits when stdin closes, so it never outlives xtask.
"""

import hashlib
import json
import os
import re
import sys
import threading
import uuid
import warnings
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SDK_VERSION = "3.1.195"

AUTHORIZATION = re.compile(
    r"TC3-HMAC-SHA256 Credential=(?P<id>[^/\s]+)/(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})/(?P<service>[a-z0-9-]+)"
    r"/tc3_request, SignedHeaders=(?P<signed>[^,\s]+), Signature=(?P<signature>[0-9a-f]{64})"
)
ACTION = re.compile(r"[A-Z][A-Za-z0-9]*")
VERSION = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
TIMESTAMP = re.compile(r"[1-9][0-9]{0,11}")
LANGUAGES = ("zh-CN", "en-US")
SINGLE_VALUED = (
    "Authorization",
    "Content-Type",
    "Host",
    "X-TC-Action",
    "X-TC-Version",
    "X-TC-Timestamp",
    "X-TC-Region",
    "X-TC-Token",
    "X-TC-Language",
)

# Vector 1 of the signing vectors (produced with this SDK version): checked at start-up so a
# wrong way of calling the SDK fails loudly instead of agreeing with a wrong client.
SELF_CHECK = {
    "secret_key": "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
    "host": "wedata.tencentcloudapi.com",
    "timestamp": "1735689599",
    "service": "wedata",
    "body": b'{"PageNumber": 1, "PageSize": 10}',
    "signature": "ede97dd3cae6ef010176e2d1fae45bfa978694bf6351f90a99ab4f94c2996cfb",
}


class Rejected(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def check_requirements(path):
    """Exit status 0 when every `name==version` pin of `path` is what is installed."""
    from importlib import metadata

    wrong = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            spec = line.split("#", 1)[0].split()
            if not spec:
                continue
            name, _, pinned = spec[0].partition("==")
            try:
                installed = metadata.version(name)
            except metadata.PackageNotFoundError:
                installed = None
            if installed != pinned:
                wrong.append("%s: want %s, have %s" % (name, pinned, installed))
    for w in wrong:
        print(w, file=sys.stderr)
    return 1 if wrong else 0


class OfficialSigner:
    """The official SDK's TC3 signing, fed a request as it arrived."""

    def __init__(self):
        import tencentcloud
        from tencentcloud.common.abstract_client import AbstractClient
        from tencentcloud.common.http.request import RequestInternal

        if tencentcloud.__version__ != SDK_VERSION:
            raise SystemExit("tencentcloud-sdk-python-common is %s, want %s" % (tencentcloud.__version__, SDK_VERSION))
        # _get_tc3_signature reads nothing from the client; skip __init__, which builds an HTTP session.
        self._client = AbstractClient.__new__(AbstractClient)
        self._request = RequestInternal
        c = SELF_CHECK
        got = self.signature(c["secret_key"], "POST", c["host"], "application/json", c["timestamp"], c["service"], c["body"])
        if got != c["signature"]:
            raise SystemExit("self-check: the SDK signed signing vector 1 as %s, want %s" % (got, c["signature"]))

    @staticmethod
    def date(timestamp):
        # As in AbstractClient._build_req_with_tc3_signature.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return datetime.utcfromtimestamp(int(timestamp)).strftime("%Y-%m-%d")

    def signature(self, secret_key, method, host, content_type, timestamp, service, body):
        req = self._request(host=host, method=method, uri="/", header={}, data=body)
        req.header["Content-Type"] = content_type
        req.header["Host"] = host
        req.header["X-TC-Timestamp"] = timestamp
        return self._client._get_tc3_signature(None, req, self.date(timestamp), service, secret_key)

    @staticmethod
    def authorization(secret_id, date, service, signature):
        # The format string of AbstractClient._build_req_with_tc3_signature.
        return "TC3-HMAC-SHA256 Credential=%s/%s/%s/tc3_request, SignedHeaders=content-type;host, Signature=%s" % (
            secret_id,
            date,
            service,
            signature,
        )


def verify(signer, keys, method, path, headers, body):
    """The echo of a request whose signature the SDK reproduces; raises Rejected otherwise."""
    if method != "POST" or path != "/":
        raise Rejected("InvalidParameter", "expected POST /, got %s %s" % (method, path))
    for name in SINGLE_VALUED:
        if len(headers.get_all(name) or []) > 1:
            raise Rejected("InvalidParameter", "header %s sent more than once" % name)

    def required(name, pattern=None):
        value = headers.get(name)
        if value is None or value == "":
            raise Rejected("MissingParameter", "header %s is missing" % name)
        if pattern is not None and not pattern.fullmatch(value):
            raise Rejected("InvalidParameter", "header %s is malformed: %r" % (name, value))
        return value

    def optional(name):
        value = headers.get(name)
        if value == "":
            raise Rejected("InvalidParameter", "header %s is empty" % name)
        return value

    authorization = required("Authorization")
    content_type = required("Content-Type")
    host = required("Host")
    action = required("X-TC-Action", ACTION)
    version = required("X-TC-Version", VERSION)
    timestamp = required("X-TC-Timestamp", TIMESTAMP)
    region = optional("X-TC-Region")
    token = optional("X-TC-Token")
    language = optional("X-TC-Language")
    if content_type != "application/json":
        # What the official SDK sends for a POST; the signature covers it verbatim.
        raise Rejected("InvalidParameter", "Content-Type is %r, the official SDK sends application/json" % content_type)
    if language is not None and language not in LANGUAGES:
        raise Rejected("InvalidParameter", "X-TC-Language %r is not one of %s" % (language, LANGUAGES))

    m = AUTHORIZATION.fullmatch(authorization)
    if m is None:
        raise Rejected("AuthFailure.SignatureFailure", "Authorization is malformed: %r" % authorization)
    secret_id, service = m.group("id"), m.group("service")
    if m.group("signed") != "content-type;host":
        raise Rejected("AuthFailure.SignatureFailure", "SignedHeaders is %r, want content-type;host" % m.group("signed"))
    date = signer.date(timestamp)
    if m.group("date") != date:
        raise Rejected(
            "AuthFailure.SignatureFailure",
            "credential scope date %s is not the UTC date %s of X-TC-Timestamp %s" % (m.group("date"), date, timestamp),
        )
    secret_key = keys.get(secret_id)
    if secret_key is None:
        raise Rejected("AuthFailure.SecretIdNotFound", "unknown SecretId %s" % secret_id)

    signature = signer.signature(secret_key, method, host, content_type, timestamp, service, body)
    expected = signer.authorization(secret_id, date, service, signature)
    if authorization != expected:
        raise Rejected(
            "AuthFailure.SignatureFailure",
            "Authorization differs from the official SDK's: got signature %s, the SDK computed %s "
            "(service %s, date %s, host %s, %d body bytes with SHA-256 %s)"
            % (m.group("signature"), signature, service, date, host, len(body), hashlib.sha256(body).hexdigest()),
        )
    try:
        json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise Rejected("InvalidParameter", "the body is not UTF-8 JSON: %s" % e)

    return {
        "SecretId": secret_id,
        "Service": service,
        "Action": action,
        "Version": version,
        "Timestamp": int(timestamp),
        "Region": region,
        "Language": language,
        "TokenSha256": None if token is None else hashlib.sha256(token.encode("utf-8")).hexdigest(),
        "PayloadSha256": hashlib.sha256(body).hexdigest(),
        "PayloadBytes": len(body),
    }


def handler(signer, keys):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            request_id = str(uuid.uuid4())
            try:
                received = verify(signer, keys, self.command, self.path, self.headers, body)
                response = {"RequestId": request_id, "Verified": True, "Reason": "", "Received": received}
            except Rejected as e:
                response = {"Error": {"Code": e.code, "Message": e.message}, "RequestId": request_id}
            self.reply(200, {"Response": response})

        def do_GET(self):
            self.reply(405, {"Response": {"Error": {"Code": "InvalidParameter", "Message": "POST only"}}})

        def reply(self, status, envelope):
            data = json.dumps(envelope).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format, *args):
            # No request log: headers carry tokens, and the counts are xtask's to report.
            pass

    return Handler


def exit_when_stdin_closes():
    sys.stdin.read()
    os._exit(0)


def serve():
    signer = OfficialSigner()
    config = json.loads(sys.stdin.readline())
    keys = {c["SecretId"]: c["SecretKey"] for c in config["credentials"]}
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler(signer, keys))
    server.daemon_threads = True
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


def main(argv):
    if argv[:1] == ["--check-requirements"] and len(argv) == 2:
        return check_requirements(argv[1])
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    serve()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
