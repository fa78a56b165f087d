import type { INestApplication } from '@nestjs/common';
import type { ServiceContext } from '@lib/platform';
import { findConsoleBuild } from '@lib/console';
import { TenantAdminService } from '@lib/tenancy';

/**
 * Prints where to point an IdP. On the very first start a "default" tenant is created with SCIM
 * enabled (generic profile) and its API key is printed once: only its hash is stored.
 */
export async function announceQuickstart(
  app: INestApplication,
  context: ServiceContext & { baseUrl: string },
): Promise<void> {
  const first = await app.get(TenantAdminService).bootstrapFirstTenant();
  const { env } = context;
  const embedded = context.database.embedded;
  const database = embedded
    ? `embedded PostgreSQL, data in ${context.database.dataDir ?? env.DATA_DIR}`
    : 'DATABASE_URL';
  const tokenFile = embedded && !process.env.OPERATOR_TOKEN ? `, saved in ${env.DATA_DIR}/operator-token` : '';
  const lines = [
    '',
    'SCIM service is up.',
    `  Health:          ${context.baseUrl}/health/ready`,
    `  Database:        ${database}`,
    `  Kafka:           ${env.KAFKA_BROKERS ?? 'not configured: events wait in the store until KAFKA_BROKERS is set'}`,
    `  Admin API:       ${context.baseUrl}/admin (Bearer token: OPERATOR_TOKEN${tokenFile})`,
    `  Console:         ${context.baseUrl}/console/ (sign in with the operator token or an auditor ` +
      `credential)${findConsoleBuild() ? '' : ' - not built yet: npm run build'}`,
  ];
  if (first) {
    lines.push(
      '',
      `  SCIM base URL:   ${first.scimBaseUrl}`,
      `  SCIM API key:    ${first.apiKey}`,
      '  (shown once: only its hash is stored. Lost it? npm run admin -- scim rotate default)',
    );
  } else {
    lines.push(
      '',
      '  Tenants exist already; their API keys were shown when issued. Rotate with: npm run admin -- scim ' +
        'rotate <tenantId>',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}
