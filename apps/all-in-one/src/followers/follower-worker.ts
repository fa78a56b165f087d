import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  createLogger,
  InfrastructureModule,
  installProcessFaultHandlers,
  LivenessChecks,
  METRICS_REGISTRY,
  NestPinoLogger,
  ReadinessChecks,
} from '@lib/platform';
import { keyEncryptionKeysFromSettings } from '@lib/personal-data';
import type { Registry } from 'prom-client';
import { FollowerGroupModule } from './follower-group';
import {
  LIVENESS_REPORT_MS,
  type FollowerThreadData,
  type ThreadAnswer,
  type ThreadQuestion,
  type ThreadReport,
} from './follower-thread-messages';

/** Checks the main thread answers itself: its own pool reaches the same database and store. */
const MAIN_THREAD_CHECKS = new Set(['database', 'eventStore']);

/**
 * A follower thread of the all-in-one service: the followers of one group in a Nest
 * application context of their own (own pools, own event loop), answering the main thread's
 * health and metrics questions. Started by FollowerThread (follower-thread.ts).
 */
async function run(port: NonNullable<typeof parentPort>, data: FollowerThreadData): Promise<void> {
  const report = (message: ThreadReport) => port.postMessage(message);
  const logger = createLogger(data.env.LOG_LEVEL).child({ app: 'all-in-one', thread: data.group });
  let app: INestApplicationContext | undefined;
  let stopping = false;
  const stop = async (exitCode: number) => {
    // A fault during a requested stop (or the other way round) closes the followers once.
    if (stopping) return;
    stopping = true;
    await app?.close().catch((error) => logger.error({ err: describe(error) }, 'follower thread stop failed'));
    process.exit(exitCode);
  };
  installProcessFaultHandlers(logger, () => void stop(1));
  try {
    const kek = data.env.PERSONAL_DATA_ENCRYPTION === 'on' ? keyEncryptionKeysFromSettings(data.env).keys : undefined;
    const infrastructure = InfrastructureModule.forRoot({
      env: data.env,
      databaseUrl: data.databaseUrl,
      logger,
      kek,
      thread: 'worker',
    });
    app = await NestFactory.createApplicationContext(FollowerGroupModule.forRoot(infrastructure, data.group), {
      logger: new NestPinoLogger(logger),
      abortOnError: false,
    });
  } catch (error) {
    report({ type: 'start-failed', error: describe(error) });
    return stop(1);
  }
  const started = app;
  port.on('message', (message: ThreadQuestion) => {
    if (message.type === 'stop') return void stop(0);
    void answer(started, message).then((reply) => port.postMessage(reply));
  });
  const readiness = started
    .get(ReadinessChecks)
    .entries()
    .map(([name]) => name)
    .filter((name) => !MAIN_THREAD_CHECKS.has(name));
  const liveness = started
    .get(LivenessChecks)
    .entries()
    .map(([name]) => name);
  report({ type: 'started', readiness, liveness });
  reportLiveness(started, report, logger);
}

async function answer(app: INestApplicationContext, question: ThreadQuestion & { type: 'ask' }): Promise<ThreadAnswer> {
  try {
    if (question.question === 'metrics')
      return { type: 'answer', id: question.id, metrics: await app.get<Registry>(METRICS_REGISTRY).getMetricsAsJSON() };
    const check = app
      .get(ReadinessChecks)
      .entries()
      .find(([name]) => name === question.check)?.[1];
    if (!check) return { type: 'answer', id: question.id, error: `no check ${question.check}` };
    return { type: 'answer', id: question.id, readiness: await check() };
  } catch (error) {
    return { type: 'answer', id: question.id, error: describe(error) };
  }
}

function reportLiveness(app: INestApplicationContext, report: (message: ThreadReport) => void, logger: Logger): void {
  const send = () => {
    try {
      const alive = Object.fromEntries(
        app
          .get(LivenessChecks)
          .entries()
          .map(([name, check]) => [name, check()]),
      );
      report({ type: 'liveness', alive });
    } catch (error) {
      logger.error({ err: describe(error) }, 'follower thread liveness report failed');
    }
  };
  send();
  setInterval(send, LIVENESS_REPORT_MS).unref();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

if (parentPort) void run(parentPort, workerData as FollowerThreadData);
