#!/usr/bin/env bash
# Runs the README's Slurm recipe on a real one-node Slurm cluster and checks that the sharded, merged report
# equals the unsharded one.
#
#   sudo bash Tests/slurm/slurm-test.sh [PATH/TO/anomaly-report]      (or ANOMALY_REPORT=…; default
#                                                                       .build/release/anomaly-report)
#
# What it does, in order:
#   1. starts munged, slurmctld and slurmd as children of this script, every file of theirs (munge key, sockets,
#      pid files, slurm.conf, state and spool directories, logs) in one temporary directory, the configuration named
#      by SLURM_CONF; free ports are chosen so that a site's own Slurm (if any) is never touched;
#   2. waits until the node is idle;
#   3. writes 40 small inputs (20 histogram files of 200 runs × 20 bins, 20 series of 300 points) and a config
#      `monitors.json` naming them; the series carry short MC-EM settings in the config itself, so the recipe runs
#      exactly as the README prints it;
#   4. extracts the recipe from README.md (the fenced block between `<!-- slurm-recipe -->` and
#      `<!-- /slurm-recipe -->`) and runs it with bash in the directory holding `monitors.json`, with
#      `anomaly-report` on PATH and SOURCE_DATE_EPOCH exported (sbatch passes both on to the jobs); the recipe
#      must submit the shards as one array job and the merge as a job depending on it, and leave the merged
#      report in `./report`;
#   5. waits until every job has left the queue, and checks that every job (each array task and the merge)
#      COMPLETED with exit code 0 and that the merge started after the last shard ended;
#   6. runs the unsharded `anomaly-report run --config monitors.json` locally with the same SOURCE_DATE_EPOCH and
#      checks: the two reports hold the same files; figures/ and data/ are byte-identical (diff -r);
#      both summary.json files carry a top-level "invocation" key and are equal once it is removed.
# On exit (success, failure or interrupt) it cancels any job still queued, stops exactly the three daemons it
# started (by their pid: TERM, then KILL after 10 s), and any job step a dead controller left behind (by pid,
# found by this cluster's SLURM_CONF in its environment), and removes its temporary directory (KEEP_TMP=1 keeps it).
# Prints "slurm-test: passed" or "slurm-test: FAILED: why" (with the relevant logs) and exits 0 or 1.
#
# Needs root (munged and slurmd run as root here), Debian's slurm-wlm and munge, python3.
# Takes 75–85 s on the 2-core machine class (shared, 2026-11-29); JOB_TIMEOUT (default 240 s) bounds the wait for jobs.

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
readme=${README:-$repo/README.md}
bin=${1:-${ANOMALY_REPORT:-.build/release/anomaly-report}}
job_timeout=${JOB_TIMEOUT:-240}
epoch=${SOURCE_DATE_EPOCH:-1700000000}
shards=4

started=$SECONDS
say() { printf 'slurm-test: %s\n' "$*"; }
elapsed() { printf '%ds' $((SECONDS - started)); }

# MARK: - Failure and clean-up

tmp=""
pids=()        # daemons started here, in start order; stopped in reverse order
names=()       # their names, for messages
logs_on_failure=()

fail() {
    local why=$1
    for f in "${logs_on_failure[@]}"; do
        [ -s "$f" ] || continue
        printf -- '----- %s (last 20 lines)\n' "${f#"$tmp"/}" >&2
        tail -n 20 "$f" >&2
    done
    printf 'slurm-test: FAILED: %s\n' "$why" >&2
    exit 1
}

stop_pid() {  # TERM, wait up to 10 s, then KILL; only ever a pid this script started
    local pid=$1
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# Job steps (slurmstepd and the job's own processes) outlive slurmd when the controller is gone and scancel
# cannot reach them. They are recognised by carrying this cluster's SLURM_CONF (a path in our temporary
# directory) in their environment, as slurmd and sbatch hand it on, and stopped by pid like the daemons.
stop_leftovers() {
    [ -n "${SLURM_CONF:-}" ] || return 0
    export -n SLURM_CONF  # so that the processes of this scan do not carry it themselves
    local e pid leftovers=()
    for e in $(grep -lzxF "SLURM_CONF=$SLURM_CONF" /proc/[0-9]*/environ 2>/dev/null); do
        pid=${e#/proc/}; pid=${pid%/environ}
        [ "$pid" = $$ ] || leftovers+=("$pid")
    done
    [ ${#leftovers[@]} -eq 0 ] && return 0
    say "stopping ${#leftovers[@]} process(es) left by the cluster's jobs: ${leftovers[*]}"
    kill -TERM "${leftovers[@]}" 2>/dev/null
    sleep 2
    kill -KILL "${leftovers[@]}" 2>/dev/null
    return 0
}

cleanup() {
    local rc=$?
    set +e
    if [ -n "${SLURM_CONF:-}" ] && [ ${#pids[@]} -ge 2 ]; then
        # Jobs still queued or running (a failure or an interrupt) are cancelled before their daemons stop.
        local live
        live=$(squeue -h -o %A 2>/dev/null)
        if [ -n "$live" ]; then
            scancel $live 2>/dev/null
            sleep 2
        fi
    fi
    local i
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do stop_pid "${pids[i]}"; done
    stop_leftovers
    if [ -n "$tmp" ] && [ -d "$tmp" ]; then
        if [ "${KEEP_TMP:-0}" = 1 ]; then say "kept $tmp"; else rm -rf "$tmp"; fi
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'printf "slurm-test: FAILED: interrupted\n" >&2; exit 130' INT TERM

# MARK: - Preconditions

[ "$(id -u)" = 0 ] || fail "must run as root (it starts munged and slurmd)"
for cmd in munged mungekey slurmctld slurmd sbatch squeue scontrol sinfo python3; do
    command -v "$cmd" >/dev/null 2>&1 || fail "$cmd not found (apt-get install slurm-wlm munge python3)"
done
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
[ -x "$bin" ] || fail "no anomaly-report binary at $bin (build it: make release)"
[ -f "$readme" ] || fail "no README at $readme"

recipe=$(awk '/<!-- slurm-recipe -->/ { inside = 1; next } /<!-- \/slurm-recipe -->/ { inside = 0 } inside' "$readme" |
         grep -v '^[[:space:]]*```')
[ -n "$recipe" ] || fail "$readme has no recipe between <!-- slurm-recipe --> and <!-- /slurm-recipe -->"
grep -q 'sbatch.*--array' <<<"$recipe" || fail "the README's Slurm recipe has no 'sbatch --array'"
grep -q -- '--dependency=afterok' <<<"$recipe" || fail "the README's Slurm recipe has no '--dependency=afterok'"

tmp=$(mktemp -d /tmp/slurm-test.XXXXXX)
chmod 700 "$tmp"
mkdir -p "$tmp/munge" "$tmp/state" "$tmp/spool" "$tmp/bin" "$tmp/work"

daemons_alive() {
    local i
    for i in "${!pids[@]}"; do
        kill -0 "${pids[i]}" 2>/dev/null || fail "${names[i]} (pid ${pids[i]}) has exited"
    done
}

# MARK: - munge

mungekey --create --keyfile="$tmp/munge/munge.key" 2>"$tmp/munge/mungekey.err" ||
    { logs_on_failure=("$tmp/munge/mungekey.err"); fail "mungekey could not create a key"; }
chmod 600 "$tmp/munge/munge.key"
socket=$tmp/munge/munge.socket
munged --foreground --force --socket="$socket" --key-file="$tmp/munge/munge.key" \
       --pid-file="$tmp/munge/munged.pid" --seed-file="$tmp/munge/munged.seed" \
       --log-file="$tmp/munge/munged.log" >"$tmp/munge/munged.out" 2>&1 &
pids+=($!); names+=(munged)
logs_on_failure=("$tmp/munge/munged.out" "$tmp/munge/munged.log")
for _ in $(seq 1 100); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || fail "munged did not open its socket within 10 s"
munge --socket="$socket" -n | unmunge --socket="$socket" >/dev/null 2>&1 || fail "munge cannot decode its own credential"

# MARK: - Slurm

node=$(hostname -s)
cpus=$(nproc)
read -r ctld_port slurmd_port < <(python3 -c '
import socket
ss = [socket.socket() for _ in range(2)]
for s in ss: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in ss])')

export SLURM_CONF=$tmp/slurm.conf
cat >"$SLURM_CONF" <<EOF
ClusterName=slurmtest
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
ReturnToService=2
MinJobAge=600
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF

logs_on_failure=("$tmp/munge/munged.log" "$tmp/slurmctld.out" "$tmp/slurmctld.log" "$tmp/slurmd.out" "$tmp/slurmd.log")
slurmctld -D -i -f "$SLURM_CONF" >"$tmp/slurmctld.out" 2>&1 &
pids+=($!); names+=(slurmctld)
slurmd -D -N "$node" -f "$SLURM_CONF" >"$tmp/slurmd.out" 2>&1 &
pids+=($!); names+=(slurmd)

state=""
for _ in $(seq 1 120); do
    daemons_alive
    state=$(sinfo -h -n "$node" -o %t 2>/dev/null || true)
    [ "$state" = idle ] && break
    sleep 0.5
done
[ "$state" = idle ] || fail "node $node not idle after 60 s (state: '${state:-no answer}')"
say "one-node cluster up ($node, $cpus CPUs) after $(elapsed)"

# MARK: - Inputs

work=$tmp/work
ln -s "$bin" "$tmp/bin/anomaly-report"
export PATH=$tmp/bin:$PATH
export SOURCE_DATE_EPOCH=$epoch

mkdir -p "$work/inputs"
for k in $(seq 1 20); do
    anomaly-report generate dinamo --seed "$k" --runs 200 --bins 20 --output "$work/inputs/hist-$k.csv" \
        >>"$tmp/generate.log" 2>&1 || { logs_on_failure+=("$tmp/generate.log"); fail "generate dinamo --seed $k failed"; }
    anomaly-report generate series --seed "$k" --length 300 --output "$work/inputs/series-$k.csv" \
        >>"$tmp/generate.log" 2>&1 || { logs_on_failure+=("$tmp/generate.log"); fail "generate series --seed $k failed"; }
done
python3 - "$work/monitors.json" <<'EOF'
import json, sys
config = {
    "seed": 7,
    "dinamo": [{"input": f"inputs/hist-{k}.csv", "alpha": "auto"} for k in range(1, 21)],
    # The settings of --quick, in the config, so that the README's recipe runs unchanged.
    "series": [{"input": f"inputs/series-{k}.csv", "epochs": 8, "samples": 4} for k in range(1, 21)],
}
with open(sys.argv[1], "w") as f:
    json.dump(config, f, indent=1)
EOF
say "40 inputs and monitors.json written after $(elapsed)"

# MARK: - The README's recipe, on the cluster

logs_on_failure=("$tmp/recipe.out" "$tmp/slurmctld.log")
(cd "$work" && bash -euo pipefail -c "$recipe") >"$tmp/recipe.out" 2>&1 ||
    fail "the README's recipe failed when submitting (exit $?)"

deadline=$((SECONDS + job_timeout))
while :; do
    daemons_alive
    queued=$(squeue -h -o %A) || fail "squeue cannot reach the controller"
    [ -n "$queued" ] || break
    [ $SECONDS -lt $deadline ] || fail "jobs still queued after ${job_timeout} s: $(squeue -h -o '%i %j %T %r' | tr '\n' ';')"
    sleep 1
done
say "all jobs left the queue after $(elapsed)"

logs_on_failure=("$tmp/slurmctld.log")
for f in "$work"/slurm-*.out; do [ -e "$f" ] && logs_on_failure+=("$f"); done
scontrol show job --oneliner >"$tmp/jobs.txt" 2>&1 || fail "scontrol show job failed"
job_problems=$(python3 - "$tmp/jobs.txt" "$shards" <<'EOF'
import sys
from datetime import datetime

def fields(line):
    out = {}
    for token in line.split():
        key, sep, value = token.partition("=")
        if sep:
            out[key] = value
    return out

jobs = [fields(l) for l in open(sys.argv[1]) if l.startswith("JobId=")]
shards = int(sys.argv[2])
problems = []
tasks = [j for j in jobs if j.get("ArrayTaskId", "") not in ("", "N/A")]
others = [j for j in jobs if j not in tasks]
for j in jobs:
    if j.get("JobState") != "COMPLETED" or j.get("ExitCode") != "0:0":
        name = f"{j['ArrayJobId']}_{j['ArrayTaskId']}" if j in tasks else j.get("JobId")
        problems.append(f"job {name} ({j.get('JobName')}) {j.get('JobState')} exit {j.get('ExitCode')}"
                        f" reason {j.get('Reason')}")
if sorted(j["ArrayTaskId"] for j in tasks) != sorted(str(i) for i in range(shards)):
    problems.append(f"expected array tasks 0..{shards - 1}, found {sorted(j.get('ArrayTaskId') for j in tasks)}")
if len(others) != 1:
    problems.append(f"expected one merge job besides the array, found {len(others)}")
elif not problems:
    when = lambda s: datetime.strptime(s, "%Y-%m-%dT%H:%M:%S")
    last_shard_end = max(when(j["EndTime"]) for j in tasks)
    if when(others[0]["StartTime"]) < last_shard_end:
        problems.append(f"the merge started at {others[0]['StartTime']}, before the last shard ended ({last_shard_end})")
print("; ".join(problems))
EOF
) || fail "could not read the jobs' states from scontrol"
[ -z "$job_problems" ] || fail "on Slurm: $job_problems"
[ -d "$work/report" ] || fail "the recipe left no merged report in ./report"
say "$shards shards and the dependent merge completed on Slurm after $(elapsed)"

# MARK: - The unsharded run, and the comparison

logs_on_failure=()
(cd "$work" && anomaly-report run --config monitors.json --output whole) >"$tmp/whole.out" 2>&1 ||
    { rc=$?; logs_on_failure+=("$tmp/whole.out"); fail "the unsharded run exited $rc"; }

for f in index.html summary.json; do
    [ -f "$work/report/$f" ] || fail "the merged report has no $f"
done
(cd "$work/report" && find . -type f | LC_ALL=C sort) >"$tmp/files-merged.txt"
(cd "$work/whole" && find . -type f | LC_ALL=C sort) >"$tmp/files-whole.txt"
if ! diff "$tmp/files-whole.txt" "$tmp/files-merged.txt" >"$tmp/files.diff"; then
    logs_on_failure=("$tmp/files.diff")
    fail "the merged report and the unsharded one hold different files (< unsharded only, > merged only)"
fi
for d in figures data; do
    [ -d "$work/whole/$d" ] || fail "the unsharded report has no $d/"
    if ! diff -r "$work/whole/$d" "$work/report/$d" >"$tmp/$d.diff" 2>&1; then
        logs_on_failure=("$tmp/$d.diff")
        fail "$d/ of the merged report differs from the unsharded run's"
    fi
done
summary_difference=$(python3 - "$work/whole/summary.json" "$work/report/summary.json" <<'EOF'
import json, sys
whole, merged = (json.load(open(p)) for p in sys.argv[1:3])
missing = [which for which, s in (("unsharded", whole), ("merged", merged)) if "invocation" not in s]
for s in (whole, merged):
    s.pop("invocation", None)
if missing:
    print(f"the {' and the '.join(missing)} summary has no \"invocation\" key (docs/output.md)")
elif whole != merged:
    def first_difference(a, b, path="$"):
        if type(a) != type(b):
            return f"{path}: {a!r:.80} vs {b!r:.80}"
        if isinstance(a, dict):
            for k in sorted(set(a) | set(b)):
                if k not in a or k not in b:
                    return f"{path}.{k}: only in the {'merged' if k in b else 'unsharded'} summary"
                d = first_difference(a[k], b[k], f"{path}.{k}")
                if d:
                    return d
            return None
        if isinstance(a, list):
            if len(a) != len(b):
                return f"{path}: {len(a)} entries unsharded, {len(b)} merged"
            for i, (x, y) in enumerate(zip(a, b)):
                d = first_difference(x, y, f"{path}[{i}]")
                if d:
                    return d
            return None
        return None if a == b else f"{path}: {a!r:.80} unsharded, {b!r:.80} merged"
    print("differs beyond \"invocation\": ", end="")
    print(first_difference(whole, merged))
EOF
) || fail "could not read summary.json of both reports"
[ -z "$summary_difference" ] || fail "summary.json: $summary_difference"

say "passed ($shards shards + merge on Slurm equal the unsharded run; $(find "$work/report/figures" -type f | wc -l) figure files, $(find "$work/report/data" -type f | wc -l) data files; $(elapsed))"
