"""Times the official Tencent Cloud Python SDK on the inputs of the Rust benches.

The Python side of `cargo xtask bench`. Run only from that command, in the venv it makes
(target/bench-venv) from requirements.txt beside this file:

    bench.py INPUTS_DIR [--quick] [--calls-endpoint HOST:PORT]

INPUTS_DIR holds what xtask wrote from the same sources as tests/benches/sdk.rs:
- signing.json: signing vector 1 of the runtime's tests (method, host, content type, query,
  body, service, timestamp, key pair, expected signature);
- describe_sync_jobs.json: the `Response` object of dts DescribeSyncJobs with 100 jobs, the
  exact bytes the Rust decode bench parses.

Measured, with timeit (autoranged loop of at least 0.2 s, repeated; mean and best per call):
- sign: one request the way AbstractClient._build_req_with_tc3_signature does it: the date,
  the SDK's own _get_tc3_signature (canonical request, string to sign, Sign.sign_tc3), and the
  Authorization line;
- decode: json.loads of the bytes + models.DescribeSyncJobsResponse()._deserialize, what the
  SDK's DtsClient.DescribeSyncJobs does with a response body.

With --calls-endpoint, also calls DtsClient.DescribeSyncJobs against the local bench server
there (http, keep-alive, the SDK at its fastest): "calls_sequential" one after the other
(timeit), and "calls_concurrent" from CONCURRENCY threads, each with its own client, for a
fixed time; both give calls_per_sec.

Prints one JSON object on stdout: {"python", "sdk": {package: version}, "results": {name:
{"mean_ns", "best_ns", "calls"}}}.
"""

import json
import os
import platform
import sys
import threading
import time
import timeit
import warnings
from datetime import datetime


def versions():
    from importlib import metadata

    names = ["tencentcloud-sdk-python-common", "tencentcloud-sdk-python-dts"]
    return {name: metadata.version(name) for name in names}


def measure(function, repeats):
    timer = timeit.Timer(function)
    number, _ = timer.autorange()  # loops per repeat so that one repeat takes >= 0.2 s
    times = [t / number for t in timer.repeat(repeat=repeats, number=number)]
    return {
        "mean_ns": sum(times) / len(times) * 1e9,
        "best_ns": min(times) * 1e9,
        "calls": number * repeats,
    }


def signer(vector):
    from tencentcloud.common.abstract_client import AbstractClient
    from tencentcloud.common.http.request import RequestInternal

    # _get_tc3_signature reads nothing from the client; skip __init__, which builds an HTTP session.
    client = AbstractClient.__new__(AbstractClient)
    method, host, content_type = vector["method"], vector["host"], vector["content_type"]
    query, body, service = vector["query"], vector["body"], vector["service"]
    timestamp, secret_id, secret_key = vector["timestamp"], vector["secret_id"], vector["secret_key"]
    data = query if method == "GET" else body

    def sign():
        # The steps of AbstractClient._build_req_with_tc3_signature after the body is serialized.
        req = RequestInternal(host=host, method=method, uri="/", header={}, data=data)
        req.header["Content-Type"] = content_type
        req.header["Host"] = host
        req.header["X-TC-Timestamp"] = timestamp
        date = datetime.utcfromtimestamp(timestamp).strftime("%Y-%m-%d")
        signature = client._get_tc3_signature(None, req, date, service, secret_key)
        req.header["Authorization"] = (
            "TC3-HMAC-SHA256 Credential=%s/%s/%s/tc3_request, SignedHeaders=content-type;host, Signature=%s"
            % (secret_id, date, service, signature)
        )
        return signature

    return sign


def decoder(body):
    from tencentcloud.dts.v20211206 import models

    def decode():
        model = models.DescribeSyncJobsResponse()
        model._deserialize(json.loads(body))
        return model

    return decode


# Threads calling at once in calls_concurrent: the Rust bench's concurrency.
CONCURRENCY = 16


def caller(endpoint):
    from tencentcloud.common import credential
    from tencentcloud.common.profile.client_profile import ClientProfile
    from tencentcloud.common.profile.http_profile import HttpProfile
    from tencentcloud.dts.v20211206 import dts_client, models

    http = HttpProfile(protocol="http", endpoint=endpoint, keepAlive=True)
    client = dts_client.DtsClient(
        credential.Credential("AKIDEXAMPLE", "secret"), "ap-guangzhou", ClientProfile(httpProfile=http)
    )
    request = models.DescribeSyncJobsRequest()

    def call():
        return client.DescribeSyncJobs(request)

    return call


def concurrent_calls(endpoint, seconds):
    calls = [caller(endpoint) for _ in range(CONCURRENCY)]
    for call in calls:
        call()
    done = [0] * CONCURRENCY
    start = time.perf_counter()
    deadline = start + seconds

    def work(i):
        while time.perf_counter() < deadline:
            calls[i]()
            done[i] += 1

    threads = [threading.Thread(target=work, args=(i,)) for i in range(CONCURRENCY)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    return {"calls": sum(done), "seconds": elapsed, "calls_per_sec": sum(done) / elapsed}


def main(argv):
    usage = "usage: bench.py INPUTS_DIR [--quick] [--calls-endpoint HOST:PORT]"
    if not argv:
        print(usage, file=sys.stderr)
        return 2
    inputs, rest, quick, endpoint = argv[0], argv[1:], False, None
    while rest:
        if rest[0] == "--quick":
            quick, rest = True, rest[1:]
        elif rest[0] == "--calls-endpoint" and len(rest) > 1:
            endpoint, rest = rest[1], rest[2:]
        else:
            print(usage, file=sys.stderr)
            return 2
    repeats = 3 if quick else 7
    # datetime.utcfromtimestamp is deprecated from 3.12; the SDK still calls it.
    warnings.simplefilter("ignore", DeprecationWarning)

    with open(os.path.join(inputs, "signing.json"), encoding="utf-8") as f:
        vector = json.load(f)
    with open(os.path.join(inputs, "describe_sync_jobs.json"), "rb") as f:
        body = f.read()

    # Check the work is the real work before timing it.
    sign = signer(vector)
    if sign() != vector["signature"]:
        raise SystemExit("the SDK signed the vector as %s, want %s" % (sign(), vector["signature"]))
    decode = decoder(body)
    jobs = decode().JobList
    if len(jobs) != 100 or jobs[0].JobId is None:
        raise SystemExit("decoded %d jobs (first JobId %r), want 100" % (len(jobs), jobs[0].JobId if jobs else None))

    results = {
        "sign": measure(sign, repeats),
        "decode": measure(decode, repeats),
    }
    if endpoint is not None:
        call = caller(endpoint)
        if call().TotalCount is None:
            raise SystemExit("the bench server's DescribeSyncJobs reply decoded without TotalCount")
        sequential = measure(call, repeats)
        sequential["calls_per_sec"] = 1e9 / sequential["best_ns"]
        results["calls_sequential"] = sequential
        results["calls_concurrent"] = concurrent_calls(endpoint, 1 if quick else 3)
    print(
        json.dumps(
            {
                "python": "%s %s" % (platform.python_implementation(), platform.python_version()),
                "sdk": versions(),
                "results": results,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
