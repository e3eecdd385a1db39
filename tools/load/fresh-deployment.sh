# Sourced by the load scripts in this folder: an empty Redis on 6379 (AOF on, appendfsync everysec, REDIS_OPTS added)
# and a freshly started node on ZGC with a 2 GB heap (NODE_OPTS replaces those JVM options), both stopped when the
# script exits. Expects $config, $out and $tag; sets $node and $redis (their pids) and cpu PID (user + system time
# in clock ticks, 100 per second).
[ -d "$config" ] || { echo "no load config in $config (see the header of the script)" >&2; exit 2; }
if pgrep -f "java.*civicline.jar run" >/dev/null; then echo "a node is already running; stop it first" >&2; exit 2; fi

redis_dir=$(mktemp -d)
redis-cli -p 6379 shutdown nosave >/dev/null 2>&1 || true
# shellcheck disable=SC2086 # REDIS_OPTS is a list of options
redis-server --port 6379 --appendonly yes --appendfsync everysec --save '' --dir "$redis_dir" \
    --logfile "$out/$tag.redis.log" --daemonize yes ${REDIS_OPTS:-}
CIVICLINE_JAVA_OPTS="${NODE_OPTS:--XX:+UseZGC -Xms2g -Xmx2g}" ./civicline run --config "$config" \
    > "$out/$tag.node.log" 2>&1 &
stop() {
  pkill -f "java.*civicline.jar run" || true
  for _ in $(seq 1 30); do pgrep -f "java.*civicline.jar run" >/dev/null || break; sleep 1; done
  redis-cli -p 6379 shutdown nosave >/dev/null 2>&1 || true
}
trap stop EXIT
for _ in $(seq 1 90); do curl -sf localhost:8080/ready >/dev/null && break; sleep 1; done
curl -sf localhost:8080/ready >/dev/null || { echo "the node did not get ready; see $out/$tag.node.log" >&2; exit 3; }
node=$(pgrep -f "java.*civicline.jar run" | head -1)
redis=$(pgrep -f "redis-server.*:6379" | head -1)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
