#!/usr/bin/env bash
# Builds the libFuzzer target for the TDXImage parsers (release, fuzzer + address
# sanitizers, own scratch path) and runs it for a bounded time.
#   Fuzz/run.sh [seconds]     default 60
# New inputs go to Fuzz/corpus-run/ (ignored by git); crashes to Fuzz/crash-*.
set -euo pipefail
seconds="${1:-60}"
cd "$(dirname "$0")"
flags=(-c release --product FuzzImageParsers -Xswiftc -sanitize=fuzzer,address --scratch-path .build-fuzz)
swift build "${flags[@]}" 2>&1 | grep -v "Cannot export local symbol" || true
binary="$(swift build "${flags[@]}" --show-bin-path)/FuzzImageParsers"
test -x "$binary" || { echo "fuzz build failed" >&2; exit 1; }
mkdir -p corpus-run
# The Swift backtracer must not run inside an ASan process (see swift-notes 4.3).
export SWIFT_BACKTRACE=enable=no
exec "$binary" corpus-run corpus -max_total_time="$seconds" -max_len=20000 -timeout=10 \
    -artifact_prefix=./crash- -print_final_stats=1
