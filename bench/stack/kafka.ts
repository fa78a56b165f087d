import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from './cleanup';

export interface BenchKafka {
  brokers: string;
  version: string;
}

/** The local single-node KRaft broker (deploy/local/kafka/kafka.sh) in a temporary state dir. */
export function startBenchKafka(repoRoot: string, log: (line: string) => void): BenchKafka {
  const script = join(repoRoot, 'deploy/local/kafka/kafka.sh');
  const state = mkdtempSync(join(tmpdir(), 'scim-bench-kafka-'));
  onCleanup('Kafka', () => {
    spawnSync('bash', [script, 'stop', state], { stdio: 'ignore', timeout: 60_000 });
    rmSync(state, { recursive: true, force: true });
  });
  const started = spawnSync('bash', [script, 'start', state], { encoding: 'utf8', timeout: 180_000 });
  const match = /KAFKA_BROKERS=(\S+)/.exec(started.stdout ?? '');
  if (started.status !== 0 || !match)
    throw new Error(`Kafka did not start (exit ${started.status}): ${started.stderr}`);
  const jar = readdirSync(join(repoRoot, 'deploy/local/kafka/target/lib')).find((f) =>
    /^kafka_[\d.]+-[\d.]+\.jar$/.test(f),
  );
  const version = jar ? jar.replace(/^kafka_[\d.]+-/, '').replace(/\.jar$/, '') : 'unknown';
  log(`Kafka ${version} (KRaft, single node) at ${match[1]}`);
  return { brokers: match[1], version };
}
