#!/usr/bin/env bash
# All the checks: install what is missing, lint the Swift sources, build with warnings as errors
# in GapMap's own targets, run every test (unit and end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --python
echo "== swift format lint" >&2
swift format lint --strict -r Sources Tests Package.swift
echo "== swift build (warnings are errors in GapMap's targets)" >&2
export GAPMAP_STRICT=1
swift build --build-tests
echo "== swift test" >&2
swift test
echo "== notebooks (nbclient, against the binary just built)" >&2
GAPMAP_BIN="$(swift build --show-bin-path)/gapmap" python3 notebooks/run_all.py
echo "== Examples package and doc examples (GapMap as a dependency)" >&2
python3 scripts/doc_examples.py
swift build --package-path Examples
"$(swift build --package-path Examples --show-bin-path)/GettingStarted" datasets/border-outsourcing 2018 \
  "$(mktemp -d)/2018.svg"
echo "== DocC catalogues" >&2
scripts/docs.sh
