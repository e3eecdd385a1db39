#!/usr/bin/env bash
# Builds CivicLine when needed and starts one node with the embedded defaults (in-memory store, demo data from
# config/). Extra arguments go to the server, e.g. ./run.sh --config /etc/civicline.
set -euo pipefail
cd "$(dirname "$0")"
jar=server/target/civicline.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml */pom.xml */src -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "run.sh: building CivicLine (first time takes a few minutes)…"
  ./mvnw -B -q -ntp -DskipTests package
fi
# The node's JVM as `./civicline run` starts it (ZGC on a fixed heap); CIVICLINE_JAVA_OPTS replaces it.
node_jvm="-XX:+UseZGC -Xms2g -Xmx2g"
exec java ${CIVICLINE_JAVA_OPTS-$node_jvm} -jar "$jar" --config config "$@"
