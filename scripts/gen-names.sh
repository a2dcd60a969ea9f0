#!/usr/bin/env bash
# Regenerates the scanner's embedded name and common-word lists from public data.
#   names:  US Census 1990 frequency lists (public domain), ../shared/data/names
#   common: SCOWL size 35 (Debian wamerican-small; copyright notice in phi/rules/names/NOTICE)
#           plus lower-case words seen at least 3 times outside entities in the
#           training halves of the Broad Twitter Corpus and WNUT17 (CC-BY 4.0).
#   spanish: the Spanish word list of Debian's wspanish (public domain): in a Spanish text a
#           capitalised Spanish word ("Una", "Cinco") needs context to be a name.
# Usage: scripts/gen-names.sh [SHARED_DATA_DIR] [SCOWL_WORDLIST] [SPANISH_WORDLIST]
set -euo pipefail
data=${1:-../shared/data}
scowl=${2:-/usr/share/dict/american-english-small}
spanish=${3:-/usr/share/dict/spanish}
out=phi/rules/names
lower() { tr '[:upper:]' '[:lower:]'; }

{ awk '{print $1}' "$data/names/dist.female.first" "$data/names/dist.male.first"; } | lower | sort -u > "$out/first.txt"
awk '{print $1}' "$data/names/dist.all.last" | lower | sort -u > "$out/surname.txt"
# The 3,000 commonest surnames: common enough that "Jenny Park" is a person, unlike "Emerald Valley".
awk '$4 <= 3000 {print $1}' "$data/names/dist.all.last" | lower | sort -u > "$out/surname_top.txt"

# Tweet words that are also first names of four letters or more ("walt", "sarah" written in
# lower case) stay names; shorter ones ("min", "pat") are abbreviations as often as names.
{
  grep -E "^[a-z][a-z']*$" "$scowl"
  cat "$data/tweets/btc.train" "$data/tweets/wnut17train.conll" |
    awk -F'\t' 'NF>=2 && $NF=="O" && $1 ~ /^[a-z][a-z'"'"']+$/ {print $1}' |
    sort | uniq -c | awk '$1>=3 {print $2}' | grep -vxF -f <(awk 'length($0) >= 4' "$out/first.txt")
} | sort -u | grep -vxF -e maria > "$out/common.txt"  # SCOWL's "maria" (lunar seas) is the commonest Hispanic first name
grep -E "^[a-záéíóúüñ]{2,}$" "$spanish" | sort -u > "$out/spanish.txt"
wc -l "$out"/surname_top.txt "$out"/spanish.txt "$out"/first.txt "$out"/surname.txt "$out"/common.txt
