"""pywinrm (Debian python3-winrm 0.3.0) side of WsmanLoadDriver: times itself, prints one JSON line.

Usage: /usr/bin/python3 pywinrm_bench.py MODE ENDPOINT USER WARMUP_SECONDS SECONDS [BYTES [RUNS]]
The password comes from the OPENRMS_PEER_PASSWORD environment variable, never argv.
Basic over plain HTTP (transport 'plaintext'); one winrm.protocol.Protocol, so one requests
Session whose pooled keep-alive connection is reused by every operation.

MODE
  identify       Protocol.send_message(<wsmid:Identify/>) in a loop
  echo           open_shell once, then run_command('echo', ['hi']) + get_command_output +
                 cleanup_command in a loop (close_shell at the end, untimed)
  echo-newshell  open_shell + run_command + get_command_output + cleanup_command + close_shell
                 per operation (what Session.run_cmd does)
  throughput     Session.run_cmd of a command printing BYTES 'x' (buffered in memory by
                 pywinrm), RUNS times after one warm-up run of BYTES/10

Prints {"ops", "seconds", "p50_ms", "p99_ms"} for the loops; {"runs": [{"bytes", "seconds",
"sha256_ok"}]} for throughput; {"error", "message"} on failure.
"""

import hashlib
import json
import math
import os
import sys
import time

import winrm
from winrm.protocol import Protocol

IDENTIFY = (
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"'
    ' xmlns:wsmid="http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd">'
    '<s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>'
)


def percentile(sorted_ns, p):
    rank = max(1, int(math.ceil(p * len(sorted_ns))))
    return sorted_ns[rank - 1] / 1e6


def loop(op, warmup, seconds):
    end = time.perf_counter() + warmup
    while time.perf_counter() < end:
        op()
    lat = []
    start = time.perf_counter()
    end = start + seconds
    while True:
        t0 = time.perf_counter_ns()
        op()
        lat.append(time.perf_counter_ns() - t0)
        if time.perf_counter() >= end:
            break
    elapsed = time.perf_counter() - start
    lat.sort()
    return {
        "ops": len(lat),
        "seconds": elapsed,
        "p50_ms": percentile(lat, 0.50),
        "p99_ms": percentile(lat, 0.99),
    }


def main():
    mode, endpoint, user = sys.argv[1:4]
    warmup, seconds = float(sys.argv[4]), float(sys.argv[5])
    password = os.environ["OPENRMS_PEER_PASSWORD"]
    kwargs = {"transport": "plaintext", "operation_timeout_sec": 20, "read_timeout_sec": 30}
    protocol = Protocol(endpoint, username=user, password=password, **kwargs)

    if mode == "identify":
        def identify():
            r = protocol.send_message(IDENTIFY)
            if b"IdentifyResponse" not in (r if isinstance(r, bytes) else r.encode()):
                raise RuntimeError("not an IdentifyResponse: %r" % r[:200])
        result = loop(identify, warmup, seconds)
    elif mode == "echo":
        shell = protocol.open_shell()

        def echo():
            command = protocol.run_command(shell, "echo", ["hi"])
            out, err, code = protocol.get_command_output(shell, command)
            protocol.cleanup_command(shell, command)
            if code != 0 or out != b"hi\n":
                raise RuntimeError("echo gave %r %r %r" % (code, out, err))
        try:
            result = loop(echo, warmup, seconds)
        finally:
            protocol.close_shell(shell)
    elif mode == "echo-newshell":
        def echo_newshell():
            shell = protocol.open_shell()
            command = protocol.run_command(shell, "echo", ["hi"])
            out, err, code = protocol.get_command_output(shell, command)
            protocol.cleanup_command(shell, command)
            protocol.close_shell(shell)
            if code != 0 or out != b"hi\n":
                raise RuntimeError("echo gave %r %r %r" % (code, out, err))
        result = loop(echo_newshell, warmup, seconds)
    elif mode == "throughput":
        size = int(sys.argv[6])
        runs = int(sys.argv[7]) if len(sys.argv) > 7 else 1
        session = winrm.Session(endpoint, auth=(user, password), **kwargs)

        def once(n):
            command = "head -c %d /dev/zero | tr '\\0' 'x'" % n
            t0 = time.perf_counter()
            r = session.run_cmd(command)
            elapsed = time.perf_counter() - t0
            if r.status_code != 0 or len(r.std_out) != n:
                raise RuntimeError("got %d bytes, exit %r" % (len(r.std_out), r.status_code))
            ok = hashlib.sha256(r.std_out).digest() == hashlib.sha256(b"x" * n).digest()
            return {"bytes": len(r.std_out), "seconds": elapsed, "sha256_ok": ok}

        once(max(1, size // 10))
        result = {"runs": [once(size) for _ in range(runs)]}
    else:
        raise SystemExit("unknown mode " + mode)
    print(json.dumps(result))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # reported, typed, to the driver
        print(json.dumps({"error": type(e).__name__, "message": str(e)}))
