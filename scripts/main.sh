#!/usr/bin/env bash
# The main job: install what is missing, build gapmap (release), check the bundled dataset and
# describe it, then print its accountability gaps. Usage: scripts/main.sh [DATASET]   (default: datasets/border-outsourcing)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product gapmap >&2
bin=$(swift build -c release --show-bin-path)/gapmap
dataset=${1:-datasets/border-outsourcing}
"$bin" validate --strict "$dataset"
"$bin" summary "$dataset"
"$bin" gaps "$dataset" --format table
