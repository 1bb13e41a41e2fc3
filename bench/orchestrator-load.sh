#!/usr/bin/env bash
# Benchmark: CLIENTS concurrent HTTP clients doing OPS mixed tag/untag/import/list operations
# against deb-orchestrator serve over PostgreSQL (a throw-away server from Debian's postgresql
# package), checked against the serial replay of the audited history; then the same operations
# one after the other in-process on a fresh database. Prints ops/s, p50/p99 latency and the ratio
# concurrent-HTTP / serial-in-process (above 1: concurrency gains more than HTTP costs).
#
#   bench/orchestrator-load.sh [CLIENTS] [OPS]     default 8 2000; run as root
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[[ -d /usr/lib/postgresql ]] || ./scripts/install-deps
ls bench/target/debforge-bench-*.jar bench/target/lib/orchestrator-plugin-*-tests.jar >/dev/null 2>&1 \
  || mvn -B -q -ntp -pl bench -am package -DskipTests
cp=$(ls bench/target/debforge-bench-*.jar):bench/target/lib/*
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
exec java -cp "$cp" org.debforge.bench.OrchestratorLoadBench "${1:-8}" "${2:-2000}"
