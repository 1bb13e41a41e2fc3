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
