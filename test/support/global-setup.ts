import { startTestServers, type TestServers } from './servers';

declare global {
  var __SCIM_TEST_SERVERS__: TestServers | undefined;
}

/** Starts PostgreSQL and Kafka once for the run, unless only unit tests were selected. */
export default async function globalSetup(): Promise<void> {
  const onlyUnit = selectedProjects().join(',') === 'unit';
  if (process.env.SCIM_TEST_NO_SERVERS === '1' || onlyUnit) return;
  const started = Date.now();
  const servers = await startTestServers();
  globalThis.__SCIM_TEST_SERVERS__ = servers;
  process.env.SCIM_TEST_PG_ADMIN_URL = servers.postgres.adminUrl;
  process.env.SCIM_TEST_KAFKA_BROKERS = servers.kafkaBrokers;
  if (servers.kafkaStateDir) process.env.SCIM_TEST_KAFKA_STATE_DIR = servers.kafkaStateDir;
  process.stdout.write(
    `\n[test servers] PostgreSQL 127.0.0.1:${servers.postgres.port}, Kafka ${servers.kafkaBrokers} ` +
      `(${Date.now() - started} ms)\n`,
  );
}

/** The values of `--selectProjects a b` on jest's command line. */
function selectedProjects(): string[] {
  const argv = process.argv;
  const at = argv.indexOf('--selectProjects');
  if (at < 0) return [];
  const values: string[] = [];
  for (let i = at + 1; i < argv.length && !argv[i].startsWith('-'); i++) values.push(argv[i]);
  return values;
}
