import { randomBytes } from 'node:crypto';
import { startService, validateEnvironment, type RunningService } from '@lib/platform';
import { allInOneDefinition } from '../../apps/all-in-one/src/all-in-one.definition';
import { createTestDatabase, type TestDatabase } from './database';
import { testKeyEncryptionKey } from './key-encryption-key';

export interface TestApp {
  baseUrl: string;
  operatorToken: string;
  databaseUrl: string;
  service: RunningService;
  close(): Promise<void>;
}

/**
 * The all-in-one service on a fresh database of the run's PostgreSQL, listening on a free
 * port. Kafka is used only when `overrides.KAFKA_BROKERS` is given (the run's broker is in
 * SCIM_TEST_KAFKA_BROKERS).
 */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase();
  const operatorToken = `op_${randomBytes(24).toString('base64url')}`;
  const env = validateEnvironment({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    OPERATOR_TOKEN: operatorToken,
    DATABASE_URL: database.url,
    READ_YOUR_WRITES_TIMEOUT_MS: '10000',
    KEY_ENCRYPTION_KEY: testKeyEncryptionKey(),
    ...overrides,
  });
  const service = await startService(allInOneDefinition, env);
  return {
    baseUrl: service.baseUrl,
    operatorToken,
    databaseUrl: database.url,
    service,
    async close() {
      await service.stop();
      await database.drop();
    },
  };
}
