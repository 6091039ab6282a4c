#!/usr/bin/env bash
# A throw-away single-node Ceph cluster (one ceph-mon, one memstore ceph-osd) and a radosgw S3
# endpoint on 127.0.0.1, for the RGW integration suite (npm run test:rgw). Installs nothing:
# needs Debian's radosgw, ceph-mon, ceph-osd and openssl (Ceph 16.2 in Debian 12). Every
# non-default setting below was measured to matter; the comment next to it says why.
#
#   scripts/rgw.sh start    start the cluster, wait until S3 answers, write the env file
#   scripts/rgw.sh stop     SIGKILL every daemon and delete the state (it is all in RAM anyway)
#   scripts/rgw.sh status   say whether it runs, and where
#   scripts/rgw.sh env      print the path of the env file (endpoints, S3 keys, ceph.conf)
#
# Ports come from RGW_HTTP_PORT (7480), RGW_HTTPS_PORT (7443) and RGW_MON_PORT (6789), so two
# clusters can run side by side; the state lives in RGW_STATE_DIR (default: one directory per
# HTTP port under $TMPDIR). The S3 keys are generated at start and only ever written to the env
# file (mode 600), never printed.
set -euo pipefail

http_port="${RGW_HTTP_PORT:-7480}"
https_port="${RGW_HTTPS_PORT:-7443}"
mon_port="${RGW_MON_PORT:-6789}"
state="${RGW_STATE_DIR:-${TMPDIR:-/tmp}/s3-audit-rgw-${http_port}}"
conf="$state/ceph.conf"
env_file="$state/env"
s3_user="s3-audit"

log() { printf 'rgw: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# A PID counts as running unless it is gone or a zombie: PID 1 here is not an init, so killed
# daemons can stay in the process table as zombies forever.
alive() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [ "${stat%% *}" != "Z" ]
}

running_pids() {
  local file pid
  for file in "$state"/pids/*; do
    [ -e "$file" ] || continue
    pid="$(cat "$file")"
    if alive "$pid"; then echo "$pid"; fi
  done
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() {
  local port="$1" what="$2" pid_file="$3" deadline=$((SECONDS + 60))
  until port_open "$port"; do
    alive "$(cat "$pid_file")" || die "$what exited during start-up; see $state/log/"
    [ "$SECONDS" -lt "$deadline" ] || die "$what did not open port $port within 60 s; see $state/log/"
    sleep 0.05
  done
}

# A daemon in the foreground (-f), detached from this shell, its PID recorded for stop.
launch() {
  local name="$1"
  shift
  setsid "$@" -f </dev/null >"$state/log/$name.out" 2>&1 &
  echo $! >"$state/pids/$name"
  disown $!
}

# Monitor commands, one a line, through one `ceph` process (its interactive mode reads stdin and
# reports each failure on stderr). With auth none, a client can send its first command before it
# has the monitor's map, with a zero fsid, which the monitor refuses (EPERM); every command here
# is idempotent, so the batch is simply sent again.
ceph_commands() {
  local attempt errors
  for attempt in 1 2 3 4 5; do
    errors="$(printf '%s\n' "$@" | ceph --conf "$conf" 2>&1 >>"$state/log/setup.log" | tee -a "$state/log/setup.log" | grep -E '^Error' || true)"
    [ -n "$errors" ] || return 0
    sleep 0.1
  done
  die "ceph commands kept failing: $errors"
}

# Seconds since an $EPOCHREALTIME value, to a tenth.
elapsed_since() {
  local micros=$(( ${EPOCHREALTIME/./} - ${1/./} ))
  printf '%d.%d' $((micros / 1000000)) $((micros % 1000000 / 100000))
}

random_chars() { LC_ALL=C tr -dc "$1" </dev/urandom | head -c "$2" || true; }

write_conf() {
  local fsid="$1"
  cat >"$conf" <<EOF
[global]
fsid = $fsid
# msgr v1 only: with auth none, radosgw 16.2 loops forever over msgr2.
mon host = v1:127.0.0.1:$mon_port
ms bind msgr2 = false
public addr = 127.0.0.1
# No cephx: nothing but this machine can reach it, and it lives for one test run.
auth cluster required = none
auth service required = none
auth client required = none
# Everything under the state directory, so that two clusters never share a file.
keyring = $state/keyring
run dir = $state/run
admin socket = $state/run/\$name.asok
log file = $state/log/\$name.log
# A failing step otherwise hangs for 300 s, or for ever.
client mount timeout = 30
rados mon op timeout = 30
rados osd op timeout = 30
# One OSD: one replica, and placement across OSDs rather than hosts.
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
# A monitor write otherwise waits 1 s: start-up would take 10-12 s instead of ~5.
paxos propose interval = 0.01
paxos min wait = 0.001

[mon]
mon data = $state/mon/\$name

[osd]
osd data = $state/osd/\$name
# Data in RAM, capped at 256 MiB: fast, and nothing to clean up on disk.
osd objectstore = memstore
memstore device bytes = 268435456
# Placed by hand before the OSD starts: its own crush updates at start hit the zero-fsid race
# described at ceph_commands, and the OSD then exits with "wrong fsid".
osd crush update on start = false
osd class update on start = false

[client.rgw]
rgw data = $state/rgw
# tcp_nodelay: without it Nagle and delayed ACKs stall every request with a body by ~40 ms.
rgw frontends = beast endpoint=127.0.0.1:$http_port ssl_endpoint=127.0.0.1:$https_port ssl_certificate=$state/tls/rgw.pem tcp_nodelay=1
EOF
}

rgw_pools=(.rgw.root default.rgw.control default.rgw.meta default.rgw.log default.rgw.buckets.index default.rgw.buckets.non-ec default.rgw.buckets.data)

start() {
  local command
  for command in ceph-mon ceph-osd radosgw radosgw-admin monmaptool ceph openssl; do
    command -v "$command" >/dev/null 2>&1 ||
      die "$command not found: apt-get install --no-install-recommends radosgw ceph-mon ceph-osd openssl"
  done
  if [ -n "$(running_pids 2>/dev/null)" ]; then die "already running in $state (scripts/rgw.sh stop first)"; fi
  for port in "$http_port" "$https_port" "$mon_port"; do
    if port_open "$port"; then die "port $port on 127.0.0.1 is in use (set RGW_HTTP_PORT, RGW_HTTPS_PORT, RGW_MON_PORT)"; fi
  done
  local started=$EPOCHREALTIME
  rm -rf "$state"
  mkdir -p "$state"/{pids,log,run,mon/mon.a,osd/osd.0,rgw,tls}
  chmod 700 "$state"
  : >"$state/keyring"
  # From here on, a failure leaves nothing running behind.
  ready=0
  trap '[ "$ready" = 1 ] || { log "start-up failed; stopping (logs in $state/log)"; stop_daemons; }' EXIT

  local fsid osd_uuid
  fsid="$(cat /proc/sys/kernel/random/uuid)"
  osd_uuid="$(cat /proc/sys/kernel/random/uuid)"
  write_conf "$fsid"

  # A certificate for the HTTPS endpoint (aws:SecureTransport tests), made fresh every start.
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$state/tls/key.pem" -out "$state/tls/cert.pem" >>"$state/log/setup.log" 2>&1
  cat "$state/tls/key.pem" "$state/tls/cert.pem" >"$state/tls/rgw.pem"

  monmaptool --create --fsid "$fsid" --addv a "[v1:127.0.0.1:$mon_port]" "$state/monmap" >>"$state/log/setup.log" 2>&1
  ceph-mon --conf "$conf" --mkfs -i a --monmap "$state/monmap" >>"$state/log/setup.log" 2>&1
  launch mon ceph-mon --conf "$conf" -i a
  wait_for_port "$mon_port" ceph-mon "$state/pids/mon"
  # The OSD's mkfs asks the monitor for its map: it runs while the monitor takes the commands below.
  ceph-osd --conf "$conf" -i 0 --mkfs --osd-uuid "$osd_uuid" >"$state/log/osd-mkfs.log" 2>&1 &
  local mkfs=$!

  # The OSD placed by hand, and the pools radosgw would otherwise create lazily (costing seconds
  # on the first CreateBucket and PutObject), in one ceph process: each one costs ~0.3 s to start.
  local pool setup=("osd new $osd_uuid 0" "osd crush add osd.0 1.0 root=default")
  for pool in "${rgw_pools[@]}"; do
    setup+=("osd pool create $pool 8 8" "osd pool application enable $pool rgw")
  done
  ceph_commands "${setup[@]}"
  wait "$mkfs" || die "ceph-osd --mkfs failed; see $state/log/osd-mkfs.log"
  launch osd ceph-osd --conf "$conf" -i 0

  # Waits for the OSD. The first radosgw-admin command also creates the default zone and zonegroup.
  local access_key secret_key
  access_key="$(random_chars 'A-Z0-9' 20)"
  secret_key="$(random_chars 'A-Za-z0-9' 40)"
  radosgw-admin --conf "$conf" user create --uid="$s3_user" --display-name="s3-audit RGW suite" \
    --access-key="$access_key" --secret-key="$secret_key" >/dev/null 2>>"$state/log/setup.log"

  # An empty api_name makes the zonegroup answer like us-east-1 (no LocationConstraint).
  radosgw-admin --conf "$conf" zonegroup get >"$state/zonegroup.json" 2>>"$state/log/setup.log"
  sed -i 's/"api_name": "[^"]*"/"api_name": ""/' "$state/zonegroup.json"
  radosgw-admin --conf "$conf" zonegroup set --infile "$state/zonegroup.json" >>"$state/log/setup.log" 2>&1

  launch rgw radosgw --conf "$conf" -n client.rgw
  wait_for_port "$http_port" radosgw "$state/pids/rgw"
  wait_for_port "$https_port" radosgw "$state/pids/rgw"

  (
    umask 077
    cat >"$env_file" <<EOF
AWS_ACCESS_KEY_ID=$access_key
AWS_SECRET_ACCESS_KEY=$secret_key
RGW_ENDPOINT_URL=http://127.0.0.1:$http_port
RGW_HTTPS_ENDPOINT_URL=https://127.0.0.1:$https_port
RGW_CA_CERT=$state/tls/cert.pem
RGW_CEPH_CONF=$conf
RGW_USER=$s3_user
EOF
  )
  ready=1
  log "ready in $(elapsed_since "$started") s: http://127.0.0.1:$http_port and https://127.0.0.1:$https_port (env file: $env_file)"
}

stop_daemons() {
  local pids pid deadline=$((SECONDS + 10))
  pids="$(running_pids)"
  [ -n "$pids" ] || return 0
  for pid in $pids; do kill -KILL "$pid" 2>/dev/null || true; done
  for pid in $pids; do
    while alive "$pid"; do
      [ "$SECONDS" -lt "$deadline" ] || die "PID $pid survived SIGKILL"
      sleep 0.02
    done
  done
}

stop() {
  if [ ! -d "$state/pids" ]; then
    log "not running ($state does not exist)"
    return 0
  fi
  stop_daemons
  rm -rf "$state"
  log "stopped"
}

status() {
  if [ -n "$(running_pids 2>/dev/null)" ] && [ -f "$env_file" ]; then
    log "running: http://127.0.0.1:$http_port, https://127.0.0.1:$https_port, state in $state"
  else
    log "not running (state dir: $state)"
    return 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  env)
    status 2>/dev/null || die "no cluster running in $state"
    echo "$env_file"
    ;;
  *)
    echo "usage: scripts/rgw.sh start|stop|status|env" >&2
    exit 2
    ;;
esac
