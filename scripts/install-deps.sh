#!/usr/bin/env bash
# Installs what GapMap needs on a Debian machine: the packages in scripts/apt-packages.txt and,
# with --python, scripts/pip-packages.txt. As root it runs apt-get; otherwise it names what is
# missing and stops. Swift itself (6.2 or later) must already be on PATH.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if ! command -v swift >/dev/null 2>&1; then
  echo "install-deps: Swift 6.2 or later is required (https://www.swift.org/install/linux/)" >&2
  exit 1
fi

want=$(grep -vE '^\s*(#|$)' "$here/apt-packages.txt" || true)
missing=()
for p in $want; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "install-deps: apt-get install ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    # Some images cannot run apt's verification as the _apt sandbox user ("gpgv … required");
    # retry as root in that case.
    apt_opts=()
    if ! apt-get update -qq >/dev/null 2>&1; then
      apt_opts=(-o APT::Sandbox::User=root)
      apt-get "${apt_opts[@]}" update -qq >/dev/null
    fi
    apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "install-deps: missing Debian packages: ${missing[*]}" >&2
    echo "  run: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

if [ "${1:-}" = "--python" ]; then
  pips=$(grep -vE '^\s*(#|$)' "$here/pip-packages.txt" || true)
  if [ -n "$pips" ] && ! python3 -c "import importlib,sys; [importlib.import_module(m) for m in sys.argv[1:]]" \
      $(grep -vE '^\s*(#|$)' "$here/pip-packages.txt" | awk '{print $2}') 2>/dev/null; then
    echo "install-deps: pip install $(echo $pips | awk '{for(i=1;i<=NF;i+=2) printf "%s ", $i}')" >&2
    python3 -m pip install -q $(grep -vE '^\s*(#|$)' "$here/pip-packages.txt" | awk '{print $1}')
  fi
fi
