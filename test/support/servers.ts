import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  startEmbeddedPostgres,
  type RunningPostgres,
} from '../../libs/platform/src/embedded-postgres/embedded-postgres';

/** The real servers of a test run: one PostgreSQL cluster and one Kafka broker, shared by all test files. */
export interface TestServers {
  postgres: RunningPostgres;
  kafkaBrokers: string;
  kafkaStateDir?: string;
  stop(): Promise<void>;
}

const repoRoot = resolve(__dirname, '..', '..');
export const kafkaScript = join(repoRoot, 'deploy', 'local', 'kafka', 'kafka.sh');

export async function startTestServers(): Promise<TestServers> {
  const runDir = mkdtempSync(join(tmpdir(), 'scim-test-'));
  // mkdtemp makes it private; the server runs as another user when we are root.
  chmodSync(runDir, 0o755);
  const postgres = await startEmbeddedPostgres({ dataDir: join(runDir, 'postgres'), ephemeral: true });
  let kafkaBrokers = process.env.KAFKA_BROKERS ?? '';
  let kafkaStateDir: string | undefined;
  if (!kafkaBrokers) {
    kafkaStateDir = join(runDir, 'kafka');
    kafkaBrokers = startLocalKafka(kafkaStateDir);
  }
  writeFileSync(
    join(runDir, 'servers.json'),
    JSON.stringify({ adminUrl: postgres.adminUrl, kafkaBrokers, kafkaStateDir }),
  );
  return {
    postgres,
    kafkaBrokers,
    kafkaStateDir,
    async stop() {
      if (kafkaStateDir) stopLocalKafka(kafkaStateDir);
      await postgres.stop();
    },
  };
}

export function startLocalKafka(stateDir: string): string {
  const out = execFileSync('bash', [kafkaScript, 'start', stateDir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = out.split('\n').find((l) => l.startsWith('KAFKA_BROKERS='));
  if (!line) throw new Error(`kafka.sh printed no KAFKA_BROKERS line: ${out}`);
  return line.slice('KAFKA_BROKERS='.length).trim();
}

export function stopLocalKafka(stateDir: string): void {
  execFileSync('bash', [kafkaScript, 'stop', stateDir], { stdio: 'inherit' });
}
