#!/usr/bin/env bash
# Instructions per scan, counted by valgrind's cachegrind: unlike wall time, the count repeats to
# within about 1% on a shared or noisy machine, so it compares two versions of the scanner fairly.
# It counts work, not cache misses. Each figure is the difference of two runs with different
# iteration counts, so loading the rules cancels out.
# Usage: scripts/bench-instructions.sh [REV]   (REV: also measure that git revision, e.g. main~10)
# Needs valgrind (apt-get install valgrind).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"; git worktree remove --force "$work/rev" 2>/dev/null || true' EXIT
go test -c -o "$work/head.test" ./phi/
bins=(head)
if [ $# -gt 0 ]; then
	git worktree add -q --detach "$work/rev" "$1"
	(cd "$work/rev" && go test -c -o "$work/rev.test" ./phi/)
	bins+=(rev)
fi
count() { # binary benchmark iterations -> instructions
	(cd phi && GOGC=off valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
		"$1" -test.run '^$' -test.bench "^$2\$" -test.cpu 1 -test.benchtime "$3x" 2>&1 |
		sed -n 's/.*I *refs: *//p' | tr -d ',')
}
for b in "${bins[@]}"; do
	for spec in Check2KB:100:600 CheckSocial:2:8 CheckTweets:2:8; do
		IFS=: read -r name lo hi <<<"$spec"
		a=$(count "$work/$b.test" "Benchmark$name" "$lo")
		z=$(count "$work/$b.test" "Benchmark$name" "$hi")
		echo "$b Benchmark$name $(( (z - a) / (hi - lo) )) instructions per op"
	done
done
