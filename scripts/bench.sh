#!/usr/bin/env bash
# Throughput benchmark of EDIFormat against the C byte-loop ceiling and the Python peers
# (docs/performance.md). Works from any directory.
#
#   scripts/bench.sh [--sizes 20,100] [--iterations 3] [--no-peers] [--peer-size 20[,100]]
#                    [--peers LIST] [--peer-runs 3] [--pipeline]
#
#   --sizes       corpus sizes in MB (10^6 bytes) to generate and measure (default 20,100)
#   --iterations  edigate-bench and C ceiling: best of N (default 3)
#   --no-peers    skip the Python peers (no venv needed)
#   --peer-size   sizes the peers run on (default 20; at 100 MB pyx12-validate-maps takes ~4-5 minutes a run)
#   --peers       comma-separated peers.py names (default: pyx12-validate-maps,pyx12-reader,lfh-x12,pydifact;
#                 X12 peers run on X12 files, pydifact on EDIFACT files)
#   --peer-runs   run_peers.sh: median of N whole-process runs after one warm-up (default 3)
#   --pipeline    also run edigate-pipeline-bench (drop to durable event through the whole gateway: 10,000 small
#                 files, then the 100 MB X12 file, which is generated if missing; slow: fsync-bound), then
#                 SFTP throughput (1,000 small files, one 100 MB file) against a private test sshd
#
# Inputs, venv, C ceiling and results live in bench-data/ (git-ignored). The inputs are generated once by
# ../shared/bench/gen_corpus.py and reused. Nothing here asserts on timings.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
shared=$(cd "$repo/../shared" && pwd)
bench="$shared/bench"
data="$repo/bench-data"
results="$data/results"

sizes=20,100
iterations=3
peers_enabled=1
peer_sizes=20
peer_list=pyx12-validate-maps,pyx12-reader,lfh-x12,pydifact
peer_runs=3
pipeline=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --iterations) iterations=$2; shift 2 ;;
    --no-peers) peers_enabled=0; shift ;;
    --peer-size) peer_sizes=$2; shift 2 ;;
    --peers) peer_list=$2; shift 2 ;;
    --peer-runs) peer_runs=$2; shift 2 ;;
    --pipeline) pipeline=1; shift ;;
    -h | --help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

mkdir -p "$data" "$results"
IFS=, read -r -a size_array <<<"$sizes"
IFS=, read -r -a peer_size_array <<<"$peer_sizes"
IFS=, read -r -a peer_array <<<"$peer_list"
x12_file() { echo "$data/x12_004010_${1}mb.edi"; }
edifact_file() { echo "$data/edifact_d96a_${1}mb.edi"; }

# (a) inputs -------------------------------------------------------------------------------------------
missing=()
for size in "${size_array[@]}" "${peer_size_array[@]}"; do
  for file in "$(x12_file "$size")" "$(edifact_file "$size")"; do
    [ -s "$file" ] && [ -s "$file.meta.json" ] || missing+=("$size")
  done
done
if [ ${#missing[@]} -gt 0 ]; then
  todo=$(printf '%s\n' "${missing[@]}" | sort -un | paste -sd, -)
  echo "== generating ${todo} MB inputs into bench-data/"
  python3 "$bench/gen_corpus.py" --out "$data" --sizes "$todo" --formats x12,edifact
fi
if [ "$pipeline" = 1 ] && ! { [ -s "$(x12_file 100)" ] && [ -s "$(x12_file 100).meta.json" ]; }; then
  echo "== generating the 100 MB X12 input for the pipeline benchmark into bench-data/"
  python3 "$bench/gen_corpus.py" --out "$data" --sizes 100 --formats x12
fi

# (b) edigate-bench, release ----------------------------------------------------------------------------
echo "== building edigate-bench (release)"
(cd "$repo" && swift build -c release --product edigate-bench --scratch-path .build-release 2>&1 | { grep -v '^warning: .*Source files for target' || true; } | tail -3)
edigate_bench="$repo/.build-release/release/edigate-bench"

# (c) the C ceiling: read in 256 KiB chunks into one reused buffer, count terminator and separator bytes
echo "== building the C ceiling (gcc -O3 -march=native)"
cat >"$data/ceiling.c" <<'C'
/* The practical ceiling: read the file in 256 KiB chunks into one reused buffer and count the
   segment-terminator and element-separator bytes in a plain loop. Best of N; MB = 10^6 bytes. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
static unsigned char buf[256 * 1024];
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: ceiling FILE [N]\n"); return 2; }
  int n = argc > 2 ? atoi(argv[2]) : 3;
  double best = 1e30; long long bytes = 0, terminators = 0, separators = 0;
  for (int it = 0; it < n; it++) {
    double t0 = now();
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) { perror(argv[1]); return 1; }
    unsigned char term = '\'', elem = '+';
    long long b = 0, t = 0, e = 0; ssize_t got;
    while ((got = read(fd, buf, sizeof buf)) > 0) {
      if (b == 0 && got > 105 && buf[0] == 'I' && buf[1] == 'S' && buf[2] == 'A') { elem = buf[3]; term = buf[105]; }
      if (b == 0 && got > 8 && buf[0] == 'U' && buf[1] == 'N' && buf[2] == 'A') { elem = buf[4]; term = buf[8]; }
      for (ssize_t i = 0; i < got; i++) { t += buf[i] == term; e += buf[i] == elem; }
      b += got;
    }
    close(fd);
    double dt = now() - t0;
    if (dt < best) best = dt;
    bytes = b; terminators = t; separators = e;
  }
  printf("%s ceiling %.1f MB/s %.4f s terminators=%lld separators=%lld\n", argv[1], bytes / 1e6 / best, best, terminators, separators);
  return 0;
}
C
gcc -O3 -march=native -o "$data/ceiling" "$data/ceiling.c"

# (d) peers: venv, pyx12 maps ---------------------------------------------------------------------------
if [ "$peers_enabled" = 1 ]; then
  if [ ! -e "$data/venv/.peers-installed" ]; then
    echo "== creating bench-data/venv with the peers"
    python3 -m venv "$data/venv"
    "$data/venv/bin/pip" install -q -r "$bench/requirements-peers.txt"
    touch "$data/venv/.peers-installed"
  fi
  if [ ! -f "$data/pyx12_maps/850.4010.xml" ]; then
    "$data/venv/bin/python" "$bench/pyx12_maps.py" "$data/pyx12_maps" >/dev/null
  fi
fi

# (e) measurements --------------------------------------------------------------------------------------
files=()
for size in "${size_array[@]}"; do files+=("$(x12_file "$size")" "$(edifact_file "$size")"); done

echo "== edigate-bench, best of $iterations"
{
  echo "# $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# EDIFormat at $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$repo" status --porcelain -- Sources/EDIFormat 2>/dev/null | grep -q . && echo ' with uncommitted changes in Sources/EDIFormat')"
} | tee "$results/machine.txt"
"$edigate_bench" "${files[@]}" --iterations "$iterations" | tee "$results/edigate.txt"
echo "== edigate-bench --envelope-only (no element checks against the dictionary), best of $iterations"
"$edigate_bench" "${files[@]}" --iterations "$iterations" --envelope-only --only ack | grep -v '^#' | tee -a "$results/edigate.txt"

echo "== C ceiling, best of $iterations"
: >"$results/ceiling.txt"
for file in "${files[@]}"; do "$data/ceiling" "$file" "$iterations" | tee -a "$results/ceiling.txt"; done

largest=$(printf '%s\n' "${size_array[@]}" | sort -n | tail -1)
echo "== peak RSS of one streaming parse+validate+ack run over the ${largest} MB files (/usr/bin/time -f %M)"
: >"$results/rss.txt"
for file in "$(x12_file "$largest")" "$(edifact_file "$largest")"; do
  /usr/bin/time -f '%M %e' -o "$results/rss.tmp" "$edigate_bench" "$file" --iterations 1 --only ack >/dev/null
  read -r kib wall <"$results/rss.tmp"
  echo "$(basename "$file") $kib $wall" | tee -a "$results/rss.txt"
done
rm -f "$results/rss.tmp"

if [ "$peers_enabled" = 1 ]; then
  export PYX12_MAPS="$data/pyx12_maps"
  for size in "${peer_size_array[@]}"; do
    for peer in "${peer_array[@]}"; do
      case "$peer" in
        pydifact) file=$(edifact_file "$size") ;;
        *) file=$(x12_file "$size") ;;
      esac
      name="peer_${peer}_$(basename "$file" .edi)"
      echo "== $peer on $(basename "$file"): median of $peer_runs runs after one warm-up"
      rm -f "$results/$name.log" "$results/$name.txt"
      LOG="$results/$name.log" "$bench/run_peers.sh" "$peer_runs" "$data/venv/bin/python" "$bench/peers.py" "$peer" "$file" \
        2>&1 | tee "$results/$name.txt" || echo "   $peer failed (see $results/$name.txt)"
    done
  done
fi

# table --------------------------------------------------------------------------------------------------
echo
python3 - "$results" <<'PY'
import glob, json, os, re, statistics, sys, time

results = sys.argv[1]
ours = {}   # (file, measurement) -> (MB/s, sets/s, seconds)
for line in open(os.path.join(results, "edigate.txt")):
    m = re.match(r"(\S+)\s+(\S+)\s+(\S+)\s+([\d.]+) MB/s\s+([\d.]+) sets/s\s+([\d.]+) s", line)
    if m:
        ours[(m[1], m[3])] = (float(m[4]), float(m[5]), float(m[6]))
ceiling = {}
for line in open(os.path.join(results, "ceiling.txt")):
    m = re.match(r"(\S+) ceiling ([\d.]+) MB/s", line)
    if m:
        ceiling[os.path.basename(m[1])] = float(m[2])
rss = {}
for line in open(os.path.join(results, "rss.txt")):
    f, kib, wall = line.split()
    rss[f] = int(kib) / 1024

files = sorted({f for f, _ in ours}, key=lambda f: (not f.startswith("x12"), int(re.search(r"_(\d+)mb", f)[1])))
print(open(os.path.join(results, "machine.txt")).read().strip())
print()
print("| file | tokenize MB/s | C ceiling MB/s | tokenize / ceiling | parse+validate MB/s | parse+validate+ack MB/s | sets/s (with ack) | parse+envelope+ack MB/s |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for f in files:
    tok = ours[(f, "tokenize")][0]
    c = ceiling.get(f)
    pv = ours[(f, "parse+validate")][0]
    pva, sets, _ = ours[(f, "parse+validate+ack")]
    pea = ours.get((f, "parse+envelope+ack"), (None,))[0]
    print("| %s | %.1f | %s | %s | %.1f | %.1f | %.0f | %s |" % (
        f, tok, "%.0f" % c if c else "–", "%.1f%%" % (100 * tok / c) if c else "–", pv, pva, sets,
        "%.1f" % pea if pea else "–"))
print()
for f, mib in rss.items():
    print("peak RSS, one streaming parse+validate+ack run over %s: %.1f MiB" % (f, mib))

peers = {}
for txt in sorted(glob.glob(os.path.join(results, "peer_*.txt"))):
    name = os.path.basename(txt)[5:-4]
    log = txt[:-4] + ".log"
    runs = [json.loads(l) for l in open(log) if l.startswith("{")] if os.path.exists(log) else []
    text = open(txt).read()
    wall = re.search(r"wall s\s+median ([\d.]+)", text)
    mem = re.search(r"peak MiB median ([\d.]+)", text)
    if not runs or not wall:
        print("peer %s: no result (see %s)" % (name, txt))
        continue
    if len(runs) > 1:
        runs = runs[1:]  # the first line is run_peers.sh's unrecorded warm-up
    inproc = statistics.median(r["seconds_in_process"] for r in runs)
    r = runs[-1]
    peers[(r["peer"], r["file"])] = dict(wall=float(wall[1]), inproc=inproc, bytes=r["bytes"], rss=float(mem[1]),
                                         sets=r.get("sets"), match=r.get("sets_match"), error=r.get("error"),
                                         when=time.strftime("%Y-%m-%d %H:%M", time.localtime(os.path.getmtime(txt))),
                                         runs=len(runs))
if peers:
    print()
    print("Peers (results in bench-data/results/peer_*, kept across runs; 'measured' is when):")
    print()
    print("| peer | file | whole-process s (median) | MB/s | in-process s (median) | MB/s | peak RSS MiB | sets counted / match | measured |")
    print("|---|---|---:|---:|---:|---:|---:|---|---|")
    for (peer, f), p in sorted(peers.items()):
        mb = p["bytes"] / 1e6
        note = "%s / %s" % (p["sets"], p["match"]) + (" (%s)" % p["error"] if p["error"] else "")
        print("| %s | %s | %.2f | %.2f | %.2f | %.2f | %.0f | %s | %s |" % (
            peer, f, p["wall"], mb / p["wall"], p["inproc"], mb / p["inproc"], p["rss"], note, p["when"]))
    print()
    print("Ratios on the same file (ours best-of-N in-process; peer median, whole-process and in-process):")
    for (peer, f), p in sorted(peers.items()):
        wants = {"pyx12-validate-maps": ["parse+validate+ack", "parse+envelope+ack"],
                 "pydifact": ["parse+validate"]}.get(peer, [])
        for want in wants:
            if (f, want) not in ours:
                continue
            mbs = ours[(f, want)][0]
            mb = p["bytes"] / 1e6
            print("  %s %s vs %s: %.0fx (peer whole-process), %.0fx (peer in-process)" % (
                f, want, peer, mbs / (mb / p["wall"]), mbs / (mb / p["inproc"])))
PY

# (f) pipeline: drop to durable event through the whole gateway (optional) -------------------------------
if [ "$pipeline" = 1 ]; then
  echo
  echo "== building edigate-pipeline-bench (release)"
  (cd "$repo" && swift build -c release --product edigate-pipeline-bench --scratch-path .build-release 2>&1 | { grep -v '^warning: .*Source files for target' || true; } | tail -3)
  echo "== edigate-pipeline-bench: 10,000 small files, then $(basename "$(x12_file 100)")"
  "$repo/.build-release/release/edigate-pipeline-bench" --partners "$repo/Partners" --small 10000 \
    --large "$(x12_file 100)" | tee "$results/pipeline.txt"
  echo "== SFTP throughput over loopback (scripts/sshd-test-server.sh)"
  sshd_dir=$(mktemp -d)
  "$repo/scripts/sshd-test-server.sh" start "$sshd_dir" >/dev/null
  "$repo/.build-release/release/edigate-pipeline-bench" --sftp "$sshd_dir" | tee "$results/sftp.txt" || true
  "$repo/scripts/sshd-test-server.sh" stop "$sshd_dir"
  rm -rf "$sshd_dir"
fi
