#!/usr/bin/env bash
# End-to-end test of the tdx_module_update role and rollout.yml: seven served TDX hosts
# (`tdxctl host serve`), each behind its own sshd on its own loopback address
# (127.0.0.11-17), Ansible connecting as root over real SSH with a key made here. Batches
# of two: (h1 h2) (h3 h4) (h5 h6) (h7). h2 fails harmlessly on its first update, h4 fatally;
# h7 has TDX but no update support.
#
# Cases, in this order (each host's server keeps its state between plays):
#   0. a bad variable (tdx_timeout=0), with tdx_max_fail_percentage=100: the first batch
#      runs no tdxctl and reports bad_variables naming it, and the rollout stops there
#      (h1's history, checked below, has no record of it).
#   1. check mode: every host reports the module it would get; nothing changes.
#   2. rolling out 1.5.08 with tdx_max_fail_percentage=100: h2's harmless failure is
#      within the percentage and the rollout goes on; h4's fatal failure stops it whatever
#      the percentage: h5-h7 not_attempted and untouched, the report names h4.
#   3. h2 and h4 served again without faults; a rollout in batches of two upgrades every
#      host to the newest eligible module; h7 is skipped with its reason.
#   4. a second run changes nothing.
#   5. h6's sshd stopped, tdx_version set to the version every host runs: h1-h5 up to
#      date, h6 reported unreachable, and the rollout stops there.
# Asserts through the report JSON, the play recap and each host's version file, read
# through its mount.
#
# Usage: deploy/ansible/tests/e2e.sh   (TDXCTL=path to use a built tdxctl with the FUSE
# trait; else it is built; TDX_E2E_IMAGES=folder of Intel's module images, else
# ../shared/data/intel-tdx-module-binaries beside the repository; skipped when absent).
set -euo pipefail

if [ -z "${TDX_E2E_BOUNDED:-}" ]; then
    TDX_E2E_BOUNDED=1 exec timeout --kill-after=15 "${TDX_E2E_TIMEOUT:-900}" "$0" "$@"
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
    # The play's summary table(s).
    sed -n '/^TDX module rollout/,/^\(ok\|skipping\|changed\|fatal\):/p' "$FLEET_DIR/$name.log" |
        grep -v '^\(ok\|skipping\|changed\|fatal\):' || true
}

trap fleet_stop EXIT
trap 'exit 143' TERM INT
fleet_init "$TDXCTL" "$images"
fleet_ansible_env "$ansible_dir"
hosts=7
for n in $(seq 1 "$hosts"); do
    fleet_sshd "$n"
    case "$n" in
        # Its first update fails at shutdown on CPU 0: the old module still runs (exit 11).
        2) fleet_serve "$n" --inject shutdown:0 ;;
        # A firmware call fails on CPU 2 after the old module is shut down: fatal (exit 12).
        4) fleet_serve "$n" --inject init:2:TDX_SYS_BUSY ;;
        7) fleet_serve "$n" --no-update-support ;;
        *) fleet_serve "$n" ;;
    esac
done
fleet_inventory "$hosts" "$FLEET_DIR/inventory.yml"
echo "$hosts hosts served, each behind its sshd on 127.0.0.11-$((10 + hosts)):$FLEET_PORT ($((SECONDS - started)) s)"

play bad-variable 2 -e tdx_serial=2 -e tdx_timeout=0 -e tdx_max_fail_percentage=100
for n in 1 2; do
    check "bad variable: h$n result" "$(report_field "$FLEET_DIR/bad-variable.json" "h$n" result)" bad_variables
done
for n in 3 4 5 6 7; do
    check "bad variable: h$n result" "$(report_field "$FLEET_DIR/bad-variable.json" "h$n" result)" not_attempted
done
named=no
grep -q 'bad_variables: .*tdx_timeout must be a number of seconds above 0.*the rollout stops' \
    "$FLEET_DIR/bad-variable.log" && named=yes
check "bad variable: the failure names tdx_timeout and says the rollout stops" "$named" yes
for n in $(seq 1 "$hosts"); do
    check "bad variable: h$n version untouched" "$(fleet_version "$n")" 1.5.06
done

play check-mode 0 --check -e tdx_serial=2
newest="$(report_field "$FLEET_DIR/check-mode.json" h1 would_install)"
above=no
if [ "$newest" != 1.5.08 ] && [ "$(printf '%s\n' 1.5.08 "$newest" | sort -V | tail -1)" = "$newest" ]; then above=yes; fi
check "check mode: the newest eligible module ($newest) is above 1.5.08" "$above" yes
for n in 1 2 3 4 5 6; do
    check "check mode: h$n result" "$(report_field "$FLEET_DIR/check-mode.json" "h$n" result)" dry_run
    check "check mode: h$n would install" "$(report_field "$FLEET_DIR/check-mode.json" "h$n" would_install)" "$newest"
done
check "check mode: h7 result" "$(report_field "$FLEET_DIR/check-mode.json" h7 result)" no_tdx
for n in $(seq 1 "$hosts"); do
    check "check mode: h$n version unchanged" "$(fleet_version "$n")" 1.5.06
done

play fatal-stop 2 -e tdx_serial=2 -e tdx_version=1.5.08 -e tdx_max_fail_percentage=100
for n in 1 3; do
    check "fatal stop: h$n result" "$(report_field "$FLEET_DIR/fatal-stop.json" "h$n" result)" completed
    check "fatal stop: h$n version" "$(fleet_version "$n")" 1.5.08
done
check "fatal stop: h2 result" "$(report_field "$FLEET_DIR/fatal-stop.json" h2 result)" failed_harmless
check "fatal stop: h2 exit code" "$(report_field "$FLEET_DIR/fatal-stop.json" h2 exit_code)" 11
check "fatal stop: h2 version (old module runs)" "$(fleet_version 2)" 1.5.06
check "fatal stop: h4 result" "$(report_field "$FLEET_DIR/fatal-stop.json" h4 result)" failed_fatal
check "fatal stop: h4 exit code" "$(report_field "$FLEET_DIR/fatal-stop.json" h4 exit_code)" 12
check "fatal stop: h4 version (module lost)" "$(fleet_version 4)" unreadable
for n in 5 6 7; do
    check "fatal stop: h$n result" "$(report_field "$FLEET_DIR/fatal-stop.json" "h$n" result)" not_attempted
    check "fatal stop: h$n version untouched" "$(fleet_version "$n")" 1.5.06
done
stopped=no
grep -q 'failed_fatal (exit 12).*the rollout stops before any further batch' "$FLEET_DIR/fatal-stop.log" && stopped=yes
check "fatal stop: the play says the rollout stopped" "$stopped" yes

# h2 and h4 come back as fresh hosts running 1.5.06, without faults.
for n in 2 4; do
    fleet_unserve "$n"
    fleet_serve "$n"
done

play rollout 0 -e tdx_serial=2
for n in 1 2 3 4 5 6; do
    before=1.5.06
    case "$n" in 1 | 3) before=1.5.08 ;; esac
    check "rollout: h$n result" "$(report_field "$FLEET_DIR/rollout.json" "h$n" result)" completed
    check "rollout: h$n version before" "$(report_field "$FLEET_DIR/rollout.json" "h$n" version_before)" "$before"
    check "rollout: h$n version after" "$(report_field "$FLEET_DIR/rollout.json" "h$n" version_after)" "$newest"
    check "rollout: h$n version file" "$(fleet_version "$n")" "$newest"
    check "rollout: h$n changed" "$(recap_changed "$FLEET_DIR/rollout.log" "h$n")" 1
done
check "rollout: h7 result (skipped)" "$(report_field "$FLEET_DIR/rollout.json" h7 result)" no_tdx
check "rollout: h7 changed" "$(recap_changed "$FLEET_DIR/rollout.log" h7)" 0
check "rollout: h7 version" "$(fleet_version 7)" 1.5.06

play second-run 0 -e tdx_serial=2
for n in $(seq 1 "$hosts"); do
    want=up_to_date version="$newest"
    [ "$n" -ne 7 ] || want=no_tdx version=1.5.06
    check "second run: h$n result" "$(report_field "$FLEET_DIR/second-run.json" "h$n" result)" "$want"
    check "second run: h$n changed" "$(recap_changed "$FLEET_DIR/second-run.log" "h$n")" 0
    check "second run: h$n version" "$(fleet_version "$n")" "$version"
done

# Every update that reached h1 is in its history (tdx_state_dir), the dry run excepted:
# 1.5.08, the newest, then the second run's refusal.
history="$("$TDXCTL" history --json --root "$(fleet_root 1)" --state-dir "$FLEET_DIR/h1/state" | python3 -c '
import json, sys
print(" ".join(r["result"] + ":" + str(r["version_after"]) for r in json.load(sys.stdin)["records"]))')"
check "history of h1" "$history" "completed:1.5.08 completed:$newest refused:None"

# Naming the version every host already runs is up to date too (tdxctl refuses it as
# not_eligible, the role sees it is the running one).
fleet_stop_sshd 6
play unreachable 2 -e tdx_serial=2 -e "tdx_version=$newest"
for n in 1 2 3 4 5; do
    check "unreachable: h$n result" "$(report_field "$FLEET_DIR/unreachable.json" "h$n" result)" up_to_date
done
check "unreachable: h6 result" "$(report_field "$FLEET_DIR/unreachable.json" h6 result)" unreachable
check "unreachable: h6 version untouched" "$(fleet_version 6)" "$newest"
check "unreachable: h7 result (after the failed batch)" "$(report_field "$FLEET_DIR/unreachable.json" h7 result)" not_attempted

echo
if [ "$failures" -ne 0 ]; then
    kept="$(mktemp -d /tmp/tdx-ansible-e2e-logs.XXXXXX)"
    cp "$FLEET_DIR"/*.log "$FLEET_DIR"/*.json "$FLEET_DIR"/inventory.yml "$kept"/ 2>/dev/null || true
    echo "FAILED: deploy/ansible e2e: $failures check(s) failed (play logs and reports kept in $kept)" >&2
    exit 1
fi
echo "deploy/ansible e2e passed in $((SECONDS - started)) s"
