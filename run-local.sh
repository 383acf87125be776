#!/usr/bin/env bash
# Runs the whole of fundflow with no Docker: embedded PostgreSQL and Kafka, the five services, the seeds' demo
# data loaded through the gateway. Needs only a JDK 17+. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
echo "[fundflow] building (first run downloads dependencies; later runs take seconds) ..."
./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
  -Dmdep.includeScope=runtime -pl local-run -am
mkdir -p .local-run/tmp
exec java -Xmx3g -Djava.io.tmpdir="$PWD/.local-run/tmp" \
  -cp "local-run/target/classes:$(cat local-run/target/classpath.txt)" org.fundflow.local.LocalFundflow "$@"
