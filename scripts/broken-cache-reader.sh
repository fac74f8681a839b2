#!/usr/bin/env bash
# The reader on a cache whose middle fails its checksum, in tmux: how long
# until the list shows, and whether q ends it (the landed build showed a
# blank screen forever, q echoed as text).
#   scripts/broken-cache-reader.sh [DIR] [BIN]  (default: a 5k corpus in $TMPDIR; this tree's folio)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-${TMPDIR:-/tmp}/folio-bench-5k}
if [ ! -d "$dir" ]; then
	go run ./cmd/corpusgen -n 5000 -o "$dir"
fi
work=$(mktemp -d)
sock=folio-broken-$$
trap 'tmux -L $sock kill-server 2>/dev/null; rm -rf "$work"' EXIT
export XDG_CACHE_HOME=$work/cache XDG_RUNTIME_DIR=$work/run XDG_CONFIG_HOME=$work/config XDG_STATE_HOME=$work/state FOLIO_DIR=
mkdir -m 700 "$XDG_RUNTIME_DIR"
folio=${2:-$work/folio}
[ -n "${2:-}" ] || go build -o "$folio" ./cmd/folio
"$folio" list "$dir" >/dev/null 2>&1
python3 - "$XDG_CACHE_HOME"/folio/*.idx <<'PY'
import struct, sys
path = sys.argv[1]
b = bytearray(open(path, "rb").read())
n, tail = struct.unpack("<QQ", b[-36:-20])
head = 24 if b[8] >= 3 else 16
b[head + (n - tail) // 2] ^= 0x40  # halfway through the part a start checks
open(path, "wb").write(b)
PY
n=$(find "$dir" -name '*.txt' | wc -l)
shown=$(python3 -c "print(f'{$n:,}')")
tmux -L $sock new-session -d -x 100 -y 30 "$folio '$dir'; echo EXITED; sleep 60"
start=$(date +%s.%N)
for _ in $(seq 100); do tmux -L $sock capture-pane -p | grep -q "$shown" && break; sleep 0.1; done
listed=$(date +%s.%N)
tmux -L $sock send-keys q
for _ in $(seq 50); do tmux -L $sock capture-pane -p | grep -q EXITED && break; sleep 0.1; done
if tmux -L $sock capture-pane -p | grep -q EXITED; then
	echo "the list of $shown showed $(echo "$listed - $start" | bc) s after start; q ended the reader"
else
	echo "HUNG: no list and q did not end the reader within $(echo "$(date +%s.%N) - $start" | bc) s; the screen:"
	tmux -L $sock capture-pane -p | head -5
fi
