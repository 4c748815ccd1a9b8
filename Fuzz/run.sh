#!/usr/bin/env bash
# Fuzzes every reader with libFuzzer + AddressSanitizer for a fixed budget each.
# Usage: Fuzz/run.sh [SECONDS_PER_TARGET]   (default 60; not part of `swift test`)
# Seeds come from the fixtures; a crashing input is copied into
# Tests/GapMapTests/Fixtures/fuzz-regressions/<Target>/, which `swift test` replays, and the
# script exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${1:-60}
root=$PWD
work=${FUZZ_WORK:-/tmp/gapmap-fuzz}
regressions=$root/Tests/GapMapTests/Fixtures/fuzz-regressions
mkdir -p "$work"
swift build -c release --product gapmap >&2
gapmap=$(swift build -c release --show-bin-path)/gapmap
(cd Fuzz && swift build -c debug -Xswiftc -sanitize=fuzzer,address >&2)
bin=$root/Fuzz/.build/debug

seed() {  # target, files...
  local dir=$work/corpus/$1; shift
  mkdir -p "$dir"
  for f in "$@"; do [ -f "$f" ] && cp "$f" "$dir/" || true; done
  [ -d "$regressions/$(basename "$dir")" ] && cp "$regressions/$(basename "$dir")"/* "$dir/" 2>/dev/null || true
}
gen=$work/generated
mkdir -p "$gen"
"$gapmap" convert Tests/GapMapTests/Fixtures/hostile "$gen/hostile.json"
"$gapmap" convert Tests/GapMapTests/Fixtures/hostile "$gen/hostile.graphml"
"$gapmap" convert Tests/GapMapTests/Fixtures/hostile "$gen/hostile.gexf"
"$gapmap" convert Tests/GapMapTests/Fixtures/hostile "$gen/hostile.nl.json" --to node-link
"$gapmap" convert Tests/GapMapTests/Fixtures/hostile "$gen/hostile.csv" --to edgelist 2>/dev/null
seed DatasetCSV datasets/border-outsourcing/sources.csv Tests/GapMapTests/Fixtures/hostile/*.csv Tests/GapMapTests/Fixtures/bad-dataset/*.csv
seed GapMapJSON "$gen/hostile.json"
seed EdgeList "$gen/hostile.csv"
seed GraphML "$gen/hostile.graphml"
seed GEXF "$gen/hostile.gexf"
seed NodeLink "$gen/hostile.nl.json"
seed FollowTheMoney Tests/GapMapTests/Fixtures/interop/ftm.jsonl
seed OCDS Tests/GapMapTests/Fixtures/interop/ocds-release-package.json Tests/GapMapTests/Fixtures/interop/ocds-record-package.json
seed Manifest datasets/example-batch.yaml

targets=${FUZZ_TARGETS:-DatasetCSV GapMapJSON EdgeList GraphML GEXF NodeLink FollowTheMoney OCDS Manifest}
failed=0
for target in $targets; do
  crashes=$work/crashes/$target
  mkdir -p "$crashes"
  echo "== Fuzz$target for ${budget}s" >&2
  if ! "$bin/Fuzz$target" -max_total_time="$budget" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$crashes/" "$work/corpus/$target" 2>"$work/$target.log"; then
    tail -30 "$work/$target.log" >&2
    mkdir -p "$regressions/$target"
    cp "$crashes"/* "$regressions/$target/" 2>/dev/null || true
    failed=1
  fi
  grep -E "^(Done|#[0-9]+ +DONE)" "$work/$target.log" | tail -1 >&2 || true
done
exit $failed
