import type { INestApplication } from '@nestjs/common';
import type { ServiceContext } from '@lib/platform';

/** Prints where to point an IdP: the SCIM base URL and, the first time only, the API key. */
export async function announceQuickstart(_app: INestApplication, context: ServiceContext & { baseUrl: string }): Promise<void> {
  const lines = [
    '',
    'SCIM service is up.',
    `  Health:        ${context.baseUrl}/health/ready`,
    `  Database:      ${context.database.embedded ? 'embedded PostgreSQL (data in ' + context.env.DATA_DIR + ')' : 'DATABASE_URL'}`,
    `  Kafka:         ${context.env.KAFKA_BROKERS ?? 'not configured: events wait in the store until KAFKA_BROKERS is set'}`,
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
