#!/usr/bin/env bash
# One load run the way the README's figures are taken: an empty Redis (AOF on, appendfsync everysec), a freshly
# started node, then `./civicline load` with the given options (the README's standard command when none are given).
# Prints the run's summary lines, the CPU that node, load tool and Redis used, and Redis's AOF rewrites during it.
#
#   tools/load/fresh-run.sh TAG [load options...]
#
# REDIS_OPTS adds options to redis-server (e.g. "--auto-aof-rewrite-min-size 4gb"); NODE_OPTS replaces the node's
# JVM options (ZGC, 2 GB heap); CONFIG_DIR is the load config folder (default /tmp/civicline-load, made by
# ./civicline load-config --out /tmp/civicline-load --agents 200 --redis redis://127.0.0.1:6379).
# The full report, node log and Redis log are kept in OUT_DIR (default /tmp/civicline-runs).
set -euo pipefail
tag=${1:?usage: tools/load/fresh-run.sh TAG [load options...]}
shift
config=${CONFIG_DIR:-/tmp/civicline-load}
out=${OUT_DIR:-/tmp/civicline-runs}
if [ $# -eq 0 ]; then
  set -- --rate 1000 --duration 30 --warmup-seconds 30 --capacity-seconds 10 --drain-seconds 15
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mkdir -p "$out"
# shellcheck source=fresh-deployment.sh
. "$root/tools/load/fresh-deployment.sh"
waited() { awk '{print $16 + $17}' "/proc/$$/stat"; }  # this shell's waited-for children: the load tool

node0=$(cpu "$node"); redis0=$(cpu "$redis"); tool0=$(waited); started=$(date +%s)
status=0
./civicline load --config "$config" "$@" > "$out/$tag.txt" 2>&1 || status=$?
elapsed=$(( $(date +%s) - started ))
node1=$(cpu "$node"); redis1=$(cpu "$redis"); tool1=$(waited)

grep -E "^ *total|own lag|^capacity \(|lost" "$out/$tag.txt" || true
python3 -c "
e = max(1, $elapsed)
print(f'$tag: {e} s; cores used: node {($node1 - $node0) / 100 / e:.2f}, load tool {($tool1 - $tool0) / 100 / e:.2f}, '
      f'Redis {($redis1 - $redis0) / 100 / e:.2f}; exit status $status')"
echo "$tag: Redis AOF rewrites started during the run: $(grep -c 'Background append only file rewriting started' "$out/$tag.redis.log" || true)"
exit "$status"
