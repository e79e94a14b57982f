#!/usr/bin/env bash
# The long fuzz campaign recorded in FUZZING.md (not part of CI: CI runs fuzz-smoke.sh).
# Each target runs until FUZZ_RUNS inputs (default 10 million) or FUZZ_SECONDS of wall time
# (default 900), whichever comes first, from fuzz/seeds/<target> into fuzz/corpus/<target>;
# then the inputs that add coverage are merged back into fuzz/seeds/<target>.
# Logs (libFuzzer's final stats, CPU time) go to fuzz/campaign/<target>.log.
# Usage: ./scripts/fuzz-campaign.sh [target...]   (default: every target)
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
runs="${FUZZ_RUNS:-10000000}"
seconds="${FUZZ_SECONDS:-900}"
cargo fuzz build -s none
bin="target/$(rustc -vV | sed -n 's/^host: //p')/release"
mkdir -p campaign
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo fuzz list)
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "seeds/$t"
  echo "fuzz $t: up to $runs inputs or $seconds s"
  # GNU time records the CPU seconds the run really got (the campaign may share the machine).
  timer=()
  [ -x /usr/bin/time ] && timer=(/usr/bin/time -v -o "campaign/$t.time")
  status=0
  "${timer[@]}" "$bin/$t" "corpus/$t" "seeds/$t" \
    -runs="$runs" -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 \
    -artifact_prefix="campaign/$t-" >"campaign/$t.log" 2>&1 || status=$?
  grep -E '^#[0-9]+' "campaign/$t.log" | tail -n 1
  if [ "$status" -ne 0 ]; then
    echo "fuzz target $t failed: see fuzz/campaign/$t.log and fuzz/campaign/$t-*"
    exit 1
  fi
  "$bin/$t" -merge=1 -max_len=4096 "seeds/$t" "corpus/$t" >"campaign/$t.merge.log" 2>&1
done
