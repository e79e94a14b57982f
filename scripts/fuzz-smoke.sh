#!/usr/bin/env bash
# Builds every fuzz target (cargo-fuzz, no sanitizer, so it works on stable) and runs each
# one for a bounded number of inputs, starting from its seed corpus in fuzz/seeds/.
# A crash fails the script. Longer runs: cd fuzz && cargo fuzz run -s none <target>
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
runs="${FUZZ_RUNS:-100000}"
cargo fuzz build -s none
for target in $(cargo fuzz list); do
  mkdir -p "corpus/$target"
  seeds=()
  [ -d "seeds/$target" ] && seeds=("seeds/$target")
  echo "fuzz $target: $runs runs"
  cargo fuzz run -s none "$target" "corpus/$target" "${seeds[@]}" -- \
    -runs="$runs" -max_len=4096 2>&1 | tail -n 1
done
