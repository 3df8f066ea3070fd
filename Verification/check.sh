#!/usr/bin/env bash
# Exhaustive SPIN verification of the Lockstep engine model (Verification/lockstep.pml)
# for 2, 3 and 4 CPUs, then the mutation check: every mutant must give a counterexample.
# Exits non-zero on any violation, on an incomplete search, or on a mutant not caught.
# See Verification/README.md for what each configuration covers.
set -u
here="$(cd "$(dirname "$0")" && pwd)"

# --- SPIN --------------------------------------------------------------------------------
if ! command -v spin >/dev/null 2>&1; then
    if ! command -v gcc >/dev/null 2>&1; then
        echo "check.sh: neither spin nor gcc is installed; install both (Debian: spin gcc)" >&2
        exit 2
    fi
    echo "check.sh: installing SPIN (apt-get install spin)"
    sudo_cmd=""
    if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo"; fi
    $sudo_cmd apt-get update -qq >/dev/null && $sudo_cmd apt-get install -y -qq spin >/dev/null
    if ! command -v spin >/dev/null 2>&1; then
        echo "check.sh: could not install SPIN (Debian package 'spin')" >&2
        exit 2
    fi
fi
command -v gcc >/dev/null 2>&1 || { echo "check.sh: gcc is required to compile pan" >&2; exit 2; }
echo "$(spin -V)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
summary=()

# run NAME EXPECT KIND "SPIN -D flags" [REASON]
#   EXPECT: pass (0 errors, complete search) or fail (a counterexample: a mutant)
#   KIND:   safety (assertions + invalid end states) or liveness (<> allDone, -a -f)
#   REASON: for a mutant, the pan error line it must produce (an extended regex)
run() {
    local name="$1" expect="$2" kind="$3" defs="$4" reason="${5:-.}"
    local dir="$work/$name"
    mkdir -p "$dir" && cp "$here"/*.pml "$dir"/
    local cflags pflags
    if [ "$kind" = safety ]; then
        cflags="-DSAFETY -DNOCLAIM"
        pflags="-m1000000"
    else
        cflags="-DNFAIR=3"
        pflags="-a -f -m1000000"
    fi
    if ! (cd "$dir" && spin -a $defs lockstep.pml >spin.log 2>&1 &&
        gcc -O2 -w $cflags -DMEMLIM=6144 -o pan pan.c >gcc.log 2>&1); then
        echo "!! $name: spin -a or gcc failed"; cat "$dir"/spin.log "$dir"/gcc.log 2>/dev/null
        failures=$((failures + 1))
        return
    fi
    (cd "$dir" && ./pan $pflags >pan.log 2>&1)
    local log="$dir/pan.log"
    local errors states memory secs
    errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' "$log" | tail -1)
    states=$(awk '/states, stored/ {print $1; exit}' "$log")
    memory=$(awk '/total actual memory usage/ {print $1; exit}' "$log")
    secs=$(sed -n 's/^pan: elapsed time \([0-9.e+]*\).*/\1/p' "$log" | tail -1)
    echo "== $name [$kind] spin $defs"
    grep -E "^pan:[0-9]+:|^pan: (claim|invalid|acceptance)|errors:|states, stored|total actual memory|elapsed time|Search not completed|max search depth too small" "$log" | sed 's/^/   /'
    local verdict
    if [ "$expect" = pass ]; then
        if [ "${errors:-x}" = 0 ] && ! grep -qE "Search not completed|max search depth too small|out of memory" "$log"; then
            verdict="ok"
        else
            verdict="VIOLATION"
            failures=$((failures + 1))
            echo "   counterexample: $dir/lockstep.pml.trail (replay: spin -t -p $defs lockstep.pml)"
            if [ -f "$dir/lockstep.pml.trail" ]; then
                (cd "$dir" && spin -t -p $defs lockstep.pml 2>&1 | tail -25 | sed 's/^/   | /')
            fi
        fi
    else
        if [ -n "$errors" ] && [ "$errors" -gt 0 ] && grep -E "^pan:[0-9]+:" "$log" | grep -qE "$reason"; then
            verdict="caught"
        else
            verdict="NOT CAUGHT"
            failures=$((failures + 1))
        fi
    fi
    summary+=("$(printf '%-28s %-9s %12s states %9s MB %8s s  %s' "$name" "$kind" "${states:-?}" "${memory:-?}" "${secs:-?}" "$verdict")")
}

# --- exhaustive verification ---------------------------------------------------------------
# Parking masks (bit = futex word, see shared.pml): 30 = epoch, arrivals, turn, finished
# (the stoppers' and coordinator's words); 112 = finished, closed, active (the gate's).
steps2="-DN=2 -DW=0 -DFAILMAX=2 -DWDMAX=1 -DPARKMASK=30"
steps3="-DN=3 -DW=0 -DFAILMAX=1 -DWDMAX=0 -DPARKMASK=30"
steps4="-DN=4 -DW=0 -DFAILMAX=1 -DWDMAX=0 -DPARKMAX=0 -DSHORT"
park4="-DN=4 -DW=0 -DFAILS=0 -DWDMAX=0 -DPARKMAX=1 -DPARKMASK=30 -DSHORT"
gate2="-DN=2 -DW=2 -DWITER=1 -DFAILS=0 -DWDMAX=0 -DPARKMASK=112 -DGATEONLY"
gate3="-DN=3 -DW=1 -DWITER=2 -DFAILS=0 -DWDMAX=0 -DPARKMASK=112 -DGATEONLY"
gate4="-DN=4 -DW=1 -DWITER=1 -DFAILS=0 -DWDMAX=0 -DPARKMASK=96 -DGATEONLY"

run steps-2cpu pass safety "$steps2"
run steps-3cpu pass safety "$steps3"
run steps-4cpu pass safety "$steps4"
run park-4cpu pass safety "$park4"
run gate-2cpu pass safety "$gate2"
run gate-3cpu pass safety "$gate3"
run gate-4cpu pass safety "$gate4"
run live-steps-2cpu pass liveness "-DN=2 -DW=0 -DFAILMAX=1 -DWDMAX=1 -DPARKMASK=30"
run live-steps-3cpu pass liveness "-DN=3 -DW=0 -DFAILMAX=1 -DWDMAX=0 -DPARKMASK=4 -DSHORT"
run live-steps-4cpu pass liveness "-DN=4 -DW=0 -DFAILS=0 -DWDMAX=0 -DPARKMAX=0 -DSHORT"
run live-gate-2cpu pass liveness "$gate2"
run live-gate-3cpu pass liveness "-DN=3 -DW=1 -DWITER=1 -DFAILS=0 -DWDMAX=0 -DPARKMASK=112 -DGATEONLY"

# --- mutation check: each must produce a counterexample ------------------------------------
run mutant-early-advance fail safety "-DN=2 -DW=0 -DFAILS=0 -DWDMAX=0 -DPARKMASK=30 -DMUTANT_EARLY_ADVANCE" "fin\\[wi\\]>=fin\\[i\\]"
run mutant-skip-arrival-wake fail safety "-DN=2 -DW=0 -DFAILS=0 -DWDMAX=0 -DPARKMASK=30 -DMUTANT_SKIP_ARRIVAL_WAKE" "invalid end state"
run mutant-turn-early fail safety "-DN=2 -DW=0 -DFAILS=0 -DWDMAX=0 -DPARKMASK=30 -DMUTANT_TURN_EARLY" "inSerial"
run mutant-one-failure-counter fail safety "-DN=2 -DW=0 -DFAILMAX=1 -DWDMAX=0 -DPARKMASK=30 -DMUTANT_ONE_FAILURE_COUNTER" "assertion violated"
run mutant-no-seqcst fail safety "-DN=2 -DW=0 -DFAILS=0 -DWDMAX=0 -DPARKMASK=30 -DMUTANT_NO_SEQCST" "invalid end state"
run mutant-wake-self fail safety "-DN=2 -DW=0 -DFAILS=0 -DWDMAX=0 -DPARKMASK=30 -DMUTANT_WAKE_SELF" "invalid end state"
run mutant-no-announce fail safety "-DN=2 -DW=0 -DFAILS=0 -DWDMAX=0 -DPARKMASK=30 -DMUTANT_NO_ANNOUNCE" "invalid end state"
run mutant-no-drain fail safety "$gate2 -DMUTANT_NO_DRAIN" "procActive"
run mutant-early-reopen fail safety "$gate2 -DMUTANT_EARLY_REOPEN" "procActive"
run mutant-leave-no-wake fail safety "$gate2 -DMUTANT_LEAVE_NO_WAKE" "invalid end state"
run mutant-no-seqcst-live fail liveness "-DN=2 -DW=0 -DFAILS=0 -DWDMAX=0 -DPARKMASK=30 -DMUTANT_NO_SEQCST" "acceptance cycle"

echo
echo "configuration                kind          states stored    memory      time  verdict"
printf '%s\n' "${summary[@]}"
if [ "$failures" -ne 0 ]; then
    echo "check.sh: $failures configuration(s) failed" >&2
    exit 1
fi
echo "check.sh: all configurations verified, all mutants caught"
