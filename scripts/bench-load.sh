#!/usr/bin/env bash
# Loads a corpus and reads the same files raw, side by side (interleaved, five
# rounds, medians), and measures the peak memory and load time of
# `folio stats` on it.
#   scripts/bench-load.sh [DIR]   (default: a 100k corpus generated into $TMPDIR)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-${TMPDIR:-/tmp}/folio-bench-100k}
if [ ! -d "$dir" ]; then
	go run ./cmd/corpusgen -n 100000 -o "$dir"
fi
echo "corpus: $dir ($(find "$dir" -name '*.txt' | wc -l) files, $(du -sb "$dir" | cut -f1) bytes)"
# Warm the page cache, so every side reads from memory.
find "$dir" -name '*.txt' -print0 | xargs -0 cat >/dev/null
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go test -c -o "$bin/loader.test" ./loader
go build -o "$bin/folio" ./cmd/folio
for round in 1 2 3 4 5; do
	for b in RawRead Load; do
		FOLIO_BENCH_DIR=$dir "$bin/loader.test" -test.run XXX -test.bench "^Benchmark$b\$" -test.benchtime 3x |
			awk -v b="$b" '/^Benchmark/ { print b, $3 / 1e9 }'
	done
	if command -v rg >/dev/null; then
		s=$(date +%s.%N)
		rg -j "$(nproc)" -c zzqqxxyy "$dir" >/dev/null || true
		echo rg "$(echo "$(date +%s.%N) - $s" | bc)"
	fi
done | tee "$bin/rounds.txt"
median() { grep "^$1 " "$bin/rounds.txt" | cut -d' ' -f2 | sort -g | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)] }'; }
raw=$(median RawRead) load=$(median Load) rgm=$(median rg)
echo "median: raw read ${raw} s, load ${load} s, rg ${rgm:-n/a} s"
echo "load / raw read = $(echo "scale=2; $load / $raw" | bc)"
[ -n "$rgm" ] && echo "load / rg       = $(echo "scale=2; $load / $rgm" | bc)"
FOLIO_BENCH_DIR=$dir "$bin/loader.test" -test.run XXX -test.bench '^BenchmarkBuildIndex$' -test.benchtime 3x | awk '/^Benchmark/ { printf "index build median-ish %.3f s\n", $3 / 1e9 }'
/usr/bin/time -o "$bin/time.txt" -f "folio stats: %e s wall, peak RSS %M KB" "$bin/folio" stats "$dir" >"$bin/stats.txt"
head -1 "$bin/stats.txt"
cat "$bin/time.txt"
