#!/usr/bin/env bash
# Builds the DocC documentation of every library product into .build/docs/<Module>.doccarchive
# with the toolchain's docc (no plugin needed): symbol graphs from `swift package
# dump-symbol-graph`, then `docc convert` per catalogue. Warnings about unresolved links fail it.
set -euo pipefail
cd "$(dirname "$0")/.."
swift package dump-symbol-graph --minimum-access-level public >/dev/null
graphs="$(swift build --show-bin-path)/../symbolgraph"
[ -d "$graphs" ] || graphs="$(find .build -type d -name symbolgraph | head -1)"
mkdir -p .build/docs
for module in GapMapGraph GapMapAlgorithms GapMapModel GapMapIO GapMapMetrics GapMapRender GapMapReport GapMapFuzzSupport; do
  work="$(mktemp -d)"
  cp "$graphs/$module".symbols.json "$graphs/$module"@*.symbols.json "$work"/ 2>/dev/null || true
  docc convert "Sources/$module/$module.docc" --additional-symbol-graph-dir "$work" \
    --fallback-display-name "$module" --fallback-bundle-identifier "org.gapmap.$module" \
    --output-path ".build/docs/$module.doccarchive" --warnings-as-errors
  echo "docs: .build/docs/$module.doccarchive"
done
