#!/usr/bin/env bash
# Capacity rounds against one freshly started node: how many app reports per second the node acknowledges durably,
# as a share of the load tool's bare Vert.x endpoint, and the CPU the node and Redis spent per report (from /proc).
#
#   tools/load/capacity-ab.sh TAG [ROUNDS] [CONFIG_DIR]
#
# Needs redis-server, the built jar (./mvnw -q -DskipTests package) and a load config folder
# (./civicline load-config --out /tmp/civicline-load --agents 200 --redis redis://127.0.0.1:6379).
# Starts its own Redis on 6379 (AOF on, appendfsync everysec, empty) and a node on ZGC with a 2 GB heap
# (NODE_OPTS replaces those JVM options, REDIS_OPTS adds Redis options); each round is a short load run whose
# capacity probe lasts 15 s.
# Output: one line per round; the runs' full reports are in OUT_DIR (default /tmp/civicline-runs).
set -euo pipefail
tag=${1:?usage: tools/load/capacity-ab.sh TAG [ROUNDS] [CONFIG_DIR]}
rounds=${2:-3}
config=${3:-/tmp/civicline-load}
out=${OUT_DIR:-/tmp/civicline-runs}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mkdir -p "$out"
# shellcheck source=fresh-deployment.sh
. "$root/tools/load/fresh-deployment.sh"

probe=15
for round in $(seq 1 "$rounds"); do
  node0=$(cpu "$node"); redis0=$(cpu "$redis")
  ./civicline load --config "$config" --rate 100 --duration 3 --warmup-seconds 3 --capacity-seconds "$probe" \
      --bare-warmup-seconds 5 --drain-seconds 3 > "$out/$tag.$round.txt" 2>&1 || true
  node1=$(cpu "$node"); redis1=$(cpu "$redis")
  line=$(grep "capacity (" "$out/$tag.$round.txt" || true)
  [ -n "$line" ] || { echo "$tag round $round: no capacity line; see $out/$tag.$round.txt"; continue; }
  app=$(echo "$line" | sed -E 's/.*acknowledged ([0-9,]+)\/s.*/\1/; s/,//g')
  bare=$(echo "$line" | sed -E 's/.*POST ([0-9,]+) req.*/\1/; s/,//g')
  # The round's reports: the probe's (app/s over its counted seconds) plus the ~600 of the short run around it.
  python3 -c "
reports = $app * $probe + 600
node_us = ($node1 - $node0) * 1e4 / reports
redis_us = ($redis1 - $redis0) * 1e4 / reports
print(f'$tag round $round: app {$app}/s, bare {$bare}/s, ratio {100 * $app / $bare:.1f} %, '
      f'node {node_us:.0f} µs and Redis {redis_us:.0f} µs of CPU per report')"
done
