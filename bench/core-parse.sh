#!/usr/bin/env bash
# Benchmark: parse bookworm main/amd64 Packages (about 63k paragraphs) and compare all its
# versions, debforge's debian-core against apt's own C++ parser (python3-apt), in one run.
# Prints each side's median throughput and the ratio debforge/apt (above 1 means faster).
#
#   bench/core-parse.sh [PACKAGES_FILE]     default: fetched from the host's Debian mirror
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
command -v /usr/bin/python3 >/dev/null && /usr/bin/python3 -c 'import apt_pkg' 2>/dev/null \
  || ./scripts/install-deps
ls bench/target/debforge-bench-*.jar >/dev/null 2>&1 || mvn -B -q -ntp -pl bench -am package -DskipTests
file=${1:-}
if [[ -z $file ]]; then
  cache=${XDG_CACHE_HOME:-$HOME/.cache}/debforge-bench
  mkdir -p "$cache"
  file=$cache/bookworm-main-amd64-Packages
  if [[ ! -s $file ]]; then
    mirror=$(bin/debforge mirror)
    echo "fetching $mirror/dists/bookworm/main/binary-amd64/Packages.xz" >&2
    curl -fsSL "$mirror/dists/bookworm/main/binary-amd64/Packages.xz" | xz -d >"$file.tmp"
    mv "$file.tmp" "$file"
  fi
fi
cp=$(ls bench/target/debforge-bench-*.jar):$(ls debian-core/target/debian-core-*.jar | grep -v tests | head -n1)
echo "input: $file ($(grep -c '^Package:' "$file") paragraphs, $(du -h "$file" | cut -f1))"
ours=$(java -cp "$cp" org.debforge.bench.PackagesBench "$file")
peer=$(/usr/bin/python3 bench/peers/apt_pkg_packages.py "$file")
printf '%-8s %14s %14s %8s\n' measure debforge apt_pkg ratio
while read -r name secs rate unit; do
  prate=$(awk -v n="$name" '$1==n {print $3}' <<<"$peer")
  printf '%-8s %14s %14s %8.2f  (%s)\n' "$name" "$rate" "$prate" "$(echo "$rate / $prate" | bc -l)" "$unit"
done <<<"$ours"
