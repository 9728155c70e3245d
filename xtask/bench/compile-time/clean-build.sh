#!/bin/bash
# clean-build.sh CRATE_DIR TARGET_DIR [build|check]
# Prints "<package> <command> wall <s> cpu <s> load <1-min load>" for a build of the crate from
# clean with its dependencies already in TARGET_DIR (`cargo clean -p` first). CPU is user + system
# time of cargo and rustc (GNU time).
set -euo pipefail
dir=$(realpath "$1"); target=$(realpath -m "$2"); command=${3:-build}
name=$(grep -m1 '^name' "$dir/Cargo.toml" | sed 's/.*"\(.*\)"/\1/')
times=$(mktemp)
cd "$dir"
CARGO_TARGET_DIR=$target cargo clean -q -p "$name" 2>/dev/null || true
/usr/bin/time -o "$times" -f "%e %U %S" env CARGO_TARGET_DIR="$target" cargo "$command" -q 2>&1 | grep -E "^error" | head -3 || true
read -r wall user system < "$times"; rm -f "$times"
echo "$name $command wall $wall cpu $(echo "$user + $system" | bc) load $(cut -d' ' -f1 /proc/loadavg)"
