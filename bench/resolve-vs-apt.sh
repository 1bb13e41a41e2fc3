#!/usr/bin/env bash
# Benchmark: resolve gnome-core, git and hello against bookworm main/amd64 from a clean state (the
# Priority: required set as apt installs it), debforge's resolver in-process (after the index is
# loaded; the load time is printed too) against `apt-get install -s --no-install-recommends` with a
# private APT setup on the same index and status, in one run. Prints the ratio apt/debforge
# (above 1 means faster) and both installed-set sizes, which must agree.
#
#   bench/resolve-vs-apt.sh [PACKAGES_FILE]     default: fetched from the host's Debian mirror
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
names=(gnome-core git hello)
rounds=${ROUNDS:-5}
[[ -n ${BENCH_CP:-} ]] || ls bench/target/debforge-bench-*.jar >/dev/null 2>&1 || mvn -B -q -ntp -pl bench -am package -DskipTests
cp=${BENCH_CP:-$(ls bench/target/debforge-bench-*.jar):$(ls debian-core/target/debian-core-*.jar | grep -v tests | head -n1)}
mirror=$(java -cp "$cp" org.debforge.bench.ResolveBench --mirror) # DEBIAN_MIRROR or the host's APT sources
cache=${XDG_CACHE_HOME:-$HOME/.cache}/debforge-bench
mkdir -p "$cache"
file=${1:-$cache/bookworm-main-amd64-Packages}
if [[ ! -s $file ]]; then
  echo "fetching $mirror/dists/bookworm/main/binary-amd64/Packages.xz" >&2
  curl -fsSL "$mirror/dists/bookworm/main/binary-amd64/Packages.xz" | xz -d >"$file.tmp"
  mv "$file.tmp" "$file"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/{lists/partial,cache/archives/partial,etc/empty.d,state,log}
base=$(sed -E 's#^[a-z+]+://##; s#/+$##; s#/#_#g' <<<"$mirror")
cp "$file" "$work/lists/${base}_dists_bookworm_main_binary-amd64_Packages"
printf 'Origin: Debian\nSuite: bookworm\nCodename: bookworm\nArchitectures: amd64\nComponents: main\n' \
  >"$work/lists/${base}_dists_bookworm_Release"
echo "deb [trusted=yes arch=amd64] $mirror bookworm main" >"$work/etc/sources.list"
: >"$work/status"
cat >"$work/apt.conf" <<CONF
Dir::Etc::Parts "$work/etc/empty.d";
Dir::Etc::Preferences "$work/etc/preferences";
Dir::Etc::PreferencesParts "$work/etc/empty.d";
Dir::Etc::SourceList "$work/etc/sources.list";
Dir::Etc::SourceParts "$work/etc/empty.d";
Dir::State "$work/state";
Dir::State::Lists "$work/lists";
Dir::State::status "$work/status";
Dir::Cache "$work/cache";
Dir::Log "$work/log";
APT::Architecture "amd64";
APT::Architectures { "amd64"; };
APT::Install-Recommends "false";
Debug::NoLocking "true";
CONF
export APT_CONFIG=$work/apt.conf LC_ALL=C.UTF-8
# The clean state: the Priority: required packages, as apt installs them on an empty system.
mapfile -t required < <(awk '/^Package:/{p=$2} /^Priority: required/{print p}' "$file")
apt-get install -s -q "${required[@]}" | awk '/^Inst/{print $2, substr($3,2)}' >"$work/required"
awk -v want="$work/required" '
  BEGIN { while ((getline l < want) > 0) { split(l, w, " "); v[w[1]] = w[2] } RS = ""; FS = "\n" }
  { name = ""; ver = ""
    for (i = 1; i <= NF; i++) { if ($i ~ /^Package: /) name = substr($i, 10); if ($i ~ /^Version: /) ver = substr($i, 10) }
    if (name in v && v[name] == ver) {
      print $1; print "Status: install ok installed"
      for (i = 2; i <= NF; i++) if ($i !~ /^(Filename|Size|MD5sum|SHA256|Description-md5):/) print $i
      print ""
    } }' "$file" >"$work/status"
echo "input: $file ($(grep -c '^Package:' "$file") paragraphs), clean state: $(grep -c '^Package:' "$work/status") packages"
apt-get install -s -q hello >/dev/null # builds apt's binary cache once, outside the timing
declare -A apt_time apt_count
for n in "${names[@]}"; do
  times=()
  for ((r = 0; r < rounds; r++)); do
    s=$(date +%s.%N)
    out=$(apt-get install -s -q "$n")
    e=$(date +%s.%N)
    times+=("$(echo "$e - $s" | bc -l)")
  done
  apt_time[$n]=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$((rounds / 2 + 1))p")
  apt_count[$n]=$(grep -c '^Inst' <<<"$out" || true)
done
ours=$(java -cp "$cp" org.debforge.bench.ResolveBench "$file" "$work/status" "$rounds" "${names[@]}")
read -r _ load pkgs <<<"$(grep '^load ' <<<"$ours")"
echo "debforge index load: ${load} s ($pkgs packages, once per process)"
printf '%-12s %12s %12s %8s %8s %8s\n' request debforge_s apt_s ratio ours_n apt_n
while read -r name secs count; do
  [[ $name == load ]] && continue
  printf '%-12s %12.4f %12.4f %8.1f %8s %8s\n' "$name" "$secs" "${apt_time[$name]}" \
    "$(echo "${apt_time[$name]} / $secs" | bc -l)" "$count" "${apt_count[$name]}"
done <<<"$ours"
