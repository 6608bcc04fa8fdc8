#!/usr/bin/env bash
# A Samba Active Directory domain controller in a private directory, on loopback only, for the
# interop tests (dependencies.md §5). Nothing is written under /etc/samba.
#
#   samba-ad.sh start DIR   provision (once) and start samba; create the users and the service
#                           account, export the HTTP/localhost keytab (AES only)
#   samba-ad.sh stop DIR    stop the samba started from DIR (by its recorded PID)
#
# start is idempotent and prints KEY=VALUE lines: REALM, KRB5_CONFIG (kdc = 127.0.0.1), KEYTAB,
# SPN, LDAP_PORT, BASE_DN, BIND_DN, BIND_PASSWORD, USER/USER_PASSWORD/USER_MAIL (a user with
# mail), NOMAIL_USER/NOMAIL_PASSWORD (a user without). Exit 3: Samba is not installed.
# Needs root (samba binds ports 88, 389, 445 … of 127.0.0.1).
set -euo pipefail

REALM=AD.OPENRMS.TEST
DOMAIN=OPENRMSAD
ADMIN_PASSWORD='Adm1n!Passw0rd-Samba'
USER=carol
USER_PASSWORD='Car0l!Passw0rd-Samba'
USER_MAIL='carol.ad@example.com'
NOMAIL_USER=dave
NOMAIL_PASSWORD='Dav3!Passw0rd-Samba'
SVC=rmshttp
SVC_PASSWORD='Svc!Passw0rd-Samba-1'

cmd=${1:?usage: samba-ad.sh start DIR | stop DIR}
dir=${2:?state directory}
pidfile="$dir/samba.pid"

stop() {
  if [ -f "$pidfile" ]; then
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  fi
}

case "$cmd" in
  stop) stop; exit 0 ;;
  start) ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac

for tool in samba samba-tool; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install samba-ad-dc samba-ad-provision)" >&2; exit 3; }
done
mkdir -p "$dir"
chmod 700 "$dir"
conf="$dir/etc/smb.conf"
tool() { samba-tool "$@" -s "$conf" >/dev/null; }

if [ ! -f "$dir/provisioned" ]; then
  rm -rf "$dir/etc" "$dir/private" "$dir/state" "$dir/cache" "$dir/bind-dns" "$dir/run"
  samba-tool domain provision --targetdir="$dir" --realm="$REALM" --domain="$DOMAIN" \
    --server-role=dc --dns-backend=SAMBA_INTERNAL --adminpass="$ADMIN_PASSWORD" \
    --host-name=dc1 --host-ip=127.0.0.1 \
    --option="interfaces=lo" --option="bind interfaces only=yes" \
    --option="server services=-dns" --option="pid directory=$dir/run" \
    >"$dir/provision.log" 2>&1
  # The rights server binds over plain LDAP on loopback: allow simple binds without TLS (provision
  # does not write this option itself). Logs stay in the state directory.
  sed -i "s|^\[global\]\$|[global]\n\tldap server require strong auth = no\n\tlog file = $dir/log.%m|" \
    "$conf"
  sed -i "/^\tlog file = \/var\/log/d" "$conf"
  tool user create "$USER" "$USER_PASSWORD" --mail-address="$USER_MAIL"
  tool user create "$NOMAIL_USER" "$NOMAIL_PASSWORD"
  tool user create "$SVC" "$SVC_PASSWORD"
  tool user setexpiry "$SVC" --noexpiry
  tool spn add HTTP/localhost "$SVC"
  # JDK 17 refuses RC4 tickets: AES128 + AES256 only, before exporting the keytab.
  /usr/bin/python3 - "$dir/private/sam.ldb" "$SVC" <<'PY'
import sys
import ldb
from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB
samdb = SamDB(url=sys.argv[1], session_info=system_session(), lp=LoadParm())
res = samdb.search(expression="(sAMAccountName=%s)" % sys.argv[2], attrs=["dn"])
m = ldb.Message()
m.dn = res[0].dn
m["msDS-SupportedEncryptionTypes"] = ldb.MessageElement("24", ldb.FLAG_MOD_REPLACE,
                                                        "msDS-SupportedEncryptionTypes")
samdb.modify(m)
PY
  rm -f "$dir/http.keytab"
  tool domain exportkeytab "$dir/http.keytab" --principal="HTTP/localhost@$REALM"
  cat > "$dir/krb5.conf" <<CONF
[libdefaults]
  default_realm = $REALM
  dns_lookup_kdc = false
  dns_lookup_realm = false
  dns_canonicalize_hostname = false
  rdns = false
  udp_preference_limit = 1

[realms]
  $REALM = {
    kdc = 127.0.0.1
  }
CONF
  touch "$dir/provisioned"
fi

if ! { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }; then
  samba -s "$conf" --foreground --no-process-group >"$dir/samba.log" 2>&1 &
  echo $! > "$pidfile"
  for _ in $(seq 150); do
    (exec 3<>/dev/tcp/127.0.0.1/389) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/88) 2>/dev/null \
      && break
    kill -0 "$(cat "$pidfile")" 2>/dev/null || break
    sleep 0.1
  done
  if ! (exec 3<>/dev/tcp/127.0.0.1/88) 2>/dev/null; then
    echo "samba did not start; see $dir/samba.log" >&2
    tail -20 "$dir/samba.log" >&2 || true
    stop
    exit 1
  fi
fi

echo "REALM=$REALM"
echo "KRB5_CONFIG=$dir/krb5.conf"
echo "KEYTAB=$dir/http.keytab"
echo "SPN=HTTP/localhost@$REALM"
echo "LDAP_PORT=389"
echo "BASE_DN=DC=${REALM//./,DC=}"
echo "BIND_DN=CN=Administrator,CN=Users,DC=${REALM//./,DC=}"
echo "BIND_PASSWORD=$ADMIN_PASSWORD"
echo "USER=$USER@$REALM"
echo "USER_PASSWORD=$USER_PASSWORD"
echo "USER_MAIL=$USER_MAIL"
echo "NOMAIL_USER=$NOMAIL_USER@$REALM"
echo "NOMAIL_PASSWORD=$NOMAIL_PASSWORD"
