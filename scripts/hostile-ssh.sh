#!/bin/sh
# Measure what each hostile client costs a real `folio serve --open` on
# loopback while a real ssh user runs `list -q`, as issue 8 asks:
#   scripts/hostile-ssh.sh [CORPUS]     (default: the sample corpus)
# Prints, per attack, the server's RSS growth (VmHWM after minus VmRSS
# before, from /proc/PID/status), its CPU (utime+stime from /proc/PID/stat)
# and how long the real user's command took. Linux only (/proc).
set -eu
corpus=${1:-}
tmp=$(mktemp -d /tmp/folio-hostile.XXXXXX)
trap 'kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME=$tmp/cache XDG_STATE_HOME=$tmp/state XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data
go build -o "$tmp/folio" ./cmd/folio
go build -o "$tmp/sshattack" ./cmd/sshattack
ssh-keygen -q -t ed25519 -N '' -f "$tmp/key"
port=23899
"$tmp/folio" serve $corpus --open --listen 127.0.0.1:$port --rate 0 --log "$tmp/log" &
pid=$!
ssh="ssh -F /dev/null -i $tmp/key -p $port -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR"
until $ssh reader@127.0.0.1 stats >/dev/null 2>&1; do sleep 0.2; done
tck=$(getconf CLK_TCK)
kb() { awk -v k="$1" '$1==k":" {print $2}' /proc/$pid/status; }
cpu() { awk '{print $14+$15}' /proc/$pid/stat; }
for attack in pty env cmd unauth; do
	rss0=$(kb VmRSS) cpu0=$(cpu)
	# The high-water mark is reset so each attack is measured on its own.
	echo 5 >/proc/$pid/clear_refs 2>/dev/null || true
	"$tmp/sshattack" -addr 127.0.0.1:$port -attack $attack 2>"$tmp/attack.err" &
	apid=$!
	sleep 0.5
	t0=$(date +%s.%N)
	lines=$($ssh reader@127.0.0.1 "list -q russia" | wc -l)
	t1=$(date +%s.%N)
	wait $apid || { echo "$attack: the attack client failed:"; cat "$tmp/attack.err"; }
	hwm=$(kb VmHWM) cpu1=$(cpu)
	printf '%-7s RSS +%5d MB (VmHWM %d MB, before %d MB)  CPU %.2f s  real user served in %.2f s (%d lines)\n' \
		$attack $(((hwm - rss0) / 1024)) $((hwm / 1024)) $((rss0 / 1024)) \
		"$(echo "($cpu1 - $cpu0) / $tck" | bc -l)" "$(echo "$t1 - $t0" | bc -l)" "$lines"
	sed 's/^/        attack client: /' "$tmp/attack.err"
done
echo "refusals logged:"
grep -E 'refused|cut' "$tmp/log" | cut -c1-160 || true
