#!/usr/bin/env bash
# Builds tdxctl and the tests with the FUSE trait and runs the served host's tests
# (HostServeTests: real mounts, the built `tdxctl host serve` as a child process, shell,
# `tdxctl update` and non-root clients). Needs libfuse3 and fusermount3:
#   apt-get install fuse3 libfuse3-dev
# The mounting tests skip themselves when /dev/fuse or fusermount3 is absent.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! pkg-config --exists fuse3; then
    echo "libfuse3 is not installed (apt-get install fuse3 libfuse3-dev)" >&2
    exit 1
fi
swift build --build-tests --traits FUSE
swift test --skip-build --traits FUSE --filter HostServeTests
