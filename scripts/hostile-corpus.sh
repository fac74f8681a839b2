#!/bin/sh
# Reproduce the file attacks of the issue against a real `folio serve --open`
# (loopback only) and a real `folio daemon`, each following a copy of a
# corpus made by cmd/corpusgen:
#   scripts/hostile-corpus.sh [ARTICLES]     (default 2000 articles of base corpus)
#   FOLIO_ATTACKS="tokens t50m" scripts/hostile-corpus.sh   (only the attacks named)
# Each attack writes files into both folders while the processes run, and
# prints, for each process: whether it died, its RSS growth (VmHWM after the
# attack minus VmRSS before, from /proc/PID/status), how long the attack's
# files took to be listed and their bodies to be searchable, and the time of
# another `folio list -q` answered by it. Targets: no process dies; RSS growth <= 150 MB. Linux only (/proc).
# Every wait has a deadline, so a run is bounded in time.
set -eu
n=${1:-2000}
tmp=$(mktemp -d /tmp/folio-hostile-corpus.XXXXXX)
spid= dpid=
trap 'kill $spid $dpid 2>/dev/null || true; rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME=$tmp/cache XDG_STATE_HOME=$tmp/state XDG_CONFIG_HOME=$tmp/config \
	XDG_DATA_HOME=$tmp/data XDG_RUNTIME_DIR=$tmp/run
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
go build -o "$tmp/folio" ./cmd/folio
go build -o "$tmp/corpusgen" ./cmd/corpusgen
"$tmp/corpusgen" -n "$n" -o "$tmp/served" >/dev/null
cp -r "$tmp/served" "$tmp/kept"
folio=$tmp/folio

"$folio" serve "$tmp/served" --open --listen 127.0.0.1:23898 --rate 0 --log "$tmp/serve.log" &
spid=$!
"$folio" daemon "$tmp/kept" 2>"$tmp/daemon.log" &
dpid=$!

# wait_for SECONDS CMD...: run CMD until it succeeds; 1 when time is up.
wait_for() {
	limit=$1
	shift
	end=$(($(date +%s) + limit))
	until "$@" >/dev/null 2>&1; do
		[ "$(date +%s)" -lt "$end" ] || return 1
		sleep 0.2
	done
}
sockets() { [ "$(find "$XDG_RUNTIME_DIR" "$XDG_CACHE_HOME" -name '*.sock' 2>/dev/null | wc -l)" -ge 2 ]; }
wait_for 120 sockets || { echo "the server and the daemon did not start"; exit 1; }

kb() { awk -v k="$2" '$1==k":" {print $2}' /proc/"$1"/status 2>/dev/null || echo 0; }
# alive PID: a child that died stays a zombie until reaped; that is dead too.
alive() {
	if kill -0 "$1" 2>/dev/null && ! grep -q '^State:.*Z' /proc/"$1"/status 2>/dev/null; then
		echo alive
	else
		echo DIED
	fi
}
# listed DIR WORD COUNT: at least COUNT articles match WORD (in their titles),
# and WORDbody (in their bodies: the bodies are indexed).
listed() {
	[ "$("$folio" list "$1" -q "$2" 2>/dev/null | wc -l)" -ge "$3" ] &&
		[ "$("$folio" list "$1" -q "${2}body" 2>/dev/null | wc -l)" -ge "$3" ]
}

# title FILE BYTES WORD: an article whose title is WORD and then BYTES bytes.
title() {
	mkdir -p "$(dirname "$1")"
	{
		printf 'Published Time: 2099-01-01\nTitle: %s ' "$3"
		head -c "$2" /dev/zero | tr '\0' 't'
		printf '\nCategory 1: HOSTILE\nAuthor: Nobody\nText: \nA body: %sbody.\n' "$3"
	} >"$1"
}

# tokens DIR FILES PER WORD: FILES articles, PER distinct tokens each.
tokens() {
	awk -v dir="$1" -v files="$2" -v per="$3" -v word="$4" 'BEGIN {
		k = 0
		for (f = 0; f < files; f++) {
			if (f % 50 == 0) system("mkdir -p " dir "/" int(f / 50))
			out = sprintf("%s/%d/%05d.txt", dir, int(f / 50), f)
			printf "Published Time: 2024-01-01\nTitle: %s %d\nCategory 1: HOSTILE\nAuthor: Gen\nText: \n%sbody\n", word, f, word > out
			for (i = 0; i < per; i++) {
				# Plain numbers: awk may keep no more than 31 bits of one.
				printf "q%07x%03x%s", k, (k * 7) % 4096, (i % 12 == 11 ? "\n" : " ") > out
				k++
			}
			close(out)
		}
	}'
}

attack() { # NAME WORD COUNT: apply the attack (function make_NAME DIR) to both folders and measure
	name=$1 word=$2 count=$3
	case " ${FOLIO_ATTACKS:-$name} " in *" $name "*) ;; *) return 0 ;; esac
	for pid in $spid $dpid; do echo 5 >/proc/"$pid"/clear_refs 2>/dev/null || true; done
	srss=$(kb "$spid" VmRSS) drss=$(kb "$dpid" VmRSS)
	t0=$(date +%s.%N)
	"make_$name" "$tmp/served"
	"make_$name" "$tmp/kept"
	for who in served kept; do
		pid=$spid rss=$srss
		[ $who = kept ] && pid=$dpid rss=$drss
		seen=yes
		wait_for 300 listed "$tmp/$who" "$word" "$count" || seen="NOT within 300 s"
		t1=$(date +%s.%N)
		l0=$(date +%s.%N)
		lines=$("$folio" list "$tmp/$who" -q russia 2>/dev/null | wc -l)
		l1=$(date +%s.%N)
		hwm=$(kb "$pid" VmHWM)
		printf '%-9s %-6s %-5s RSS +%5d MB (VmHWM %d MB)  listed: %s after %.1f s  list -q: %.2f s (%d lines)\n' \
			"$name" "$(echo $who | sed 's/served/serve/; s/kept/daemon/')" "$(alive "$pid")" \
			$(((${hwm:-0} - ${rss:-0}) / 1024)) $((${hwm:-0} / 1024)) "$seen" \
			"$(echo "$t1 - $t0" | bc -l)" "$(echo "$l1 - $l0" | bc -l)" "$lines"
	done
}

make_t600() { title "$1/t600.txt" 600 hostilesix; }
make_t16k() { title "$1/t16k.txt" 16384 hostilesixteen; }
make_t5m() { title "$1/t5m.txt" $((5 << 20)) hostilefive; }
make_t50m() { title "$1/t50m.txt" $((50 << 20)) hostilefifty; }
make_deep() {
	d=$1
	i=0
	while [ $i -lt 200 ]; do d=$d/d; i=$((i + 1)); done
	title "$d/deep.txt" 1100 hostiledeep
}
make_tokens() { tokens "$1/tokens" 2000 3000 hostiletokens; }

attack t600 hostilesix 1
attack t16k hostilesixteen 1
attack t5m hostilefive 1
attack t50m hostilefifty 1
attack deep hostiledeep 1
attack tokens hostiletokens 2000
echo "the daemon's log:"
sed 's/^/    /' "$tmp/daemon.log" | cut -c1-160 | tail -5
