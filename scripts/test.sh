#!/usr/bin/env bash
# The whole test suite: installs what it needs, builds, runs every test.
# The corpus conformance tests read ../shared/corpus when it exists.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --build-tests
# swift-testing only (there are no XCTest cases; its "Executed 0 tests" line would only confuse readers of the log).
swift test --skip-build --disable-xctest 2>&1 | tee .build/test-output.txt
