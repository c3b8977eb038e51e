#!/usr/bin/env bash
# Quick start: builds edigate and runs the gateway once over the example partners' samples with the
# embedded defaults (SQLite store and a JSON Lines queue under Spool/, no server needed):
# each partner's samples/ are dropped into Spool/inbound/<partner>/, plus one broken file, then
# `edigate run --once` claims, validates, acknowledges, emits events, and archives or quarantines them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --product edigate
bin="$(swift build --show-bin-path)/edigate"

for dir in Partners/*/; do
  partner=$(basename "$dir")
  [ "$partner" = _defaults ] && continue
  [ -d "$dir/samples" ] || continue
  mkdir -p "Spool/inbound/$partner"
  for file in "$dir"samples/*; do
    # Write under a temporary name, then rename: the way partners should drop files.
    cp -p "$file" "Spool/inbound/$partner/$(basename "$file").part"
    mv "Spool/inbound/$partner/$(basename "$file").part" "Spool/inbound/$partner/$(basename "$file")"
    # acme-retail's stable-file policy waits for a done-file.
    if grep -q "doneFileSuffix: .done" "Partners/$partner/partner.yaml"; then
      : >"Spool/inbound/$partner/$(basename "$file").done"
    fi
  done
done
# A broken order from nordic-distribution (its UNT count is wrong): a negative CONTRL and a quarantine.
sed -e 's/UNT+17+1/UNT+19+1/' -e 's/ND000118/ND000990/g' Partners/nordic-distribution/samples/orders-d96a.edi >Spool/inbound/nordic-distribution/orders-bad-count.edi

echo "== edigate run --once (waits a few seconds: files must be stable before they are taken)"
status=0
"$bin" run --once --log-level error || status=$?
echo
echo "== edigate status"
"$bin" status
echo
echo "== the events in the embedded queue (edigate events), by type"
"$bin" events | python3 -c 'import collections,json,sys; c=collections.Counter(json.loads(l)["type"] for l in sys.stdin); [print(f"  {n} {t}") for t,n in sorted(c.items())]'
echo
echo "acknowledgements: Spool/outbound/<partner>/   archive: Spool/archive/   quarantine (+ .error.json): Spool/quarantine/"
echo "(run it again: the same interchanges are recognised as duplicates, acknowledged again, and emit no new events)"
exit 0
