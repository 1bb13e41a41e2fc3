#!/bin/bash
# What a clean deb-mock build costs beyond dpkg-buildpackage itself, in one run, on one package:
#   cold   deb-mock with empty caches (its own cache directory: mmdebstrap, apt downloads)
#   warm   deb-mock with those caches warm (median of N)
#   sbuild Debian's sbuild in unshare mode (../shared/bench/sbuild-baseline; its tarball cached)
#   bare   dpkg-buildpackage alone in a ready root (deb-mock's own root with the build
#          dependencies installed, as the same unprivileged user; median of N)
# then the ratios (targets: warm/bare < 1.15, sbuild/warm >= 2), deb-mock's time per phase
# outside dpkg-buildpackage, and two warm builds at once (they must overlap, not take turns).
# Needs root and Debian's mirror.
#
#   bench/deb-mock-warm.sh [PKG.dsc]     (default: hello 2.10-3; BENCH_RUNS=3)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
baseline=${SBUILD_BASELINE:-/work/shared/bench/sbuild-baseline}
runs=${BENCH_RUNS:-3}
dm=$here/bin/deb-mock
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
work=$(mktemp -d /tmp/deb-mock-warm.XXXXXX)
# Cold and warm builds use a cache directory of their own, empty at first ("scrubbed"), so the
# cold build never disturbs other builds' caches. BENCH_COLD=0 skips the cold build and measures
# warm builds against the default cache (warm from earlier builds).
cold_run=${BENCH_COLD:-1}
if [[ $cold_run == 1 ]]; then
  export DEBMOCK_CACHE_DIR=$work/cache
fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
timed() { local s e; s=$(now); "$@" >/dev/null; e=$(now); echo "$e - $s" | bc; }

cold=nan
if [[ $cold_run == 1 ]]; then
  cold=$(timed "$dm" -q -r bookworm-amd64 --rebuild "$dsc" --resultdir "$work/cold")
fi
echo "cold $cold"
warm=()
for i in $(seq "$runs"); do
  warm+=("$(timed "$dm" -q -r bookworm-amd64 --rebuild "$dsc" --resultdir "$work/warm$i")")
  echo "warm$i ${warm[-1]}"
done

# Bare: a kept root of deb-mock's own (--uniqueext), build dependencies installed by apt once,
# then only dpkg-buildpackage is timed, inside the root, as the build user.
ext=bench$$
"$dm" -q -r bookworm-amd64 --uniqueext "$ext" --installdeps "$dsc" --resultdir "$work/bare" >/dev/null
epoch=$(awk '/^SOURCE_DATE_EPOCH=/{sub(/.*=/,""); print; exit}' "$work/warm1/build.log")
name=$(basename "$dsc" .dsc)
bare=()
for i in $(seq "$runs"); do
  "$dm" -q -r bookworm-amd64 --uniqueext "$ext" --resultdir "$work/bare" --chroot "
    cd /build && rm -rf bare-tree bare-time && chown 1000:1000 /build &&
    setpriv --reuid=1000 --regid=1000 --clear-groups /usr/bin/env -i PATH=/usr/bin:/bin \
      HOME=/nonexistent LANG=C.UTF-8 SOURCE_DATE_EPOCH=$epoch sh -c '
        dpkg-source -x $(basename "$dsc") bare-tree >/dev/null && cd bare-tree &&
        s=\$(date +%s.%N) && dpkg-buildpackage -us -uc -b >../bare.log 2>&1 &&
        e=\$(date +%s.%N) && echo \$s \$e >/build/bare-time'" >/dev/null
  "$dm" -q -r bookworm-amd64 --uniqueext "$ext" --resultdir "$work/bare" \
    --copyout /build/bare-time "$work/bare-time" >/dev/null
  bare+=("$(awk '{print $2 - $1}' "$work/bare-time")")
  echo "bare$i ${bare[-1]}"
done
"$dm" -q -r bookworm-amd64 --uniqueext "$ext" --clean --resultdir "$work/bare" >/dev/null

sb=$("$baseline" "$dsc" | awk '/^sbuild-wall-seconds/{print $2}')
echo "sbuild $sb"

# Two warm builds at once: each one's phases with start times; "build" must overlap.
"$dm" -q -r bookworm-amd64 --rebuild "$dsc" --resultdir "$work/conc1" >/dev/null &
p1=$!
"$dm" -q -r bookworm-amd64 --rebuild "$dsc" --resultdir "$work/conc2" >/dev/null &
p2=$!
wait $p1 $p2

wm=$(printf '%s\n' "${warm[@]}" | median)
bm=$(printf '%s\n' "${bare[@]}" | median)
python3 - "$work" "$cold" "$wm" "$bm" "$sb" <<'PY'
import json, sys, datetime
work, cold, warm, bare, sb = sys.argv[1], *map(float, sys.argv[2:])
print(f"{'deb-mock cold':<28}{cold:8.2f} s")
print(f"{'deb-mock warm (median)':<28}{warm:8.2f} s")
print(f"{'bare dpkg-buildpackage':<28}{bare:8.2f} s")
print(f"{'sbuild':<28}{sb:8.2f} s")
print(f"ratio warm/bare   {warm / bare:6.2f}   (target < 1.15)")
print(f"ratio sbuild/warm {sb / warm:6.2f}   (target >= 2)")
r = json.load(open(f"{work}/warm1/result.json"))
print("warm1 phases:")
for p in r["phases"]:
    print(f"  {p['name']:<30}{p['seconds']:7.2f}")
outside = r["total_seconds"] - sum(p["seconds"] for p in r["phases"] if p["name"] == "build")
print(f"  {'deb-mock outside build':<30}{outside:7.2f}  (of total_seconds {r['total_seconds']:.2f})")
def span(d):
    r = json.load(open(f"{work}/{d}/result.json"))
    b = [p for p in r["phases"] if p["name"] == "build"][0]
    s = datetime.datetime.fromisoformat(b["start"].replace("Z", "+00:00")).timestamp()
    return s, s + b["seconds"], r
a, b = span("conc1"), span("conc2")
for n, (s, e, r) in (("conc1", a), ("conc2", b)):
    print(f"{n}: build {s:.1f} .. {e:.1f}; " + ", ".join(f"{p['name']} {p['seconds']:.1f}" for p in r["phases"] if p["name"] != "build"))
overlap = min(a[1], b[1]) - max(a[0], b[0])
print(f"concurrent builds overlap in 'build' for {overlap:.1f} s: {'yes' if overlap > 0 else 'NO (serialised)'}")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
[[ $cold_run == 1 ]] && rm -rf "$work/cache"
echo "results: $work"
