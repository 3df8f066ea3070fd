#!/usr/bin/env bash
# Rollout time of deploy/ansible/rollout.yml on six served TDX hosts (each behind its own
# sshd, Ansible over real SSH), in batches of 2 and of 6, against Ansible's own cost on
# the same hosts in the same run: status.yml, a play that only gathers tdx_status.
#
# Goal (issue 17): rollout <= status-only play + sum over batches of the slowest host's
# `tdxctl update` time (the report's duration_s).
#
# Each round runs, in order: the status-only play, a rollout in batches of 2, the
# status-only play, a rollout in batches of 6. Before each rollout every host is served
# afresh (running 1.5.06, not timed). Prints the medians and the goal check as a table.
#
# Usage: Benchmarks/fleet-rollout.sh [ROUNDS]   (default 3; TDXCTL=a tdxctl built with
# the FUSE trait, else a release build is made; TDX_E2E_IMAGES as for the e2e test).
set -euo pipefail

if [ -z "${FLEET_BENCH_BOUNDED:-}" ]; then
    FLEET_BENCH_BOUNDED=1 exec timeout --kill-after=15 "${FLEET_BENCH_TIMEOUT:-1800}" "$0" "$@"
fi

rounds="${1:-3}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
ansible_dir="$repo/deploy/ansible"
# shellcheck source=../deploy/ansible/tests/fleet.sh
source "$ansible_dir/tests/fleet.sh"

missing="$(fleet_missing)"
[ -z "$missing" ] || { echo "cannot run: $missing" >&2; exit 1; }
images="$(fleet_find_images "$repo")"
[ -n "$images" ] || { echo "cannot run: no module images (TDX_E2E_IMAGES)" >&2; exit 1; }
if [ -z "${TDXCTL:-}" ]; then
    (cd "$repo" && swift build -c release --traits FUSE --product tdxctl)
    TDXCTL="$(cd "$repo" && swift build -c release --traits FUSE --show-bin-path)/tdxctl"
fi

hosts=6
trap fleet_stop EXIT
trap 'exit 143' TERM INT
fleet_init "$TDXCTL" "$images"
fleet_ansible_env "$ansible_dir"
for n in $(seq 1 "$hosts"); do
    fleet_sshd "$n"
    fleet_serve "$n"
done
fleet_inventory "$hosts" "$FLEET_DIR/inventory.yml"
results="$FLEET_DIR/results.jsonl"

# timed KIND SERIAL PLAYBOOK ARGS...: one ansible-playbook run, its wall time and report
# appended to $results.
timed() {
    local kind="$1" serial="$2" playbook="$3"
    shift 3
    local report="$FLEET_DIR/report-$kind.json" start end rc=0
    rm -f "$report"
    start="$(date +%s.%N)"
    (cd "$FLEET_DIR" && timeout 300 ansible-playbook -i inventory.yml "$ansible_dir/$playbook" \
        -e "tdx_report_path=$report" "$@") >"$FLEET_DIR/$kind.log" 2>&1 || rc=$?
    end="$(date +%s.%N)"
    if [ "$rc" -ne 0 ]; then
        cat "$FLEET_DIR/$kind.log"
        echo "FAILED: $kind exited $rc" >&2
        exit 1
    fi
    python3 - "$kind" "$serial" "$start" "$end" "$report" >>"$results" <<'EOF'
import json, os, sys
kind, serial, start, end, report = sys.argv[1:]
line = {"kind": kind, "serial": int(serial), "wall_s": float(end) - float(start)}
if os.path.exists(report):
    hosts = json.load(open(report))["hosts"]
    names = list(hosts)  # inventory order: batches are consecutive slices
    batch = int(serial)
    line["results"] = sorted({h["result"] for h in hosts.values()})
    line["batch_slowest_update_s"] = [
        max(hosts[name]["duration_s"] or 0 for name in names[i:i + batch]) for i in range(0, len(names), batch)]
print(json.dumps(line))
EOF
}

# Every host served afresh, running 1.5.06 (state lives in the server process).
reserve() {
    local n
    for n in $(seq 1 "$hosts"); do
        fleet_unserve "$n"
        fleet_serve "$n"
    done
}

# What the run task does besides `tdxctl update`: status and list on one host (median of 5).
calls="$FLEET_DIR/calls.txt"
root1="$(fleet_root 1)"
for call in status list; do
    for _ in 1 2 3 4 5; do
        start="$(date +%s.%N)"
        if [ "$call" = status ]; then
            "$TDXCTL" status --json --root "$root1" >/dev/null
        else
            "$TDXCTL" list --json --root "$root1" --images "$images" --trust "$FLEET_TRUST" >/dev/null
        fi
        echo "$call $(date +%s.%N) $start" >>"$calls"
    done
done

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# Warm-up (not counted): Ansible's first connection to each host.
timed warmup 6 status.yml
: >"$results"
for round in $(seq 1 "$rounds"); do
    timed status 6 status.yml
    reserve
    timed rollout-2 2 rollout.yml -e tdx_serial=2
    timed status 6 status.yml
    reserve
    timed rollout-6 6 rollout.yml -e tdx_serial=6
    echo "round $round of $rounds done (load $(cut -d' ' -f1-3 /proc/loadavg))"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$results" "$calls" <<'EOF'
import collections, json, statistics, sys
runs = [json.loads(line) for line in open(sys.argv[1])]
calls = collections.defaultdict(list)
for line in open(sys.argv[2]):
    call, end, start = line.split()
    calls[call].append(float(end) - float(start))
print()
print("tdxctl on one host, outside Ansible (median of 5): "
      + ", ".join(f"{call} {statistics.median(times):.3f} s" for call, times in calls.items()))
status = [r["wall_s"] for r in runs if r["kind"] == "status"]
base = statistics.median(status)
print()
print(f"status-only play (6 hosts): median {base:.2f} s of {len(status)} (min {min(status):.2f}, max {max(status):.2f})")
print()
print("| rollout | runs | wall s, median (min-max) | slowest update per batch, s (median run) | budget: status + sum, s | over budget, s (per batch) | goal |")
print("|---|---|---|---|---|---|---|")
for kind in ("rollout-2", "rollout-6"):
    rows = [r for r in runs if r["kind"] == kind]
    for r in rows:
        assert r["results"] == ["completed"], f"{kind}: not every host completed: {r['results']}"
    walls = [r["wall_s"] for r in rows]
    median_run = sorted(rows, key=lambda r: r["wall_s"])[len(rows) // 2]
    slowest = median_run["batch_slowest_update_s"]
    budget = base + sum(slowest)
    wall = statistics.median(walls)
    over = wall - budget
    print(f"| batches of {rows[0]['serial']} ({len(slowest)} batches) | {len(rows)} | {wall:.2f} ({min(walls):.2f}-{max(walls):.2f}) | "
          f"{' + '.join(f'{s:.2f}' for s in slowest)} | {budget:.2f} | {over:+.2f} ({over / len(slowest):+.2f}) | "
          f"{'met' if over <= 0 else 'missed'} |")
EOF
