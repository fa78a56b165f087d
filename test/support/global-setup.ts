import type { Config } from 'jest';
import { startTestServers, type TestServers } from './servers';

declare global {
  // eslint-disable-next-line no-var
  var __SCIM_TEST_SERVERS__: TestServers | undefined;
}

/** Starts PostgreSQL and Kafka once for the run, unless only unit tests were selected. */
export default async function globalSetup(globalConfig: Config.GlobalConfig): Promise<void> {
  const onlyUnit = globalConfig.selectProjects?.length === 1 && globalConfig.selectProjects[0] === 'unit';
  if (process.env.SCIM_TEST_NO_SERVERS === '1' || onlyUnit) return;
  const started = Date.now();
  const servers = await startTestServers();
  globalThis.__SCIM_TEST_SERVERS__ = servers;
  process.env.SCIM_TEST_PG_ADMIN_URL = servers.postgres.adminUrl;
  process.env.SCIM_TEST_KAFKA_BROKERS = servers.kafkaBrokers;
  if (servers.kafkaStateDir) process.env.SCIM_TEST_KAFKA_STATE_DIR = servers.kafkaStateDir;
  process.stdout.write(`\n[test servers] PostgreSQL 127.0.0.1:${servers.postgres.port}, Kafka ${servers.kafkaBrokers} (${Date.now() - started} ms)\n`);
}
