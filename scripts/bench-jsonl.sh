#!/usr/bin/env bash
# Whole-run throughput of `bedside scan --jsonl`: builds the binary, writes SIZE_MB of JSON lines
# from the labelled corpora (texts repeated, ids unique) and scans them on every core.
# Usage: scripts/bench-jsonl.sh [SIZE_MB]     (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/bedside" ./cmd/bedside
cat eval/testdata/*/*.jsonl | python3 -c '
import json, sys
size = int(sys.argv[1]) << 20
docs = [json.loads(l) for l in sys.stdin if l.strip()]
out, n, i = sys.stdout, 0, 0
while n < size:
    d = docs[i % len(docs)]
    line = json.dumps({"id": i, "text": d["text"], "context": d.get("context", "post"), "in_reply_to": d.get("in_reply_to")}) + "\n"
    out.write(line); n += len(line); i += 1
' "$size" > "$work/in.jsonl"
bytes=$(stat -c %s "$work/in.jsonl")
echo "input: $((bytes >> 20)) MB, $(wc -l < "$work/in.jsonl") documents, $(nproc) cores"
start=$(date +%s.%N)
/usr/bin/time -f "max RSS %M KB" "$work/bedside" scan --jsonl --practice eval/testdata/corpus/profile.json "$work/in.jsonl" > "$work/out.jsonl" || [ $? -eq 1 ]
end=$(date +%s.%N)
python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'{s:.1f} s, {int(sys.argv[3])/s/1e6:.1f} MB/s')" "$start" "$end" "$bytes"
echo "output lines: $(wc -l < "$work/out.jsonl")"
