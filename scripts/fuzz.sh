#!/usr/bin/env bash
# Fuzzes EDIFormat with libFuzzer (see docs/fuzzing.md).
#
#   scripts/fuzz.sh x12|edifact|all SECONDS [libFuzzer options...]
#
# Builds Fuzz/FuzzX12 or Fuzz/FuzzEDIFACT with -sanitize=fuzzer,address into .build-fuzz (never .build),
# seeds fuzz-corpus/<target>/ from Samples/<target>/, /work/shared/corpus/<target>/ and the saved
# crashers in Tests/EDIFormatTests/Fixtures/fuzz/<target>/, runs for SECONDS, and copies every new
# crash-*/timeout-*/oom-* file into Tests/EDIFormatTests/Fixtures/fuzz/<target>/ with a note in README.md.
#
# Environment:
#   FUZZ_CONFIG=release|debug   build configuration (default release: about 10x the exec/s of debug)
#   FUZZ_MAX_LEN=N              -max_len (default 4096)
#   FUZZ_SHARED_CORPUS=DIR      shared seed corpus root (default /work/shared/corpus)
#   EDIGATE_FUZZ_IGNORE=...     checks to skip, e.g. stream-suffix,ack-structure:interchange.header.shape
# Extra arguments go to libFuzzer, e.g. -fork=1 -ignore_crashes=1 to keep going after a crash.
set -euo pipefail

usage() {
    echo "usage: $0 x12|edifact|all SECONDS [libFuzzer options...]" >&2
    exit 2
}
[[ $# -ge 2 ]] || usage
what=$1
seconds=$2
shift 2
[[ $seconds =~ ^[0-9]+$ ]] || usage
case $what in
x12) targets=(x12) ;;
edifact) targets=(edifact) ;;
all) targets=(x12 edifact) ;;
*) usage ;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
config=${FUZZ_CONFIG:-release}
max_len=${FUZZ_MAX_LEN:-4096}
shared=${FUZZ_SHARED_CORPUS:-/work/shared/corpus}

product_for() {
    case $1 in
    x12) echo FuzzX12 ;;
    edifact) echo FuzzEDIFACT ;;
    esac
}

build() {
    local product=$1
    echo "== building $product ($config, -sanitize=fuzzer,address)" >&2
    # -parse-as-library: main.swift then defines <module>_main itself (see the comment in the file);
    # -DFUZZING selects the libFuzzer driver instead of the regression runner. The gold linker warns
    # "Cannot export local symbol '__asan_...'" many times: harmless.
    swift build -c "$config" --product "$product" --scratch-path .build-fuzz \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING \
        2>&1 | grep -v "Cannot export local symbol" >&2
}

seed() {
    local target=$1 corpus=$2
    mkdir -p "$corpus"
    # libFuzzer writes new inputs into the first corpus directory: it must be ours, never a shared one.
    local dir
    for dir in "Samples/$target" "$shared/$target" "Tests/EDIFormatTests/Fixtures/fuzz/$target"; do
        [[ -d $dir ]] || continue
        find "$dir" -maxdepth 1 -type f ! -name '*.md' -exec cp -n {} "$corpus/" \;
    done
    echo "== corpus $corpus: $(find "$corpus" -type f | wc -l) files" >&2
}

collect() {
    local target=$1 artifacts=$2 log=$3 started=$4
    local fixtures="Tests/EDIFormatTests/Fixtures/fuzz/$target"
    local found=0 file name
    for file in "$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/oom-*; do
        [[ -e $file ]] || continue
        [[ $file -nt $artifacts/.run-started ]] || continue
        name=$(basename "$file")
        [[ -e $fixtures/$name ]] && continue
        mkdir -p "$fixtures"
        cp "$file" "$fixtures/$name"
        found=$((found + 1))
        # The failure message of this input, from running it once more.
        local message
        message=$(SWIFT_BACKTRACE=enable=no "$binary" "$file" 2>&1 |
            grep -a -m1 -E "Fatal error|ERROR: AddressSanitizer|ERROR: libFuzzer|SUMMARY" | cut -c1-400 || true)
        {
            [[ -e $fixtures/README.md ]] || printf '# Fuzz crashers (%s)\n\nSaved by scripts/fuzz.sh (see docs/fuzzing.md). Replay with the fuzz binary or the plain build of the target, the file as argument.\n\n' "$target"
            printf -- '- `%s` (%s bytes), found %s by `scripts/fuzz.sh %s` (log %s): %s\n' \
                "$name" "$(wc -c <"$file")" "$started" "$target" "$log" "${message:-see log}"
        } >>"$fixtures/README.md"
        echo "== saved $fixtures/$name" >&2
    done
    echo "== $target: $found new crash file(s)" >&2
}

status=0
for target in "${targets[@]}"; do
    product=$(product_for "$target")
    build "$product"
    binary="$root/.build-fuzz/$config/$product"
    corpus="fuzz-corpus/$target"
    artifacts="fuzz-corpus/$target-artifacts"
    mkdir -p "$artifacts"
    seed "$target" "$corpus"
    started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    # Only crash files newer than this marker are this run's; older artifacts were reported before.
    touch "$artifacts/.run-started"
    log="fuzz-corpus/$target-$(date -u +%Y%m%dT%H%M%SZ).log"
    echo "== fuzzing $target for ${seconds}s, log $log" >&2
    set +e
    SWIFT_BACKTRACE=enable=no "$binary" -max_total_time="$seconds" -max_len="$max_len" \
        -artifact_prefix="$artifacts/" -print_final_stats=1 "$@" "$corpus" 2>&1 | tee "$log" |
        grep -a --line-buffered -E "^#[0-9]+.*(pulse|REDUCE|DONE)|Fatal error|ERROR:|SUMMARY|artifact|stat::" >&2
    rc=${PIPESTATUS[0]}
    set -e
    echo "== $target: libFuzzer exit $rc" >&2
    [[ $rc -eq 0 ]] || status=1
    collect "$target" "$artifacts" "$log" "$started"
done
exit $status
