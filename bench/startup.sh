#!/usr/bin/env bash
# Start-up time of the launchers: median wall time of `bin/debforge --version` and of a real
# small job (`debforge control show` on a .dsc-sized file), over N runs, beside dpkg's own
# `dpkg --compare-versions` (a C program: the floor a user compares a CLI's start-up with).
#
#   bench/startup.sh [N]     default N=15
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-15}
[[ -f dist/target/debforge/lib/debforge.jar ]] || mvn -B -q -ntp package -DskipTests
bin/debforge --version >/dev/null # writes the class-data archive on the first run
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
printf 'Source: hello\nVersion: 2.10-3\nBinary: hello\n' >"$tmp"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_runs() {
  for _ in $(seq "$n"); do
    local s e
    s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
    echo $(((e - s) / 1000000))
  done | median
}
v=$(time_runs bin/debforge --version)
c=$(time_runs bin/debforge control show "$tmp")
d=$(time_runs dpkg --compare-versions 1.0 lt 2.0)
printf 'debforge --version      %5d ms\n' "$v"
printf 'debforge control show   %5d ms\n' "$c"
printf 'dpkg --compare-versions %5d ms  (ratio debforge/dpkg: %.1f)\n' "$d" "$(echo "$v / ($d + 0.5)" | bc -l)"
