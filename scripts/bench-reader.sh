#!/usr/bin/env bash
# The reader's start, as a person sees it, in tmux: how long until the list
# shows every article, and until a body word typed at once is answered (its
# match count on screen, with no "titles only" note). Runs warm (a cache)
# and cold (--no-cache), five times each, and prints medians.
#   scripts/bench-reader.sh [DIR] [WORD]   (default: a 100k corpus in $TMPDIR; kazakhstan)
#   MODES=warm scripts/bench-reader.sh ... (the warm start only; RUNS=N runs, default 5)
# The cache lives in a private XDG_CACHE_HOME; nothing is written in DIR.
# Each run opens a new session on one tmux server that stays up, as when a
# person starts folio in the tmux they use: a new server each run cost
# some 50 ms more, and none of it is folio's. The harness's own floor (the
# time to see a program that prints at once) is printed beside.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-${TMPDIR:-/tmp}/folio-bench-100k}
word=${2:-kazakhstan}
command -v tmux >/dev/null || { echo "needs tmux" >&2; exit 1; }
if [ ! -d "$dir" ]; then
	go run ./cmd/corpusgen -n 100000 -o "$dir"
fi
work=$(mktemp -d)
trap 'tmux -L folio-bench kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
export XDG_CACHE_HOME=$work/cache XDG_STATE_HOME=$work/state XDG_CONFIG_HOME=$work/config
mkdir -m 700 "$work/run" # the reader's XDG_RUNTIME_DIR, for its socket (tmux's stays where it is)
go build -o "$work/folio" ./cmd/folio
n=$(find "$dir" -name '*.txt' | wc -l)
total=$(echo "$n" | sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta') # 100,000, as the title bar has it
"$work/folio" list "$dir" -q "$word" >/dev/null 2>&1 # the cache, bodies included
now() { date +%s%N; }
tmux -L folio-bench new -d -s hold -x 120 -y 30 "sleep 3600"
run() { # $1: extra flag; prints "list_ms answer_ms"
	local t0 t1="" screen
	# The previous run's session may still be going away: try again.
	for try in $(seq 20); do
		t0=$(now)
		tmux -L folio-bench new -d -s r -x 120 -y 30 "env XDG_RUNTIME_DIR=$work/run $work/folio $1 $dir" 2>/dev/null && break
		[ "$try" = 20 ] && { echo "tmux would not start" >&2; exit 1; }
		sleep 0.05
	done
	tmux -L folio-bench send-keys -t r / "$word"
	while :; do
		screen=$(tmux -L folio-bench capture-pane -p -t r 2>/dev/null || true)
		if [ -z "$t1" ] && grep -q "$total" <<<"$screen"; then
			t1=$(now)
		fi
		if grep -q "/ $word .*matches" <<<"$screen" && ! grep -qi "titles only\|indexing\|searching" <<<"$screen"; then
			break
		fi
		if [ $(($(now) - t0)) -gt 60000000000 ]; then
			echo "timed out" >&2
			break
		fi
		sleep 0.005
	done
	local t2
	t2=$(now)
	tmux -L folio-bench kill-session -t r 2>/dev/null || true
	echo "$(((${t1:-$t2} - t0) / 1000000)) $(((t2 - t0) / 1000000))"
}
floor() { # the time to see a program that prints at once, in ms
	local t0
	t0=$(now)
	tmux -L folio-bench new -d -s r -x 120 -y 30 "echo $total; sleep 10"
	until tmux -L folio-bench capture-pane -p -t r 2>/dev/null | grep -q "$total"; do sleep 0.005; done
	echo $((($(now) - t0) / 1000000))
	tmux -L folio-bench kill-session -t r
}
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
echo "corpus: $dir ($n files); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); harness floor $(for _ in 1 2 3 4 5; do floor; done | median) ms"
runs=${RUNS:-5}
for mode in ${MODES:-warm cold}; do
	flag=""
	[ "$mode" = cold ] && flag=--no-cache
	for _ in $(seq "$runs"); do run "$flag"; done >"$work/$mode.txt"
	echo "$mode: list of $total shown after $(cut -d' ' -f1 "$work/$mode.txt" | median) ms, \"$word\" answered from the bodies after $(cut -d' ' -f2 "$work/$mode.txt" | median) ms (medians of $runs; each: $(tr '\n' ' ' <"$work/$mode.txt"))"
done
