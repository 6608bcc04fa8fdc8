#!/usr/bin/env bash
# An MIT Kerberos KDC (krb5-kdc) in a private realm, on 127.0.0.1 only, for the interop tests.
# Nothing is written under /etc: KRB5_CONFIG and KRB5_KDC_PROFILE point into the state directory.
#
#   mit-kdc.sh start DIR PORT   create the realm (once) and start krb5kdc on PORT (TCP and UDP)
#   mit-kdc.sh stop DIR         stop the KDC started from DIR (by its recorded PID)
#
# start is idempotent (a running KDC of DIR is left running) and prints KEY=VALUE lines:
# REALM, KRB5_CONFIG, KEYTAB (HTTP/localhost), USER and USER_PASSWORD. Exit 3: krb5-kdc missing.
set -euo pipefail

REALM=KDC.OPENRMS.TEST
USER=alice
USER_PASSWORD='Alice-Kerberos-1'

cmd=${1:?usage: mit-kdc.sh start DIR PORT | stop DIR}
dir=${2:?state directory}

stop() {
  if [ -f "$dir/krb5kdc.pid" ]; then
    pid=$(cat "$dir/krb5kdc.pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/krb5kdc.pid"
  fi
}

case "$cmd" in
  stop) stop; exit 0 ;;
  start) ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac

port=${3:?port}
for tool in krb5kdc kdb5_util kadmin.local; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install krb5-kdc krb5-admin-server)" >&2; exit 3; }
done
mkdir -p "$dir"
chmod 700 "$dir"
export KRB5_CONFIG="$dir/krb5.conf" KRB5_KDC_PROFILE="$dir/kdc.conf"

if [ -f "$dir/krb5kdc.pid" ] && kill -0 "$(cat "$dir/krb5kdc.pid")" 2>/dev/null \
  && grep -q "kdc_ports = $port\$" "$dir/kdc.conf" 2>/dev/null; then
  running=true
else
  stop
  running=false
fi

if [ "$running" = false ]; then
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
    kdc = 127.0.0.1:$port
  }
CONF
  cat > "$dir/kdc.conf" <<CONF
[kdcdefaults]
  kdc_ports = $port
  kdc_tcp_ports = $port

[realms]
  $REALM = {
    database_name = $dir/principal
    key_stash_file = $dir/stash
    acl_file = $dir/kadm5.acl
    max_life = 10h 0m 0s
  }

[logging]
  kdc = FILE:$dir/krb5kdc.log
CONF
  : > "$dir/kadm5.acl"
  if [ ! -f "$dir/principal" ]; then
    kdb5_util create -s -r "$REALM" -P "master-$(date +%s%N)" >/dev/null
    kadmin.local -r "$REALM" -q "addprinc -pw $USER_PASSWORD $USER" >/dev/null
    kadmin.local -r "$REALM" -q "addprinc -randkey HTTP/localhost" >/dev/null
    kadmin.local -r "$REALM" -q "ktadd -k $dir/http.keytab HTTP/localhost" >/dev/null
  fi
  krb5kdc -n -P "$dir/krb5kdc.pid" >"$dir/krb5kdc.out" 2>&1 &
  for _ in $(seq 100); do
    [ -s "$dir/krb5kdc.pid" ] && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "krb5kdc did not start; see $dir/krb5kdc.out and $dir/krb5kdc.log" >&2
    cat "$dir/krb5kdc.out" >&2 || true
    exit 1
  fi
fi

echo "REALM=$REALM"
echo "KRB5_CONFIG=$dir/krb5.conf"
echo "KEYTAB=$dir/http.keytab"
echo "USER=$USER@$REALM"
echo "USER_PASSWORD=$USER_PASSWORD"
