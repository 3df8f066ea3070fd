#!/usr/bin/env bash
# End-to-end test of the tdx_module_update role and rollout.yml: six served TDX hosts
# (`tdxctl host serve`), each behind its own sshd on its own loopback address
# (127.0.0.11-16), Ansible connecting as root over real SSH with a key made here.
#
# Cases, in this order (each host's server keeps its state between plays):
#   1. check mode: every host reports the module it would get; nothing changes.
#   2. a fatal fault on h4 (second batch of two), rolling out 1.5.08 with
#      tdx_max_fail_percentage=100: h1-h3 updated, h4 failed_fatal, the third batch
#      (h5, h6) not_attempted and still on 1.5.06, the report names h4.
#   3. h4 served again without the fault; a rollout in batches of two upgrades every host
#      to the newest eligible module.
#   4. a second run changes nothing.
#   5. h6's sshd stopped: h6 is reported unreachable.
# Asserts through the report JSON and each host's version file, read through its mount.
#
# Usage: deploy/ansible/tests/e2e.sh   (TDXCTL=path to use a built tdxctl with the FUSE
# trait; else it is built; TDX_E2E_IMAGES=folder of Intel's module images, else
# ../shared/data/intel-tdx-module-binaries beside the repository; skipped when absent).
set -euo pipefail

if [ -z "${TDX_E2E_BOUNDED:-}" ]; then
    TDX_E2E_BOUNDED=1 exec timeout --kill-after=15 "${TDX_E2E_TIMEOUT:-600}" "$0" "$@"
fi

here="$(cd "$(dirname "$0")" && pwd)"
ansible_dir="$(dirname "$here")"
repo="$(cd "$ansible_dir/../.." && pwd)"
# shellcheck source=fleet.sh
source "$here/fleet.sh"

started=$SECONDS
skip() {
    echo "SKIPPED: deploy/ansible e2e: $*"
    exit 0
}

missing="$(fleet_missing)"
[ -z "$missing" ] || skip "$missing"
images="$(fleet_find_images "$repo")"
[ -n "$images" ] || skip "no module images (set TDX_E2E_IMAGES to a clone of Intel's tdx-module binaries)"

if [ -z "${TDXCTL:-}" ]; then
    echo "building tdxctl with the FUSE trait"
    (cd "$repo" && swift build --traits FUSE --product tdxctl)
    TDXCTL="$(cd "$repo" && swift build --traits FUSE --show-bin-path)/tdxctl"
fi
"$TDXCTL" host serve --help >/dev/null || {
    echo "FAILED: $TDXCTL has no 'host serve' (build with --traits FUSE)" >&2
    exit 1
}

failures=0
check() {
    local what="$1" actual="$2" want="$3"
    if [ "$actual" == "$want" ]; then
        echo "  ok: $what = $want"
    else
        echo "  FAILED: $what = '$actual', expected '$want'" >&2
        failures=$((failures + 1))
    fi
}

# report_field FILE HOST FIELD: the field of the host's line in the report ("null" for null).
report_field() {
    python3 -c '
import json, sys
value = json.load(open(sys.argv[1]))["hosts"][sys.argv[2]][sys.argv[3]]
print("null" if value is None else value)' "$@"
}

# recap_changed LOG HOST: the changed count of the host in the play recap.
recap_changed() {
    python3 -c '
import re, sys
match = re.search(r"^" + re.escape(sys.argv[2]) + r"\s+: ok=\d+\s+changed=(\d+)", open(sys.argv[1]).read(), re.M)
print(match.group(1) if match else "absent")' "$@"
}

# play NAME WANT_RC ARGS...: runs rollout.yml, its log and report named after the case.
play() {
    local name="$1" want="$2"
    shift 2
    local rc=0 start=$SECONDS
    echo "=== $name"
    (cd "$FLEET_DIR" && timeout 300 ansible-playbook -i inventory.yml "$ansible_dir/rollout.yml" \
        -e "tdx_report_path=$FLEET_DIR/$name.json" "$@") >"$FLEET_DIR/$name.log" 2>&1 || rc=$?
    echo "  ($((SECONDS - start)) s)"
    if [ "$rc" -ne "$want" ] || [ ! -f "$FLEET_DIR/$name.json" ]; then
        cat "$FLEET_DIR/$name.log"
        echo "FAILED: $name: ansible-playbook exited $rc (expected $want), report $FLEET_DIR/$name.json" >&2
        exit 1
    fi
    # The play's summary table.
    sed -n '/Summary of the rollout/,/^}/p' "$FLEET_DIR/$name.log" | grep '^        "' || true
}

trap fleet_stop EXIT
trap 'exit 143' TERM INT
fleet_init "$TDXCTL" "$images"
fleet_ansible_env "$ansible_dir"
hosts=6
fatal_host=4
for n in $(seq 1 "$hosts"); do
    fleet_sshd "$n"
    if [ "$n" -eq "$fatal_host" ]; then
        # A firmware call fails on CPU 2 after the old module is shut down: fatal (exit 12).
        fleet_serve "$n" --inject init:2:TDX_SYS_BUSY
    else
        fleet_serve "$n"
    fi
done
fleet_inventory "$hosts" "$FLEET_DIR/inventory.yml"
echo "six hosts served and behind sshd on 127.0.0.11-16:$FLEET_PORT ($((SECONDS - started)) s)"

play check-mode 0 --check -e tdx_serial=2
newest="$(report_field "$FLEET_DIR/check-mode.json" h1 would_install)"
check "check mode: newest eligible module" "$(printf '%s\n' 1.5.08 "$newest" | sort -V | tail -1)" "$newest"
[ "$newest" != 1.5.08 ] || check "check mode: a module newer than 1.5.08 exists" "$newest" "newer than 1.5.08"
for n in $(seq 1 "$hosts"); do
    check "check mode: h$n result" "$(report_field "$FLEET_DIR/check-mode.json" "h$n" result)" dry_run
    check "check mode: h$n would install" "$(report_field "$FLEET_DIR/check-mode.json" "h$n" would_install)" "$newest"
    check "check mode: h$n version unchanged" "$(fleet_version "$n")" 1.5.06
done

play fatal-stop 2 -e tdx_serial=2 -e tdx_version=1.5.08 -e tdx_max_fail_percentage=100
for n in 1 2 3; do
    check "fatal stop: h$n result" "$(report_field "$FLEET_DIR/fatal-stop.json" "h$n" result)" completed
    check "fatal stop: h$n version" "$(fleet_version "$n")" 1.5.08
done
check "fatal stop: h4 result" "$(report_field "$FLEET_DIR/fatal-stop.json" h4 result)" failed_fatal
check "fatal stop: h4 exit code" "$(report_field "$FLEET_DIR/fatal-stop.json" h4 exit_code)" 12
check "fatal stop: h4 version (module lost)" "$(fleet_version 4)" unreadable
for n in 5 6; do
    check "fatal stop: h$n result" "$(report_field "$FLEET_DIR/fatal-stop.json" "h$n" result)" not_attempted
    check "fatal stop: h$n version untouched" "$(fleet_version "$n")" 1.5.06
done
stopped=no
grep -q 'failed_fatal (exit 12).*rollout stopped' "$FLEET_DIR/fatal-stop.log" && stopped=yes
check "fatal stop: the play says the rollout stopped" "$stopped" yes

# h4 comes back as a fresh host running 1.5.06, without the fault.
fleet_unserve "$fatal_host"
fleet_serve "$fatal_host"

play rollout 0 -e tdx_serial=2
for n in $(seq 1 "$hosts"); do
    before=1.5.06
    [ "$n" -gt 3 ] || before=1.5.08
    check "rollout: h$n result" "$(report_field "$FLEET_DIR/rollout.json" "h$n" result)" completed
    check "rollout: h$n version before" "$(report_field "$FLEET_DIR/rollout.json" "h$n" version_before)" "$before"
    check "rollout: h$n version after" "$(report_field "$FLEET_DIR/rollout.json" "h$n" version_after)" "$newest"
    check "rollout: h$n version file" "$(fleet_version "$n")" "$newest"
    check "rollout: h$n changed" "$(recap_changed "$FLEET_DIR/rollout.log" "h$n")" 1
done

play second-run 0 -e tdx_serial=2
for n in $(seq 1 "$hosts"); do
    check "second run: h$n result" "$(report_field "$FLEET_DIR/second-run.json" "h$n" result)" up_to_date
    check "second run: h$n changed" "$(recap_changed "$FLEET_DIR/second-run.log" "h$n")" 0
    check "second run: h$n version" "$(fleet_version "$n")" "$newest"
done

fleet_stop_sshd 6
play unreachable 2 -e tdx_serial=2
check "unreachable: h6 result" "$(report_field "$FLEET_DIR/unreachable.json" h6 result)" unreachable
for n in 1 2 3 4 5; do
    check "unreachable: h$n result" "$(report_field "$FLEET_DIR/unreachable.json" "h$n" result)" up_to_date
done
check "unreachable: h6 version untouched" "$(fleet_version 6)" "$newest"

echo
if [ "$failures" -ne 0 ]; then
    kept="$(mktemp -d /tmp/tdx-ansible-e2e-logs.XXXXXX)"
    cp "$FLEET_DIR"/*.log "$FLEET_DIR"/*.json "$FLEET_DIR"/inventory.yml "$kept"/ 2>/dev/null || true
    echo "FAILED: deploy/ansible e2e: $failures check(s) failed (play logs and reports kept in $kept)" >&2
    exit 1
fi
echo "deploy/ansible e2e passed in $((SECONDS - started)) s"
