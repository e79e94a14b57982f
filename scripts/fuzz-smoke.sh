#!/usr/bin/env bash
# Builds every fuzz target (cargo-fuzz, no sanitizer, so it works on stable) and runs each
# one for a bounded number of inputs, starting from its seed corpus in fuzz/seeds/.
# A crash fails the script and prints the panic and the input's file.
# Longer runs: cd fuzz && cargo fuzz run -s none <target>
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
runs="${FUZZ_RUNS:-100000}"
cargo fuzz build -s none
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for target in $(cargo fuzz list); do
  mkdir -p "corpus/$target"
  seeds=()
  [ -d "seeds/$target" ] && seeds=("seeds/$target")
  echo "fuzz $target: $runs runs"
  if ! cargo fuzz run -s none "$target" "corpus/$target" "${seeds[@]}" -- \
      -runs="$runs" -max_len=4096 >"$log" 2>&1; then
    grep -v -E '^#[0-9]+' "$log" | tail -n 40
    echo "fuzz target $target failed (the input is under fuzz/artifacts/$target/)"
    exit 1
  fi
  tail -n 1 "$log"
done
