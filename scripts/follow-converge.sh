#!/usr/bin/env bash
# Following converges: `folio daemon DIR` runs while a folder of DIR is
# renamed out of it and back as fast as Python can for SECONDS, then how
# long until `folio list DIR` (answered by the daemon) prints what
# `--no-cache` prints, and the daemon's peak RSS.
#   scripts/follow-converge.sh [DIR] [SECONDS] [FOLDER]  (default: a 5k corpus in $TMPDIR; 15; 2015)
# DIR is changed while it runs and left as it was; folio's files go to a
# private XDG folder.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-${TMPDIR:-/tmp}/folio-bench-5k}
secs=${2:-15}
sub=${3:-2015}
if [ ! -d "$dir" ]; then
	go run ./cmd/corpusgen -n 5000 -o "$dir"
fi
work=$(mktemp -d)
export XDG_CACHE_HOME=$work/cache XDG_RUNTIME_DIR=$work/run XDG_CONFIG_HOME=$work/config XDG_STATE_HOME=$work/state FOLIO_DIR=
mkdir -m 700 "$XDG_RUNTIME_DIR"
go build -o "$work/folio" ./cmd/folio
folio=$work/folio
"$folio" daemon "$dir" 2>"$work/daemon.log" &
daemon=$!
trap 'kill $daemon 2>/dev/null; [ -d "$work/away" ] && mv "$work/away" "$dir/$sub"; rm -rf "$work"' EXIT
until grep -q ready: "$work/daemon.log"; do sleep 0.1; done
python3 - "$dir/$sub" "$work/away" "$secs" <<'PY'
import os, sys, time
here, away, secs = sys.argv[1], sys.argv[2], float(sys.argv[3])
end, n = time.time() + secs, 0
while time.time() < end:
    os.rename(here, away); os.rename(away, here); n += 1
print("renamed away and back", n, "times in", secs, "s")
PY
want=$("$folio" list "$dir" --no-cache 2>/dev/null | md5sum)
start=$(date +%s.%N)
for _ in $(seq 300); do
	[ "$("$folio" list "$dir" 2>/dev/null | md5sum)" = "$want" ] && break
	sleep 0.05
done
end=$(date +%s.%N)
if [ "$("$folio" list "$dir" 2>/dev/null | md5sum)" = "$want" ]; then
	echo "the daemon answered as --no-cache $(echo "$end - $start" | bc) s after the last rename"
else
	echo "STALE: the daemon's answer still differs from --no-cache after $(echo "$end - $start" | bc) s"
fi
grep VmHWM "/proc/$daemon/status"
