#!/bin/sh
# The reference for OCDSTests: ocdskit's compile of input.json (ocdskit 1.x, ocdsmerge 0.8).
# An empty schema gives the merge rules without network access (the default fetches the OCDS
# release schema): objects merged, arrays of objects merged by id, other values replaced.
cd "$(dirname "$0")" && ocdskit compile --schema empty-schema.json < input.json > ocdskit-compiled.jsonl
