#!/usr/bin/env bash
# Whole-campaign throughput: RECIPIENTS consenting contacts (default 100,000), one marketing
# campaign, the real sender loop over 8 SMTP connections to an in-process SMTP sink, on SQLite and
# on PostgreSQL ($BEDSIDE_TEST_DATABASE_URL or the local server). Prints messages a second and the
# largest heap seen while sending (the sender claims a bounded batch at a time).
# Usage: scripts/bench-campaign.sh [RECIPIENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
echo "$n recipients, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for db in sqlite postgres; do
  printf '%-9s ' "$db"
  BEDSIDE_BENCH_DB=$db BEDSIDE_BENCH_RECIPIENTS=$n go test -run '^$' -bench BenchmarkCampaignSend -benchtime 1x -timeout 30m ./web/ |
    awk '/BenchmarkCampaignSend/ { for (i = 1; i <= NF; i++) if ($i ~ /msgs\/s|peak-heap-MB/) printf "%s %s  ", $(i-1), $i; print "" }'
done
