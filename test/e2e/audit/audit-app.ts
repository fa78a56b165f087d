import { Module } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuditModule, AuditProjectionModule } from '@lib/audit';
import { startService, validateEnvironment, type ServiceDefinition } from '@lib/platform';
import { allInOneDefinition } from '../../../apps/all-in-one/src/all-in-one.definition';
import { startTestApp, type TestApp } from '../../support/app';
import { createTestDatabase } from '../../support/database';

@Module({})
class AuditE2eRoot {}

/**
 * The all-in-one service with the audit API. Once the lead wires AuditModule into the gateway,
 * startTestApp() serves /audit/v1 itself and is used as is; until then the same all-in-one
 * module is started with AuditModule and AuditProjectionModule added beside it.
 */
export async function startAuditApp(): Promise<TestApp> {
  const app = await startTestApp();
  const probe = await fetch(`${app.baseUrl}/audit/v1/probe/verify`);
  if (probe.status === 401) return app;
  await app.close();

  const database = await createTestDatabase();
  const operatorToken = `op_${randomBytes(24).toString('base64url')}`;
  const env = validateEnvironment({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', OPERATOR_TOKEN: operatorToken, DATABASE_URL: database.url, READ_YOUR_WRITES_TIMEOUT_MS: '10000' });
  const definition: ServiceDefinition = {
    name: 'all-in-one+audit',
    rootModule: (infrastructure, context) => ({ module: AuditE2eRoot, imports: [allInOneDefinition.rootModule(infrastructure, context), AuditModule, AuditProjectionModule] }),
  };
  const service = await startService(definition, env);
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
