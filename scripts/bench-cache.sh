#!/usr/bin/env bash
# The index cache's budgets, side by side in one run (hyperfine medians when
# it is installed, else five timed runs):
#   - cold `folio stats DIR` (no cache; and writing one) against rg -l -uu
#   - warm `folio list DIR -q WORD` against --no-cache, outputs compared
#   - revalidation of the unchanged corpus (folio stats --json: load_seconds)
#   - the cache's size against the corpus's, and peak RSS warm and cold
#   - warm `folio list DIR -q WORD` answered by `folio daemon DIR`, against
#     the same command alone, outputs compared
#   - the same after files were added, changed, removed and renamed (in a
#     copy of DIR made of hard links), against --no-cache
#   scripts/bench-cache.sh [DIR] [WORD]  (default: a 100k corpus in $TMPDIR; kazakhstan)
# The cache lives in a private XDG_CACHE_HOME; nothing is written in DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-${TMPDIR:-/tmp}/folio-bench-100k}
word=${2:-kazakhstan}
if [ ! -d "$dir" ]; then
	go run ./cmd/corpusgen -n 100000 -o "$dir"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME=$work/cache XDG_RUNTIME_DIR=$work/run XDG_CONFIG_HOME=$work/config XDG_STATE_HOME=$work/state # no settings of yours (keep)
mkdir -m 700 "$XDG_RUNTIME_DIR"
go build -o "$work/folio" ./cmd/folio
folio=$work/folio
echo "corpus: $dir ($(du -sb "$dir" | cut -f1) bytes); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
find "$dir" -name '*.txt' -print0 | xargs -0 cat >/dev/null # page cache warm for every side

clear_cache() { rm -rf "$XDG_CACHE_HOME"; }
if command -v hyperfine >/dev/null; then
	hyperfine -N -i --warmup 1 --runs 5 \
		"rg -l -uu absentword $dir" \
		"$folio stats $dir --no-cache" 2>/dev/null | grep -v '^ *$' || true
	# The same, writing the cache before it exits (a cold command leaves one).
	hyperfine -N --warmup 1 --runs 5 --prepare "rm -rf $XDG_CACHE_HOME" \
		"$folio stats $dir" 2>/dev/null | grep -v '^ *$' || true
else
	for i in 1 2 3 4 5; do /usr/bin/time -f "rg %e s" rg -l -uu absentword "$dir" >/dev/null || true; done
	for i in 1 2 3 4 5; do /usr/bin/time -f "cold stats %e s" "$folio" stats "$dir" --no-cache >/dev/null; done
fi

# A cache with the bodies: the first list that looks in them writes it.
clear_cache
"$folio" list "$dir" -q "$word" >/dev/null 2>&1
if command -v hyperfine >/dev/null; then
	hyperfine -N --warmup 1 --runs 10 \
		"$folio list $dir -q $word" \
		"$folio list $dir -q $word --no-cache" 2>/dev/null | grep -v '^ *$' || true
else
	for i in 1 2 3 4 5; do /usr/bin/time -f "warm list %e s" "$folio" list "$dir" -q "$word" >/dev/null 2>&1; done
fi
"$folio" list "$dir" -q "$word" 2>/dev/null >"$work/warm.txt"
"$folio" list "$dir" -q "$word" --no-cache 2>/dev/null >"$work/cold.txt"
if cmp -s "$work/warm.txt" "$work/cold.txt"; then
	echo "warm list = --no-cache list: $(wc -l <"$work/warm.txt") lines, identical"
else
	echo "warm list DIFFERS from --no-cache"
	exit 1
fi
for i in 1 2 3 4 5; do
	"$folio" stats "$dir" --json | sed -n 's/.*"load_seconds":\([0-9.e-]*\).*/\1/p'
done | sort -g | awk '{ a[NR] = $1 } END { printf "warm open + revalidation of every file (median of 5): %.3f s\n", a[3] }'
cache_bytes=$(du -cb "$XDG_CACHE_HOME"/folio/*.idx | tail -1 | cut -f1)
corpus_bytes=$(du -sb "$dir" | cut -f1)
echo "cache: $cache_bytes bytes, $(echo "scale=1; 100 * $cache_bytes / $corpus_bytes" | bc)% of the corpus"
# memory LABEL CMD...: CMD's peak RSS, and the peak size of its file of word
# positions (unlinked as soon as it is made, so read through /proc/PID/fd,
# ten times a second), which sits on disk or, where the cache folder is on
# tmpfs, in memory outside the RSS; and their sum.
memory() {
	local label=$1 spill=0 pid fd size
	shift
	/usr/bin/time -f "%M %e" -o "$work/rss.txt" "$@" >/dev/null 2>&1 &
	local timer=$!
	while kill -0 "$timer" 2>/dev/null; do
		for pid in $(pgrep -P "$timer"); do
			for fd in /proc/"$pid"/fd/*; do
				case $(readlink "$fd" 2>/dev/null) in
				*folio-positions-*)
					size=$(stat -L -c %s "$fd" 2>/dev/null || echo 0)
					[ "$size" -gt "$spill" ] && spill=$size
					;;
				esac
			done
		done
		sleep 0.1
	done
	wait "$timer" || true
	read -r rss secs <"$work/rss.txt"
	echo "$label: peak RSS $rss KB + positions file $((spill / 1024)) KB = $((rss + spill / 1024)) KB ($secs s)"
}
memory "warm list" "$folio" list "$dir" -q "$word"
clear_cache
memory "cold list (indexing the bodies, writing the cache)" "$folio" list "$dir" -q "$word"

# A running folio (here folio daemon; the reader and folio serve do the
# same) answers the command: no cache read, no file looked at but those the
# watcher says changed.
daemons=""
trap 'kill $daemons 2>/dev/null; rm -rf "$work"' EXIT
start_daemon() { # start_daemon DIR LOG: a warm folio daemon on DIR, once it says it is ready
	"$folio" list "$1" -q "$word" >/dev/null 2>&1 # the cache, for a warm start
	"$folio" daemon "$1" 2>"$2" &
	daemons="$daemons $!"
	for _ in $(seq 1 600); do
		grep -q 'ready:' "$2" && break
		sleep 0.1
	done
	grep 'ready:' "$2" || { cat "$2"; exit 1; }
}
start_daemon "$dir" "$work/daemon.log"
if command -v hyperfine >/dev/null; then
	hyperfine -N --warmup 3 --runs 20 \
		"$folio list $dir -q $word" \
		"env XDG_RUNTIME_DIR=$work/none $folio list $dir -q $word" 2>/dev/null | grep -v '^ *$' || true
else
	for i in 1 2 3 4 5; do /usr/bin/time -f "list answered by the daemon %e s" "$folio" list "$dir" -q "$word" >/dev/null 2>&1; done
fi
"$folio" list "$dir" -q "$word" 2>/dev/null >"$work/daemon.txt"
if cmp -s "$work/daemon.txt" "$work/cold.txt"; then
	echo "list answered by the daemon = --no-cache list: $(wc -l <"$work/daemon.txt") lines, identical"
else
	echo "list answered by the daemon DIFFERS from --no-cache"
	exit 1
fi

# After changes: a daemon keeps a copy of the corpus made of hard links
# (every change below replaces or unlinks a name in the copy, so DIR's own
# files stay as they were): two files added, one written again with its
# size kept and a new mtime, one given a new size, two removed, one
# renamed. The next list, answered by the daemon at once, must print
# what --no-cache prints.
copy=$work/copy
if ! cp -al "$dir" "$copy" 2>/dev/null; then
	echo "after changes: skipped (no hard links from $dir to $work)"
	exit 0
fi
start_daemon "$copy" "$work/daemon2.log" >/dev/null
"$folio" list "$copy" -q "$word" 2>/dev/null | cut -f1 >"$work/hits.txt"
"$folio" list "$copy" -q "-$word" --limit 1 2>/dev/null | cut -f1 >"$work/miss.txt"
mapfile -t hit <"$work/hits.txt"
miss=$(cat "$work/miss.txt")
replace() { # replace NAME: write the copy's NAME anew from stdin, by rename
	cat >"$copy/$1.new" && mv "$copy/$1.new" "$copy/$1"
}
printf 'Title: Added %s one\nPublished Time: 2030-01-01\nAuthor: bench\nCategory 1: WORLD\nText:\nNews of %s.\n' "$word" "$word" >"$copy/added-1.txt"
printf 'Title: Added two\nPublished Time: 2030-01-02\nAuthor: bench\nCategory 1: WORLD\nText:\nMore on %s.\n' "$word" >"$copy/${hit[0]%/*}/added-2.txt"
replace "${hit[1]}" <"$copy/${hit[1]}" && touch -d '2030-01-01' "$copy/${hit[1]}"
{ cat "$copy/$miss"; printf '\nNow %s too.\n' "$word"; } | replace "$miss"
rm "$copy/${hit[2]}" "$copy/${hit[3]}"
mv "$copy/${hit[4]}" "$copy/${hit[4]%.txt}-renamed.txt"
/usr/bin/time -f "%e" -o "$work/first.txt" "$folio" list "$copy" -q "$word" 2>/dev/null >"$work/changed.txt"
"$folio" list "$copy" -q "$word" --no-cache 2>/dev/null >"$work/changed-cold.txt"
if cmp -s "$work/changed.txt" "$work/changed-cold.txt"; then
	echo "after changes, the first list answered by the daemon ($(cat "$work/first.txt") s) = --no-cache list: $(wc -l <"$work/changed.txt") lines (was ${#hit[@]}), identical"
else
	echo "after changes, the list answered by the daemon DIFFERS from --no-cache"
	diff "$work/changed.txt" "$work/changed-cold.txt" | head
	exit 1
fi
if command -v hyperfine >/dev/null; then
	hyperfine -N --warmup 3 --runs 20 "$folio list $copy -q $word" 2>/dev/null | grep -v '^ *$' || true
fi
