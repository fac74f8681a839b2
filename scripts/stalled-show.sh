#!/bin/sh
# Measure what clients that ask for a large article and never read it cost
# a real `folio serve --open` on loopback:
#   scripts/stalled-show.sh [MB] [CLIENTS] [OTHER_MB]     (default: a 100 MB article, 5 clients, no other)
# on port $FOLIO_STALLED_PORT (default 23898).
# Each client is OpenSSH's ssh running `show big.txt --json` into a pipe
# nobody reads. Prints the server's VmRSS before, its VmHWM while they
# wait, and its VmRSS once the write timeout (30 s) has ended them, from
# /proc/PID/status, and the server's VmRSS every 10 s while they wait
# (when the collector hands memory back varies, so the RSS after is no
# baseline; the peak over the indexed server's is the clients' cost). The
# article's body is indexed first and the server's peak while it loaded and
# indexed it is printed apart, so that it does not count as the clients'.
# While they wait, another user's show of the same article and list -q are
# timed; with OTHER_MB, then another user's show of a second article of
# that size (64 MB or more waits for the bytes the stalled clients hold,
# until the server lets them go). Linux only.
set -eu
mb=${1:-100} clients=${2:-5} other_mb=${3:-0}
tmp=$(mktemp -d /tmp/folio-stalled.XXXXXX)
sleepers=
trap 'kill $pid $sleepers 2>/dev/null || true; rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME=$tmp/cache XDG_STATE_HOME=$tmp/state XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data
go build -o "$tmp/folio" ./cmd/folio
mkdir "$tmp/corpus"
{
	printf 'Published Time: 2022-01-10\nTitle: A very long article\nCategory 1: WORLD\nAuthor: A\nText: \n'
	yes 'A paragraph about the trade talks, at some length, said again and again for a long time.

' | head -c $((mb << 20))
} >"$tmp/corpus/big.txt"
if [ "$other_mb" -gt 0 ]; then
	{
		printf 'Published Time: 2022-01-11\nTitle: Another long article\nCategory 1: WORLD\nAuthor: B\nText: \n'
		yes 'Another paragraph about the harvest, at some length, said again and again for a long time.

' | head -c $((other_mb << 20))
	} >"$tmp/corpus/other.txt"
fi
ssh-keygen -q -t ed25519 -N '' -f "$tmp/key"
ssh-keygen -q -t ed25519 -N '' -f "$tmp/key2"
port=${FOLIO_STALLED_PORT:-23898}
# Every client comes from 127.0.0.1: the address may hold more than the
# stalled clients, so that the other user is let in.
"$tmp/folio" serve "$tmp/corpus" --open --listen 127.0.0.1:$port --rate 0 --max-per-address $((clients + 5)) --log "$tmp/log" &
pid=$!
ssh="ssh -F /dev/null -i $tmp/key -p $port -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR"
until $ssh reader@127.0.0.1 stats >/dev/null 2>&1; do
	kill -0 $pid 2>/dev/null || { echo "folio serve ended"; exit 1; }
	sleep 0.2
done
while $ssh reader@127.0.0.1 "list --limit 1 -q paragraph" 2>&1 >/dev/null | grep -q 'still being indexed'; do sleep 0.5; done
kb() { awk -v k="$1" '$1==k":" {print $2}' /proc/$pid/status; }
rss0=$(kb VmRSS)
printf 'loaded and indexed: VmRSS %d MB, peak so far %d MB\n' $((rss0 / 1024)) $(($(kb VmHWM) / 1024))
echo 5 >/proc/$pid/clear_refs 2>/dev/null || true
sleepers=
for i in $(seq "$clients"); do
	$ssh reader@127.0.0.1 "show big.txt --json" | sleep 3600 &
	sleepers="$sleepers $!"
done
t0=$(date +%s)
# Meanwhile another user (another key) asks for the same article (the
# time to its first 64 KB, and to the whole) and runs a list -q: once the
# stalled clients' windows are full: once the server has read the article
# for them and gone idle (under 50 ms of CPU in half a second).
now() { date +%s.%N; }
cpu() { awk '{print $14+$15}' /proc/$pid/stat; }
tck=$(getconf CLK_TCK)
other="ssh -F /dev/null -i $tmp/key2 -p $port -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR"
sleep 1
prev=$(cpu)
for i in $(seq 120); do
	sleep 0.5
	c=$(cpu)
	[ $(((c - prev) * 1000 / tck)) -ge 50 ] || break
	prev=$c
done
printf 'the server went idle %d s after the clients asked\n' $(($(date +%s) - t0))
a=$(now)
$other reader@127.0.0.1 "show big.txt --json" 2>"$tmp/other.err" |
	{ head -c 65536 >/dev/null; now >"$tmp/first"; wc -c >"$tmp/whole"; } || true
c=$(now)
b=$(cat "$tmp/first")
$other reader@127.0.0.1 "list -q trade" >/dev/null 2>>"$tmp/other.err" || echo "list -q failed: $(cat "$tmp/other.err")"
d=$(now)
printf 'meanwhile another user: show of the same article, first 64 KB in %.2f s, all %d MB in %.2f s more; list -q in %.2f s\n' \
	"$(echo "$b - $a" | bc -l)" $((($(cat "$tmp/whole") + 65536) >> 20)) "$(echo "$c - $b" | bc -l)" "$(echo "$d - $c" | bc -l)"
hwm=$(kb VmHWM)
if [ "$other_mb" -gt 0 ]; then
	a=$(now)
	$other reader@127.0.0.1 "show other.txt --json" 2>>"$tmp/other.err" |
		{ head -c 65536 >/dev/null; now >"$tmp/first"; wc -c >"$tmp/whole"; } || true
	c=$(now)
	b=$(cat "$tmp/first")
	printf 'then another user: show of another article of %d MB, first 64 KB in %.2f s, all %d MB in %.2f s more\n' \
		"$other_mb" "$(echo "$b - $a" | bc -l)" $((($(cat "$tmp/whole") + 65536) >> 20)) "$(echo "$c - $b" | bc -l)"
fi
series=
until [ "$(grep -c 'output stalled' "$tmp/log")" -ge "$clients" ] || [ $(($(date +%s) - t0)) -gt 300 ]; do
	e=$(($(date +%s) - t0))
	[ $e -eq 0 ] || [ $((e % 10)) -ne 0 ] || series="$series $(($(kb VmRSS) / 1024))"
	sleep 1
done
t1=$(date +%s)
sleep 2
rss1=$(kb VmRSS)
printf '%d clients of a %d MB article (--json), never reading: RSS before %d MB, peak before any other article %d MB (+%d MB), after they were let go %d MB; all ended after %d s\n' \
	"$clients" "$mb" $((rss0 / 1024)) $((hwm / 1024)) $(((hwm - rss0) / 1024)) $((rss1 / 1024)) $((t1 - t0))
echo "VmRSS every 10 s while they waited (MB):$series"
