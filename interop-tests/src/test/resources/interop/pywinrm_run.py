"""Runs one command through pywinrm (Debian python3-winrm 0.3.0) and prints the result as JSON.

Usage: /usr/bin/python3 pywinrm_run.py ENDPOINT USER TRANSPORT CA_PEM COMMAND [ARG ...]
The password comes from the OPENRMS_PEER_PASSWORD environment variable, never argv.
TRANSPORT is 'plaintext' (Basic, http), 'ssl' (Basic over https) or 'ntlm' (NTLM under the
Negotiate scheme; message_encryption stays 'auto', so over http every message is sealed, and
ntlm-auth needs MD4: the caller sets OPENSSL_CONF to a config activating OpenSSL 3's legacy
provider, which Debian's OpenSSL 3 leaves off) or 'kerberos' (requests-kerberos, from the
ticket cache named by KRB5CCNAME; USER is the client principal, '-' for the cache's default;
the password is unused; over https, so message_encryption 'auto' leaves messages clear). CA_PEM is '-' for none;
otherwise the server certificate is validated against it (server_cert_validation='validate').
OPENRMS_PEER_OPERATION_TIMEOUT (seconds), if set, replaces the 20 s operation timeout.
Prints {"status_code", "std_out", "std_err"} (text decoded as UTF-8) or {"error", "message"}.
"""

import json
import os
import sys

import winrm
from winrm.exceptions import InvalidCredentialsError


def main():
    endpoint, user, transport, ca_pem, command = sys.argv[1:6]
    args = sys.argv[6:]
    kwargs = {"transport": transport, "server_cert_validation": "validate"}
    if os.environ.get("OPENRMS_PEER_OPERATION_TIMEOUT"):
        operation = int(os.environ["OPENRMS_PEER_OPERATION_TIMEOUT"])
        kwargs["operation_timeout_sec"] = operation
        kwargs["read_timeout_sec"] = operation + 10
    if ca_pem != "-":
        kwargs["ca_trust_path"] = ca_pem
    if transport == "kerberos":
        auth = (None if user == "-" else user, "")
    else:
        auth = (user, os.environ["OPENRMS_PEER_PASSWORD"])
    session = winrm.Session(endpoint, auth=auth, **kwargs)
    try:
        r = session.run_cmd(command, args)
    except InvalidCredentialsError as e:
        print(json.dumps({"error": "InvalidCredentialsError", "message": str(e)}))
        return
    except Exception as e:  # every other failure is reported, typed, to the Java test
        print(json.dumps({"error": type(e).__name__, "message": str(e)}))
        return
    print(json.dumps({
        "version": winrm.__version__ if hasattr(winrm, "__version__") else None,
        "status_code": r.status_code,
        "std_out": r.std_out.decode("utf-8"),
        "std_err": r.std_err.decode("utf-8"),
    }))


if __name__ == "__main__":
    main()
