#!/usr/bin/env bash
# deb822 parsing speed: debforge's Deb822.forEach against python3-apt's apt_pkg.TagFile (apt's C++
# parser) on the same Packages file, both reading the Package field of every paragraph.
#   bench/deb822.sh [Packages]   (default: this host's bookworm main amd64 list, lz4-decompressed)
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-}
if [[ -z $file ]]; then
  lz=$(ls /var/lib/apt/lists/*_dists_bookworm_main_binary-amd64_Packages.lz4 | head -1)
  file=${TMPDIR:-/tmp}/debforge-bench-Packages
  [[ -s $file ]] || lz4 -dc "$lz" >"$file"
fi
mvn -B -q -o -pl bench -am package -DskipTests >/dev/null
cp=bench/target/classes:debian-core/target/classes
echo "file: $file ($(stat -c %s "$file") bytes)"
java -cp "$cp" org.debforge.bench.Deb822Bench "$file" 8
/usr/bin/python3 - "$file" <<'PY'
import apt_pkg, os, sys, time
f = sys.argv[1]
size = os.path.getsize(f)
for r in range(5):
    t = time.time(); n = 0; total = 0
    with apt_pkg.TagFile(f) as tf:
        for s in tf:
            n += 1; total += len(s["Package"])
    d = time.time() - t
    print(f"python3-apt TagFile round {r}: {n} paragraphs, {d:.3f} s, {size/1e6/d:.0f} MB/s")
PY
