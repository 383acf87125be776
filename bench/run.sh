#!/usr/bin/env bash
# Whole-pipeline benchmark (see README.md here). Builds the deployable jars, then runs the harness.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pgbench >/dev/null && [ ! -x /usr/lib/postgresql/15/bin/pgbench ]; then
  echo "[bench] installing pgbench (Debian postgresql-15) for the baseline ..."
  apt-get update -qq && apt-get install -y -qq postgresql-15 >/dev/null
fi
./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
  -Dmdep.includeScope=runtime -pl bench,gateway,budget-service,disbursement-service,evaluation-service,reporting-service -am
mkdir -p bench/target/tmp
exec java -Xmx2g -Djava.io.tmpdir="$PWD/bench/target/tmp" \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.fundflow.bench.Benchmark "$@"
