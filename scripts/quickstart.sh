#!/usr/bin/env bash
# Quick start: builds edigate and runs it over the shipped Samples/ with the embedded defaults:
# validates each file, writes its acknowledgement to Spool/outbound/samples/ and its canonical events
# to Spool/events/samples.jsonl. (Until the daemon exists, this is the gateway's main job done by hand.)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --product edigate
bin="$(swift build --show-bin-path)/edigate"
out=Spool/outbound/samples
events=Spool/events/samples.jsonl
mkdir -p "$out" Spool/events
: >"$events"
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
  "$bin" translate "$file" --partner samples >>"$events" 2>/dev/null || true
  printf '%-40s %-9s ack: %s\n' "$file" "$verdict" "$out/$name.ack.edi"
done
for file in Samples/xml/*.xml; do
  [ -e "$file" ] || continue
  "$bin" translate "$file" --partner samples >>"$events" 2>/dev/null || true
done
echo "$accepted accepted, $rejected rejected; findings and acknowledgements are in $out/"
echo "$(wc -l <"$events") canonical events (X12, EDIFACT, cXML, UBL) are in $events"
