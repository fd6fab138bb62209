#!/usr/bin/env bash
# Demo-data benchmark: generation rows/s at two scales and the median latency of representative analytic queries,
# with the growth ratio. Usage: bench/data-benchmark.sh [SCALE...]   (default: 1 10)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. scripts/jdk.sh
mvn -o -q -B -DskipTests -Dspotless.skip=true -pl server,bench -am package >&2
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp bench/target/classes:server/target/revbot.jar \
  io.revbot.bench.data.DemoDataBenchmark "$@"
