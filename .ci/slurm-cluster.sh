#!/usr/bin/env bash
# A real, single-node SLURM cluster on this machine, for the CI tests of
# `iblrnn sweep --executor slurm`.
#
# Usage (as root, on Debian 12; works in a container without systemd):
#   .ci/slurm-cluster.sh start      install slurm-wlm + munge if missing, write the config, start
#                                   munged, slurmctld and slurmd, wait until the node is idle.
#                                   Idempotent: does nothing if the cluster already answers.
#   .ci/slurm-cluster.sh selftest   submit a 4-task job array, wait for it, check its 4 outputs.
#   .ci/slurm-cluster.sh status     show what is running (munge, controller, node, queue).
#   .ci/slurm-cluster.sh stop       cancel every job and stop slurmd, slurmctld and munged.
#
# To try it locally, in a throwaway Debian 12 container:
#   docker run --rm -it -v "$PWD:/src" -w /src debian:12 \
#     bash -c '.ci/slurm-cluster.sh start && .ci/slurm-cluster.sh selftest && sinfo'
# After `start` the daemons keep running when this script exits (they detach from it), so later
# steps can call sbatch/squeue/scancel/scontrol directly.
#
# What it sets up (Debian 12 ships Slurm 22.05 and MUNGE 0.5.15):
#   - /etc/slurm/slurm.conf (Debian's path since Slurm 20.11; older Debian used /etc/slurm-llnl).
#   - One node named $(hostname -s), at 127.0.0.1, with CPUs=$(nproc) and RealMemory a little
#     below the machine's memory, in partition "debug" (the default; no time limit).
#   - select/cons_tres with CR_Core: each task gets one CPU and memory is NOT a consumable
#     resource, so as many array tasks run at once as there are CPUs. (With CR_Core_Memory every
#     job would by default take the whole node's memory and jobs would run one at a time.)
#   - proctrack/linuxproc + task/none: no cgroups, so no cgroup.conf is needed and it works in
#     containers.
#   - No accounting (no slurmdbd): `sacct` does not work; a finished job stays visible to
#     `squeue`/`scontrol show job` for MinJobAge (300 s), and a one-line record of every finished
#     job is appended to /var/log/slurm/jobcomp.log.
#   - MaxArraySize=10001 (array indices 0..10000).
#   - Jobs run as the user who submits them, in the directory they are submitted from.
# Logs: /var/log/slurm/slurmctld.log, /var/log/slurm/slurmd.log, /var/log/munge/munged.log.
#
# Optional environment:
#   SLURM_CI_CPUS     CPUs the node offers (default: nproc; must not exceed what slurmd detects)
#   SLURM_CI_TIMEOUT  seconds to wait for the daemons / the selftest job (default 60 / 120)
set -euo pipefail

CONF_DIR=/etc/slurm
CONF="$CONF_DIR/slurm.conf"
LOG_DIR=/var/log/slurm
CTLD_LOG="$LOG_DIR/slurmctld.log"
SLURMD_LOG="$LOG_DIR/slurmd.log"
MUNGE_LOG=/var/log/munge/munged.log
CTLD_PID=/run/slurmctld.pid
SLURMD_PID=/run/slurmd.pid
MUNGE_PID=/run/munge/munged.pid
MUNGE_KEY=/etc/munge/munge.key
CLUSTER=iblrnn-ci
PARTITION=debug
TIMEOUT="${SLURM_CI_TIMEOUT:-60}"

log() { echo "slurm-cluster: $*"; }

# Print the end of every daemon log, and what the daemons printed before opening them (used when
# start or selftest fails).
dump_logs() {
  local f
  for f in "$LOG_DIR"/munged.stderr "$LOG_DIR"/slurmctld.stderr "$LOG_DIR"/slurmd.stderr; do
    if [ -s "$f" ]; then
      echo "----- $f -----"
      cat "$f"
    fi
  done
  for f in "$MUNGE_LOG" "$CTLD_LOG" "$SLURMD_LOG"; do
    if [ -f "$f" ]; then
      echo "----- last 40 lines of $f -----"
      tail -n 40 "$f"
    else
      echo "----- $f: not there -----"
    fi
  done
}

# On error: say why, show the logs, exit 1.
fail() {
  echo "slurm-cluster: ERROR: $*" >&2
  dump_logs >&2
  exit 1
}

# Client commands wait a long time for an absent controller; cap them.
q() { timeout 15 "$@"; }

munge_ok() { command -v munge >/dev/null 2>&1 && munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }

controller_up() {
  [ -f "$CONF" ] && command -v scontrol >/dev/null 2>&1 || return 1
  q scontrol ping 2>/dev/null | grep -q 'is UP'
}

node_name() { hostname -s; }

# State of our node as sinfo prints it ("idle", "mixed", "down*", "drained", ...).
node_state() { q sinfo -h -N -n "$(node_name)" -o %T 2>/dev/null | head -n 1; }

node_usable() { [[ "$(node_state)" =~ ^(idle|mixed|allocated|completing)$ ]]; }

cluster_ok() { munge_ok && controller_up && node_usable; }

# ---------------------------------------------------------------------------------------------
# 1. Packages.
install_packages() {
  if command -v sbatch >/dev/null && command -v slurmctld >/dev/null \
     && command -v slurmd >/dev/null && command -v munged >/dev/null; then
    return 0
  fi
  log "installing Debian's slurm-wlm and munge"
  export DEBIAN_FRONTEND=noninteractive
  # Keep the packages' init scripts from starting daemons with the packaged defaults while we
  # install (we start them ourselves below); Docker images already have this file.
  local made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT   # also if apt-get is interrupted
  fi
  local rc=0
  { apt-get update -q && apt-get install -y -q --no-install-recommends slurm-wlm munge; } \
    > /tmp/slurm-cluster-apt.log 2>&1 || rc=$?
  if [ "$made_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; trap - EXIT; fi
  if [ "$rc" != 0 ]; then
    tail -n 30 /tmp/slurm-cluster-apt.log >&2
    fail "apt-get install slurm-wlm munge failed"
  fi
}

# ---------------------------------------------------------------------------------------------
# The short hostname must resolve: slurmd finds its NodeName from it, and the daemons look it up.
# (Docker's /etc/hosts is bind-mounted: append to it, never `sed -i` it.)
ensure_hostname() {
  local node
  node="$(node_name)"
  if ! getent hosts "$node" >/dev/null; then
    log "adding '127.0.0.1 $node' to /etc/hosts"
    echo "127.0.0.1 $node" >> /etc/hosts
  fi
}

# ---------------------------------------------------------------------------------------------
# 2. MUNGE: a fresh key, the right owners, munged running as the munge user.
start_munge() {
  install -d -o munge -g munge -m 0700 /etc/munge /var/log/munge
  install -d -o munge -g munge -m 0711 /var/lib/munge
  install -d -o munge -g munge -m 0755 /run/munge
  rm -f "$MUNGE_KEY"
  if [ -x /usr/sbin/mungekey ]; then
    /usr/sbin/mungekey --create --keyfile="$MUNGE_KEY" --bits=1024
  else
    dd if=/dev/urandom of="$MUNGE_KEY" bs=1 count=1024 status=none
  fi
  chown munge:munge "$MUNGE_KEY"
  chmod 0400 "$MUNGE_KEY"
  # munged forks into the background itself; setsid + closed stdio keep it off this script's
  # session, process group and pipes (a CI runner would otherwise wait for the pipes to close).
  # (What a daemon prints before it has opened its log file, e.g. a config error, goes to
  # /var/log/slurm/NAME.stderr.)
  setsid runuser -u munge -- /usr/sbin/munged </dev/null >"$LOG_DIR/munged.stderr" 2>&1 \
    || fail "munged did not start"
  local i
  for i in $(seq 1 20); do
    munge_ok && return 0
    sleep 0.5
  done
  fail "munge -n | unmunge does not work"
}

# ---------------------------------------------------------------------------------------------
# 3. slurm.conf for one node on localhost.
write_config() {
  local node cpus mem_mb
  node="$(node_name)"
  cpus="${SLURM_CI_CPUS:-$(nproc)}"
  # RealMemory: 95% of MemTotal, in MiB. More than slurmd measures would drain the node
  # ("Low RealMemory"); memory is not scheduled (CR_Core), this only bounds --mem requests.
  mem_mb=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.95 }' /proc/meminfo)
  cat > "$CONF" <<EOF
# Written by .ci/slurm-cluster.sh: a single-node cluster for CI. Do not edit; rerun the script.
ClusterName=$CLUSTER
# The controller and the node are this machine; the address is fixed so no DNS is needed.
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CryptoType=crypto/munge
SlurmctldPort=6817
SlurmdPort=6818
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=$CTLD_PID
SlurmdPidFile=$SLURMD_PID
SlurmctldLogFile=$CTLD_LOG
SlurmdLogFile=$SLURMD_LOG
SlurmctldDebug=info
SlurmdDebug=info
# No cgroups: plain /proc process tracking, no task binding (so no cgroup.conf).
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
# No mail on this machine (silences "Configured MailProg is invalid").
MailProg=/bin/true
SwitchType=switch/none
# No accounting daemon; finished jobs get one line each in jobcomp.log.
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=$LOG_DIR/jobcomp.log
# One CPU per task, memory not a consumable resource: array tasks run side by side.
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MaxArraySize=10001
MaxJobCount=50000
# A node that was down (e.g. after a restart) comes back as soon as its slurmd registers.
ReturnToService=2
SlurmctldTimeout=120
SlurmdTimeout=300
InactiveLimit=0
MinJobAge=300
KillWait=30
Waittime=0
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=$PARTITION Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
  chmod 0644 "$CONF"
}

# ---------------------------------------------------------------------------------------------
# 4. slurmctld and slurmd; wait until the node is idle.
start_slurm() {
  local node i state
  node="$(node_name)"
  # Both daemons fork into the background themselves (no -D); see start_munge for setsid.
  setsid /usr/sbin/slurmctld </dev/null >"$LOG_DIR/slurmctld.stderr" 2>&1 \
    || fail "slurmctld did not start"
  for i in $(seq 1 "$TIMEOUT"); do
    controller_up && break
    [ "$i" = "$TIMEOUT" ] && fail "slurmctld does not answer 'scontrol ping' after ${TIMEOUT}s"
    sleep 1
  done
  setsid /usr/sbin/slurmd -N "$node" </dev/null >"$LOG_DIR/slurmd.stderr" 2>&1 \
    || fail "slurmd did not start"
  for i in $(seq 1 "$TIMEOUT"); do
    state="$(node_state)"
    case "$state" in
      idle|mixed|allocated|completing) return 0 ;;
      down|drain*|fail)
        # Down or drained while its slurmd answers (no '*'): put it back in service.
        log "node $node is '$state'; resuming it"
        q scontrol update nodename="$node" state=resume || true ;;
    esac
    sleep 1
  done
  q sinfo -N -l >&2 || true
  q scontrol show node "$node" >&2 || true
  fail "node $node is '$state', not idle, after ${TIMEOUT}s"
}

# Stop everything this script starts: the daemons named in the pid files, plus any process with
# exactly one of the daemons' names (e.g. started some other way, or a job's slurmstepd).
stop_daemons() {
  local ids pids=() f pid name i alive
  if controller_up; then
    # Cancel every job, so no job processes outlive the cluster.
    ids="$(q squeue -h -o %A 2>/dev/null || true)"
    if [ -n "$ids" ]; then
      log "cancelling jobs: $(tr '\n' ' ' <<< "$ids")"
      # shellcheck disable=SC2086
      q scancel $ids 2>/dev/null || true
      for i in $(seq 1 20); do
        [ -z "$(q squeue -h -o %A 2>/dev/null || true)" ] && break
        sleep 0.5
      done
    fi
  fi
  for f in "$SLURMD_PID" "$CTLD_PID" "$MUNGE_PID"; do
    pid="$(cat "$f" 2>/dev/null || true)"
    # (only if that pid is still one of ours: a stale file may name a reused pid)
    [[ "$pid" =~ ^[0-9]+$ ]] && [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" =~ ^(slurmd|slurmctld|munged)$ ]] \
      && pids+=("$pid")
  done
  for name in slurmd slurmctld slurmstepd munged; do
    for pid in $(pgrep -x "$name" || true); do pids+=("$pid"); done
  done
  # TERM all at once (each takes a second or two to exit), wait up to 15 s, then KILL.
  if [ "${#pids[@]}" -gt 0 ]; then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    for i in $(seq 1 30); do
      alive=0
      for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
      [ "$alive" = 0 ] && break
      sleep 0.5
    done
    kill -KILL "${pids[@]}" 2>/dev/null || true
  fi
  rm -f "$SLURMD_PID" "$CTLD_PID" "$MUNGE_PID"
}

cmd_start() {
  [ "$(id -u)" = 0 ] || { echo "slurm-cluster: start must run as root" >&2; exit 1; }
  if cluster_ok; then
    log "already running (node $(node_name) is $(node_state)); nothing to do"
    return 0
  fi
  SECONDS=0
  install_packages
  stop_daemons      # half-started leftovers from an earlier run
  ensure_hostname
  install -d -m 0755 "$CONF_DIR" "$LOG_DIR" /var/spool/slurmctld /var/spool/slurmd
  start_munge
  write_config
  start_slurm
  log "started in ${SECONDS}s: $(slurmctld -V), node $(node_name) $(node_state)," \
      "CPUs=$(q sinfo -h -N -n "$(node_name)" -o %c), partition $PARTITION"
}

cmd_stop() {
  [ "$(id -u)" = 0 ] || { echo "slurm-cluster: stop must run as root" >&2; exit 1; }
  stop_daemons
  log "stopped"
}

cmd_status() {
  local rc=0
  if munge_ok; then log "munge: ok"; else log "munge: NOT working"; rc=1; fi
  if controller_up; then
    q scontrol ping
    q sinfo -N -l || true
    q squeue || true
    node_usable || rc=1
  else
    log "slurmctld: not answering"; rc=1
  fi
  return "$rc"
}

# ---------------------------------------------------------------------------------------------
# 5. Selftest: a 4-task array; every task must finish COMPLETED with its own output, and (with 2+
# CPUs) at least two must have run at the same time.
cmd_selftest() {
  local timeout="${SLURM_CI_TIMEOUT:-120}" dir jobid i f ok=1 n concurrent
  cluster_ok || fail "the cluster is not running (run: $0 start)"
  dir="$(mktemp -d /tmp/slurm-selftest.XXXXXX)"
  chmod 0755 "$dir"
  # shellcheck disable=SC2016  # $SLURM_ARRAY_TASK_ID is expanded by the job, not here
  jobid="$(q sbatch --parsable --array=0-3 --job-name=ci-selftest --chdir="$dir" \
            --output="$dir/out_%a.txt" --time=5 \
            --wrap 'echo "$SLURM_ARRAY_TASK_ID start $(date +%s.%N)"; sleep 3; echo "$SLURM_ARRAY_TASK_ID end $(date +%s.%N)"')" \
    || fail "sbatch failed"
  jobid="${jobid%%;*}"
  log "submitted job array $jobid (4 tasks), outputs in $dir"
  SECONDS=0
  while [ -n "$(q squeue -h -j "$jobid" -o %i 2>/dev/null || echo still)" ]; do
    if [ "$SECONDS" -ge "$timeout" ]; then
      q squeue -j "$jobid" >&2 || true
      q scancel "$jobid" || true
      fail "selftest: job $jobid still queued or running after ${timeout}s"
    fi
    sleep 1
  done
  log "job array $jobid left the queue after ${SECONDS}s"
  # Each task's record (kept MinJobAge seconds after it ends): state and exit code.
  n="$(q scontrol -o show job "$jobid" 2>/dev/null \
       | grep -c 'JobState=COMPLETED .*ExitCode=0:0' || true)"
  if [ "$n" != 4 ]; then
    echo "slurm-cluster: selftest: $n of 4 tasks COMPLETED with exit code 0:" >&2
    q scontrol -o show job "$jobid" | grep -o 'ArrayTaskId=[0-9]*\|JobState=[A-Z_]*\|ExitCode=[0-9:]*' \
      | paste - - - >&2 || true
    ok=0
  fi
  for i in 0 1 2 3; do
    f="$dir/out_$i.txt"
    if [ ! -f "$f" ]; then
      echo "slurm-cluster: selftest: $f is missing" >&2; ok=0
    elif ! grep -q "^$i end " "$f"; then
      echo "slurm-cluster: selftest: $f does not hold task $i's output:" >&2; cat "$f" >&2; ok=0
    fi
  done
  [ "$ok" = 1 ] || fail "selftest failed (outputs in $dir)"
  # Largest number of tasks running at one moment, from their start/end times.
  concurrent="$(cat "$dir"/out_*.txt | awk '{ print $3, ($2 == "start" ? 1 : -1) }' | sort -n \
                | awk '{ c += $2; if (c > m) m = c } END { print m + 0 }')"
  log "up to $concurrent of the 4 tasks ran at the same time"
  if [ "$(q sinfo -h -N -n "$(node_name)" -o %c)" -ge 2 ] && [ "$concurrent" -lt 2 ]; then
    fail "selftest: the array tasks ran one at a time although the node has 2+ CPUs"
  fi
  rm -rf "$dir"
  log "selftest passed"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  selftest) cmd_selftest ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|selftest|status" >&2; exit 2 ;;
esac
