#!/usr/bin/env bash
# Measures loading a corpus against merely reading its files, side by side in
# one run, and the peak memory of `folio stats` on it.
#   scripts/bench-load.sh [DIR]   (default: a 100k corpus generated into /tmp)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-${TMPDIR:-/tmp}/folio-bench-100k}
if [ ! -d "$dir" ]; then
	go run ./cmd/corpusgen -n 100000 -o "$dir"
fi
echo "corpus: $dir ($(find "$dir" -name '*.txt' | wc -l) files, $(du -sb "$dir" | cut -f1) bytes)"
# Warm the page cache, so both sides read from memory.
find "$dir" -name '*.txt' -print0 | xargs -0 cat >/dev/null
FOLIO_BENCH_DIR=$dir go test -run XXX -bench 'BenchmarkLoad$|BenchmarkRawRead$' -benchmem -count 5 -benchtime 2x ./loader | tee /tmp/folio-bench-load.txt
awk '/^Benchmark(Load|RawRead)/ { name=$1; sub(/-[0-9]+$/, "", name); v[name]=v[name] " " $3 }
END {
	for (n in v) { k = split(v[n], a, " "); asort(a); med[n] = a[int((k+1)/2)]; printf "%s median %.3f s\n", n, med[n]/1e9 }
	if (med["BenchmarkRawRead"] > 0) printf "load / raw read = %.2f\n", med["BenchmarkLoad"]/med["BenchmarkRawRead"]
}' /tmp/folio-bench-load.txt
go build -o /tmp/folio-bench-bin ./cmd/folio
/usr/bin/time -f "folio stats: %e s wall, peak RSS %M KB" /tmp/folio-bench-bin stats "$dir" | head -3
