"""NTLM initiator driven over stdin/stdout by NtlmPythonInteropTest (python3-ntlm-auth 1.4.0).

Line protocol, base64 payloads:
  in:  JSON {"user", "password", "domain", "cbt"}   (cbt: hex channel-binding application data or "")
  out: NEGOTIATE
  in:  CHALLENGE
  out: AUTHENTICATE
  then any number of
  in:  "wrap <plaintext>"   out: "<signature + sealed data>"
  in:  "unwrap <signature + sealed data>"   out: "<plaintext>" or "ERROR <message>"
"""
import base64
import json
import sys

from ntlm_auth.gss_channel_bindings import GssChannelBindingsStruct
from ntlm_auth.ntlm import NtlmContext


def out(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def b64(data):
    return base64.b64encode(data).decode("ascii")


def main():
    cfg = json.loads(sys.stdin.readline())
    cbt = None
    if cfg["cbt"]:
        cbt = GssChannelBindingsStruct()
        cbt[cbt.APPLICATION_DATA] = bytes.fromhex(cfg["cbt"])
    ctx = NtlmContext(cfg["user"], cfg["password"], domain=cfg["domain"],
                      cbt_data=cbt, ntlm_compatibility=3)
    out(b64(ctx.step()))
    out(b64(ctx.step(base64.b64decode(sys.stdin.readline()))))
    for line in sys.stdin:
        cmd, _, arg = line.strip().partition(" ")
        if cmd == "wrap":
            out(b64(ctx.wrap(base64.b64decode(arg))))
        elif cmd == "unwrap":
            try:
                out(b64(ctx.unwrap(base64.b64decode(arg))))
            except Exception as e:  # report, keep going
                out("ERROR " + type(e).__name__)
        else:
            return


if __name__ == "__main__":
    main()
