#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need when missing, starts a private redis-server on
# a free loopback port, runs ./mvnw verify against it, and stops it again. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")"

install_missing() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  # Browser tests drive Debian's Chromium through its chromedriver; a CJK font makes the screenshots readable.
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  fc-list 2>/dev/null | grep -qiE 'wqy|noto sans cjk' || missing+=(fonts-wqy-microhei)
  # The agent-ui build fetches JsSIP (the browser phone) from the npm registry with npm ci.
  command -v npm >/dev/null || missing+=(npm)
  command -v curl >/dev/null || command -v wget >/dev/null || missing+=(curl)  # ./mvnw fetches Maven with it
  [ ${#missing[@]} -eq 0 ] && return
  echo "test.sh: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "test.sh: no free loopback port found" >&2
  exit 1
}

install_missing

redis_dir=$(mktemp -d)
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$redis_dir" --save '' --appendonly yes \
  --daemonize yes --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log"
stop_redis() {
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$redis_dir"
}
trap stop_redis EXIT
for _ in $(seq 1 100); do
  [ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = "PONG" ] && break
  sleep 0.1
done
[ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = "PONG" ] || { cat "$redis_dir/redis.log"; exit 1; }
echo "test.sh: redis-server on 127.0.0.1:$redis_port"

export CIVICLINE_TEST_REDIS_URI="redis://127.0.0.1:$redis_port"
./mvnw -B -ntp verify "$@"
