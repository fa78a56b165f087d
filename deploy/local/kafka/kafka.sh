#!/usr/bin/env bash
# A single-node Apache Kafka broker in KRaft mode, from the jars that pom.xml fetches from
# Maven Central. No Docker, no ZooKeeper. Used by the test run and by developers.
#
#   kafka.sh start [STATE_DIR]   format storage (first time), start on a free loopback port,
#                                wait until it accepts clients, print "KAFKA_BROKERS=127.0.0.1:PORT"
#   kafka.sh stop  [STATE_DIR]   stop the broker started from STATE_DIR
#   kafka.sh fetch               only download the jars
#
# KAFKA_PORT=N kafka.sh start ... listens on port N instead of a free one (fault tests restart a
# broker on the same state dir and want clients to find it at the same address).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lib="$here/target/lib"
cmd="${1:-}"
state="${2:-$here/../../../.data/kafka}"

fetch() {
  if [ ! -f "$lib/.complete" ]; then
    (cd "$here" && mvn -q -B -ntp package >&2)
    touch "$lib/.complete"
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start() {
  fetch
  mkdir -p "$state"
  state="$(cd "$state" && pwd)"
  if [ -f "$state/broker.pid" ] && kill -0 "$(cat "$state/broker.pid")" 2>/dev/null; then
    echo "KAFKA_BROKERS=$(cat "$state/brokers")"
    return 0
  fi
  local port controller
  port="${KAFKA_PORT:-$(free_port)}"
  controller="$(free_port)"
  while [ "$controller" = "$port" ]; do controller="$(free_port)"; done
  cat > "$state/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$state/logs
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS
  local java_opts=(-Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true
    "-Dlog4j.configuration=file:$here/log4j.properties" "-Dkafka.logs.dir=$state")
  if [ ! -f "$state/logs/meta.properties" ]; then
    java "${java_opts[@]}" -cp "$lib/*" kafka.tools.StorageTool format \
      -t "$(java -cp "$lib/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)" \
      -c "$state/server.properties" >"$state/format.log" 2>&1
  else
    # Listener ports change per start; the cluster id and data stay.
    :
  fi
  nohup java "${java_opts[@]}" -cp "$lib/*" kafka.Kafka "$state/server.properties" >"$state/broker.out" 2>&1 &
  echo $! > "$state/broker.pid"
  echo "127.0.0.1:$port" > "$state/brokers"
  for _ in $(seq 1 240); do
    if grep -q "Kafka Server started" "$state/broker.out" 2>/dev/null; then
      echo "KAFKA_BROKERS=127.0.0.1:$port"
      return 0
    fi
    if ! kill -0 "$(cat "$state/broker.pid")" 2>/dev/null; then
      echo "Kafka broker exited during start; last lines of $state/broker.out:" >&2
      tail -n 30 "$state/broker.out" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "Kafka broker did not start within 120 s; see $state/broker.out" >&2
  return 1
}

stop() {
  [ -f "$state/broker.pid" ] || return 0
  local pid
  pid="$(cat "$state/broker.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$state/broker.pid"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  fetch) fetch ;;
  *) echo "usage: kafka.sh start|stop|fetch [STATE_DIR]" >&2; exit 2 ;;
esac
