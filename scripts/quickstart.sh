#!/usr/bin/env bash
# Quick start: builds edigate and runs it over the shipped Samples/ with the embedded defaults:
# validates each file and writes its acknowledgement to Spool/outbound/samples/.
# (Until the daemon exists, this is the gateway's main job done by hand.)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --product edigate
bin="$(swift build --show-bin-path)/edigate"
out=Spool/outbound/samples
mkdir -p "$out"
accepted=0; rejected=0
for file in Samples/x12/*.edi Samples/edifact/*.edi; do
  [ -e "$file" ] || continue
  name=$(basename "$file" .edi)
  if "$bin" validate "$file" >"$out/$name.findings.txt" 2>/dev/null; then
    verdict=accepted; accepted=$((accepted + 1))
  else
    verdict=rejected; rejected=$((rejected + 1))
  fi
  "$bin" ack "$file" --date "$(date -u +%Y%m%d)" --time "$(date -u +%H%M)" >"$out/$name.ack.edi" 2>/dev/null || true
  printf '%-40s %-9s ack: %s\n' "$file" "$verdict" "$out/$name.ack.edi"
done
echo "$accepted accepted, $rejected rejected; findings and acknowledgements are in $out/"
