#!/usr/bin/env bash
# The whole test suite: installs what it needs, builds, runs every test.
# The corpus conformance tests read ../shared/corpus when it exists.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --build-tests
swift test --skip-build 2>&1 | tee .build/test-output.txt
