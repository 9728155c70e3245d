#!/bin/bash
# run.sh WORK ROUNDS VARIANT... : round-robin clean builds of WORK/<variant> (deps prebuilt in
# WORK/target-ours; `progenitor` means WORK/nexus-progenitor with WORK/target-progenitor).
# One line per build; feed the output to analyse.py.
set -euo pipefail
here=$(dirname "$(realpath "$0")")
work=$(realpath "$1"); rounds=$2; shift 2
for _ in $(seq "$rounds"); do
  for variant in "$@"; do
    if [ "$variant" = progenitor ]; then
      "$here/clean-build.sh" "$work/nexus-progenitor" "$work/target-progenitor" build | sed "s/^/$variant /"
    else
      "$here/clean-build.sh" "$work/$variant" "$work/target-ours" build | sed "s/^/$variant /"
    fi
  done
done
