import { NestFactory } from '@nestjs/core';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Environment } from '../config/environment';
import { resolveDatabase, type ResolvedDatabase } from '../database/database';
import { publishEmbeddedUrl } from '../database/embedded-url-file';
import { runMigrations } from '../database/run-migrations';
import { InfrastructureModule } from '../infrastructure/infrastructure.module';
import { createLogger, NestPinoLogger } from '../logging/logger';
import { configureHttpServer } from '../http/http-server-limits';
import { publicBaseUrl } from '../http/scim-base-url';
import { ServiceHttpAdapter } from './http-adapter';
import { configureHttp } from './http-setup';
import { loadEnvironmentOrExit } from './load-environment';
import { embeddedOperatorToken } from './operator-token';
import { installProcessFaultHandlers } from './process-faults';
import { KeyEncryptionKeyError, keyEncryptionKeysFromSettings } from '@lib/personal-data';

export interface ServiceContext {
  env: Environment;
  logger: Logger;
  database: ResolvedDatabase;
}

export interface ServiceDefinition {
  name: string;
  /** The app's root module, given the shared infrastructure module to import. */
  rootModule(infrastructure: DynamicModule, context: ServiceContext): DynamicModule;
  /** Before listening: e.g. serve the OpenAPI document. */
  configure?(app: INestApplication, context: ServiceContext): void;
  afterStart?(app: INestApplication, context: ServiceContext & { baseUrl: string }): Promise<void>;
}

export interface RunningService {
  app: INestApplication;
  baseUrl: string;
  context: ServiceContext;
  stop(): Promise<void>;
}

/** Starts one app of the service: config, database (embedded or not), migrations, Nest. */
export async function startService(
  definition: ServiceDefinition,
  env: Environment = loadEnvironmentOrExit(),
): Promise<RunningService> {
  const logger = createLogger(env.LOG_LEVEL).child({ app: definition.name });
  // Before the database: a bad key-encryption key setting stops the start with one clear line.
  const kek = env.PERSONAL_DATA_ENCRYPTION === 'on' ? keyEncryptionKeysFromSettings(env) : undefined;
  if (kek) logger.info({ keyEncryptionKey: kek.keys.currentKeyId, source: kek.source }, 'key-encryption key loaded');
  if (!kek)
    logger.warn('PERSONAL_DATA_ENCRYPTION=off-for-benchmarks: personal data is stored in clear and cannot be erased');
  const database = await resolveDatabase(env, (line) => logger.trace({ postgres: line.trim() }));
  try {
    const applied = await runMigrations(database.url);
    if (applied.length) logger.debug({ migrations: applied }, 'database migrations applied');
    if (database.embedded && !env.OPERATOR_TOKEN) env.OPERATOR_TOKEN = embeddedOperatorToken(env.DATA_DIR).token;
    const unpublishUrl = database.embedded ? publishEmbeddedUrl(env.DATA_DIR, database.url) : () => undefined;
    const context: ServiceContext = { env, logger, database };
    const infrastructure = InfrastructureModule.forRoot({ env, databaseUrl: database.url, logger, kek: kek?.keys });
    const app = await NestFactory.create(definition.rootModule(infrastructure, context), new ServiceHttpAdapter(), {
      logger: new NestPinoLogger(logger),
      bodyParser: false,
      abortOnError: false,
    });
    configureHttpServer(app.getHttpServer());
    configureHttp(app, env.MAX_PAYLOAD_BYTES);
    definition.configure?.(app, context);
    await app.listen(env.PORT, env.HOST);
    const address = app.getHttpServer().address() as { port: number };
    const baseUrl = publicBaseUrl(env, address.port);
    if (!env.PUBLIC_BASE_URL) env.PUBLIC_BASE_URL = baseUrl;
    await definition.afterStart?.(app, { ...context, baseUrl });
    logger.info({ baseUrl, embeddedDatabase: database.embedded }, `${definition.name} started`);
    return {
      app,
      baseUrl,
      context,
      async stop() {
        await app.close();
        unpublishUrl();
        await database.stop();
      },
    };
  } catch (error) {
    await database.stop().catch(() => undefined);
    throw error;
  }
}

/**
 * `main()` of every app: start, stop cleanly on SIGINT/SIGTERM (embedded PostgreSQL included),
 * and decide what an error nobody handled does (process-faults.ts: log, count, keep serving
 * where that is safe, otherwise stop with exit code 1).
 */
export async function runService(definition: ServiceDefinition): Promise<void> {
  let service: RunningService | undefined;
  let stopRequested: string | undefined;
  let stopping = false;
  const stop = async (reason: string, exitCode = 0) => {
    if (stopping || !service) return;
    stopping = true;
    service.context.logger.info({ reason }, `${definition.name} stopping`);
    const forced = setTimeout(() => process.exit(1), 20000);
    forced.unref();
    try {
      await service.stop();
      process.exit(exitCode);
    } catch (error) {
      process.stderr.write(`error while stopping: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
  };
  // Installed before starting: a Ctrl-C during start-up still stops PostgreSQL, once it is up.
  const onSignal = (signal: string) => (service ? void stop(signal) : (stopRequested = signal));
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  const env = loadEnvironmentOrExit();
  const faultLogger = createLogger(env.LOG_LEVEL).child({ app: definition.name });
  installProcessFaultHandlers(faultLogger, () => (service ? void stop('uncaughtException', 1) : process.exit(1)));
  try {
    service = await startService(definition, env);
  } catch (error) {
    process.stderr.write(
      `${definition.name} failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    // A key-encryption key setting is configuration: exit code 2, like a bad variable.
    process.exit(error instanceof KeyEncryptionKeyError ? 2 : 1);
  }
  if (stopRequested) await stop(stopRequested);
}
