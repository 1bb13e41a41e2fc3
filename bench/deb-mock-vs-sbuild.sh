#!/bin/bash
# deb-mock vs Debian's sbuild (unshare mode), in one run: the wall time of building one source
# package with each, from warm caches (deb-mock's base root, deps layer and .deb archive, made by
# an untimed first build; sbuild's chroot tarball), the ratio, and deb-mock's time by phase
# (from result.json). Needs root and Debian's mirror.
#
#   bench/deb-mock-vs-sbuild.sh [PKG.dsc]     (default: hello 2.10-3 fetched from the mirror)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
baseline=${SBUILD_BASELINE:-/work/shared/bench/sbuild-baseline}
dsc=${1:-}
if [[ -z $dsc ]]; then
  mirror=$("$here/bin/debforge" mirror)
  cache=${TMPDIR:-/tmp}/deb-mock-bench/hello
  mkdir -p "$cache"
  for f in hello_2.10-3.dsc hello_2.10.orig.tar.gz hello_2.10.orig.tar.gz.asc hello_2.10-3.debian.tar.xz; do
    [[ -s $cache/$f ]] || curl -sfo "$cache/$f" "$mirror/pool/main/h/hello/$f"
  done
  dsc=$cache/hello_2.10-3.dsc
fi
out=$(mktemp -d /tmp/deb-mock-bench.XXXXXX)
# Warm caches: the base root, then the deps layer and .deb archive of this package's Build-Depends.
"$here/bin/deb-mock" -q -r bookworm-amd64 --init --resultdir "$out/init" >/dev/null
"$here/bin/deb-mock" -q -r bookworm-amd64 --rebuild "$dsc" --resultdir "$out/warm" >/dev/null
start=$(date +%s.%N)
"$here/bin/deb-mock" -q -r bookworm-amd64 --rebuild "$dsc" --resultdir "$out/deb-mock" >/dev/null
end=$(date +%s.%N)
dm=$(echo "$end - $start" | bc)
sb=$("$baseline" "$dsc" | awk '/^sbuild-wall-seconds/{print $2}')
python3 - "$out/deb-mock/result.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for p in r["phases"]:
    print(f"deb-mock-phase {p['name']:<28} {p['seconds']:7.1f}")
print(f"deb-mock-deps-cache {r['chroot'].get('caches', {}).get('deps_cache')}")
PY
printf 'deb-mock-wall-seconds %.2f\nsbuild-wall-seconds %.2f\nratio deb-mock/sbuild %.2f\n' \
  "$dm" "$sb" "$(echo "$dm / $sb" | bc -l)"
