#!/usr/bin/env bash
# Creates .build/peers-venv with independent EDI implementations (pyx12 for X12, pydifact for EDIFACT), used
# by the tests to read what edigate writes. Idempotent; prints the venv's python.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/peers-venv
if [ ! -e "$venv/.installed" ]; then
  mkdir -p .build
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install -q --disable-pip-version-check pyx12==4.0.0 pydifact==0.2.3 >&2
  touch "$venv/.installed"
fi
echo "$PWD/$venv/bin/python"
