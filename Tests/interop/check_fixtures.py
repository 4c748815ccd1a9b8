#!/usr/bin/env python3
"""The hand-written FtM and OCDS fixtures are valid in their own ecosystems.

Usage: check_fixtures.py FIXTURE_DIR
  - every line of ftm.jsonl is an entity followthemoney accepts, with properties its schema has;
  - ocdskit detects ocds-release-package.json as a release package and ocds-record-package.json
    as a record package.
"""
import json
import subprocess
import sys

from followthemoney import model

folder = sys.argv[1]
for i, line in enumerate(open(f"{folder}/ftm.jsonl"), 1):
    data = json.loads(line)
    proxy = model.get_proxy(data, cleaned=False)
    for prop in data["properties"]:
        if prop not in proxy.schema.properties:
            sys.exit(f"check_fixtures: ftm.jsonl:{i}: {data['schema']} has no property {prop}")
for name, kind in [("ocds-release-package.json", "release package"), ("ocds-record-package.json", "record package")]:
    out = subprocess.run([sys.executable, "-m", "ocdskit.__main__", "detect-format", f"{folder}/{name}"],
                         capture_output=True, text=True)
    if out.returncode != 0:
        out = subprocess.run(["ocdskit", "detect-format", f"{folder}/{name}"], capture_output=True, text=True)
    if f": {kind}" not in out.stdout:
        sys.exit(f"check_fixtures: ocdskit says {out.stdout.strip() or out.stderr.strip()} for {name}")
print("check_fixtures: ok")
