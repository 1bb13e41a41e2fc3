#!/usr/bin/env bash
# Benchmark: index and sign a real Debian pool sample (the N smallest .debs of bookworm main
# amd64, N=1200 by default) three ways, in one run:
#   - deb-orchestrator publish of a tag holding all of them (cold: the first publish, which reads
#     every .deb; then warm: a re-publish after untagging one build),
#   - apt-ftparchive packages + release over the same files laid out in a pool,
#   - reprepro includedeb of the same files into a fresh repository.
# Each side writes Packages (+ .xz), a Release, and signs it (gpg for the peers). Importing into
# the deb-orchestrator store is timed separately (it is not indexing). Prints wall times, ratios.
#
#   bench/publish-vs-apt-ftparchive.sh [N]        needs Debian's mirror on first run (cached)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
n=${1:-1200}
command -v apt-ftparchive >/dev/null && command -v reprepro >/dev/null || ./scripts/install-deps
cache=${DEBFORGE_BENCH_CACHE:-/var/cache/debforge-bench}/publish
mkdir -p "$cache/pool"

# --- the sample: the N smallest .debs, fetched once ----------------------------------------------
mirror=$(bin/debforge mirror)
packages=$cache/bookworm-main-amd64-Packages
if [[ ! -s $packages ]]; then
  echo "fetching bookworm main amd64 Packages" >&2
  curl -fsSL "$mirror/dists/bookworm/main/binary-amd64/Packages.xz" | xz -d >"$packages.tmp"
  mv "$packages.tmp" "$packages"
fi
subset=$cache/sample-$n.Packages
if [[ ! -s $subset ]]; then
  /usr/bin/python3 - "$packages" "$n" >"$subset.tmp" <<'PY'
import re, sys
stanzas = [s for s in open(sys.argv[1], encoding="utf-8").read().split("\n\n") if s.strip()]
size = lambda s: int(re.search(r"^Size: (\d+)$", s, re.M).group(1))
for s in sorted(stanzas, key=size)[: int(sys.argv[2])]:
    print(s.strip() + "\n")
PY
  mv "$subset.tmp" "$subset"
fi
grep '^Filename: ' "$subset" | cut -d' ' -f2 | while read -r f; do
  [[ -s $cache/$f ]] || echo "$f"
done | xargs -r -P 8 -I{} sh -c 'mkdir -p "$(dirname "'"$cache"'/{}")" && curl -fsS -o "'"$cache"'/{}.part" "'"$mirror"'/{}" && mv "'"$cache"'/{}.part" "'"$cache"'/{}"'
count=$(grep -c '^Filename: ' "$subset")
echo "sample: $count .debs, $(du -shL "$cache/pool" | cut -f1) in $cache/pool"
[[ ${FETCH_ONLY:-} == 1 ]] && exit 0

# --- build, work area, one signing key for all three -----------------------------------------------
[[ -f dist/target/debforge/lib/debforge.jar ]] && ls bench/target/debforge-bench-*.jar >/dev/null 2>&1 \
  || mvn -B -q -ntp -pl bench,dist -am package -DskipTests
cp="$(ls bench/target/debforge-bench-*.jar):dist/target/debforge/lib/*"
work=$(mktemp -d /var/tmp/publish-bench.XXXXXX)
[[ ${KEEP_WORK:-} == 1 ]] || trap 'rm -rf "$work"' EXIT
export GNUPGHOME=$work/gnupg
mkdir -m 700 "$GNUPGHOME"
bin/debforge pgp gen-key --name "debforge bench" --email bench@debforge.invalid \
  --out-public "$work/key.gpg" --out-secret "$work/key.asc" >/dev/null
gpg -q --batch --import "$work/key.asc" 2>/dev/null
keyid=$(gpg --batch --with-colons --list-secret-keys | awk -F: '/^fpr/ {print $10; exit}')
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l; }

# --- deb-orchestrator: import (separate), then publish cold and warm -------------------------------
/usr/bin/python3 bench/peers/changes_for_pool.py "$subset" "$cache" "$work/uploads" >/dev/null
echo "import: $(java -cp "$cp" org.debforge.bench.StoreImport "$work/store" "$work/uploads" sample)"
orch() { bin/deb-orchestrator "$1" --store "$work/store" --user bench "${@:2}"; }
orch publish-config sample --codename bookworm --signing-key "$work/key.asc" >/dev/null
ms() { /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["millis"] / 1000)'; }
t0=$(now); inner=$(orch publish sample --json | ms); t1=$(now)
ours=$(secs "$t0" "$t1")
orch untag-build sample "$(orch list-tagged sample --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["nvr"])')" >/dev/null
t0=$(now); warminner=$(orch publish sample --json | ms); t1=$(now)
warm=$(secs "$t0" "$t1")
t0=$(now); orch list-tags >/dev/null; t1=$(now)
startup=$(secs "$t0" "$t1")
published=$(grep -c '^Package: ' "$work/store/repos/sample/dists/sample/main/binary-amd64/Packages")

# --- apt-ftparchive: packages + release over the same files in a pool -------------------------------
aft=$work/aft
mkdir -p "$aft/dists/bookworm/main/binary-amd64"
cp -al "$cache/pool" "$aft/pool"
t0=$(now)
(
  cd "$aft"
  apt-ftparchive packages pool >dists/bookworm/main/binary-amd64/Packages
  xz -k dists/bookworm/main/binary-amd64/Packages
  apt-ftparchive -o APT::FTPArchive::Release::Codename=bookworm release dists/bookworm >Release.tmp
  mv Release.tmp dists/bookworm/Release
  gpg -q --batch -u "$keyid" --clearsign -o dists/bookworm/InRelease dists/bookworm/Release
  gpg -q --batch -u "$keyid" -abs -o dists/bookworm/Release.gpg dists/bookworm/Release
) 2>/dev/null
t1=$(now)
peer1=$(secs "$t0" "$t1")

# --- reprepro includedeb of the same files ---------------------------------------------------------
rr=$work/reprepro
mkdir -p "$rr/conf"
cat >"$rr/conf/distributions" <<CONF
Codename: bookworm
Architectures: amd64
Components: main
SignWith: $keyid
CONF
t0=$(now)
grep '^Filename: ' "$subset" | cut -d' ' -f2 | sed "s|^|$cache/|" \
  | xargs reprepro -s -b "$rr" --ignore=wrongdistribution --ignore=extension includedeb bookworm >/dev/null 2>&1
t1=$(now)
peer2=$(secs "$t0" "$t1")

echo "sample: $count .debs ($published in the published Packages)"
printf '%-44s %8s %8s\n' step seconds 'ours x'
printf '%-44s %8.2f\n' "deb-orchestrator publish (cold, first)" "$ours"
printf '%-44s %8.2f\n' "  of which publishing itself (in the JVM)" "$inner"
printf '%-44s %8.2f\n' "deb-orchestrator publish (warm, after untag)" "$warm"
printf '%-44s %8.2f\n' "  of which publishing itself (in the JVM)" "$warminner"
printf '%-44s %8.2f\n' "deb-orchestrator list-tags (start-up + DB)" "$startup"
printf '%-44s %8.2f %8.2f\n' "apt-ftparchive packages+release (+xz, gpg)" "$peer1" "$(echo "$peer1 / $ours" | bc -l)"
printf '%-44s %8.2f %8.2f\n' "reprepro includedeb" "$peer2" "$(echo "$peer2 / $ours" | bc -l)"
echo "ours x: the peer's wall time / deb-orchestrator's cold publish (above 1: we are faster)"
