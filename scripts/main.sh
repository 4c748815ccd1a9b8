#!/usr/bin/env bash
# The main job: install what is missing, build gapmap (release), check the bundled dataset and
# write its report (index.html, report.md, figures, tables), then print the gaps table.
# Usage: scripts/main.sh [DATASET [REPORT_DIR]]   (default: datasets/border-outsourcing report)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product gapmap >&2
bin=$(swift build -c release --show-bin-path)/gapmap
dataset=${1:-datasets/border-outsourcing}
out=${2:-report}
"$bin" validate --strict "$dataset"
"$bin" report "$dataset" -o "$out"
"$bin" gaps "$dataset" --format table
echo "The report: $out/index.html (open it in a browser; it needs no network)" >&2
