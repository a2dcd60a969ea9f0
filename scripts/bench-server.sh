#!/usr/bin/env bash
# Load benchmark of the scan API: a fresh server on embedded SQLite (or PostgreSQL with
# BEDSIDE_DATABASE_URL set), one admin, then scripts/loadtest with 2 KB posts.
# Usage: scripts/bench-server.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
conns=${2:-64}
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/bedside" ./cmd/bedside
go build -o "$work/loadtest" ./scripts/loadtest
echo "correct-horse-battery" | "$work/bedside" admin create --data "$work/data" --practice "Load Test Clinic" --email load@example.com --password-stdin >/dev/null
"$work/bedside" serve --data "$work/data" --addr 127.0.0.1:18181 >/dev/null 2>"$work/serve.log" &
pid=$!
for _ in $(seq 50); do curl -fs http://127.0.0.1:18181/healthz >/dev/null 2>&1 && break; sleep 0.1; done
token=$(curl -fs -X POST -H 'Content-Type: application/json' -d '{"email":"load@example.com","password":"correct-horse-battery"}' \
  http://127.0.0.1:18181/api/v1/login | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for post in allow block; do
  "$work/loadtest" -url http://127.0.0.1:18181 -token "$token" -c "$conns" -d "${secs}s" -post "$post"
done
