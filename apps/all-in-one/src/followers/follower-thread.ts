import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { ReadinessResult } from '@lib/platform';
import type { FollowerGroup } from './follower-group';
import {
  LIVENESS_REPORT_MS,
  type FollowerThreadData,
  type ThreadAnswer,
  type ThreadQuestion,
  type ThreadReport,
} from './follower-thread-messages';

const START_TIMEOUT_MS = 120_000;
const ANSWER_TIMEOUT_MS = 2500;
const STOP_TIMEOUT_MS = 15_000;
const RESTART_DELAY_MS = 1000;
const MAX_RESTART_DELAY_MS = 10_000;
/** Liveness reports older than this mean the thread's event loop is stuck. */
const LIVENESS_STALE_MS = 10 * LIVENESS_REPORT_MS;

/**
 * Runs the followers of one group in a worker thread of this process and speaks for them to the
 * main thread: their readiness checks (asked), liveness (reported every second) and metrics. A
 * thread that ends without being asked to is started again after a second, from its checkpoints.
 */
export class FollowerThread {
  private worker: Worker | null = null;
  private readinessChecks: string[] = [];
  private livenessNames: string[] = [];
  private alive: Record<string, boolean> = {};
  private aliveAt = 0;
  private nextId = 1;
  private readonly pending = new Map<number, (answer: ThreadAnswer) => void>();
  private stopping = false;
  private restarts = 0;
  /** Restarts since the thread last started: each waits twice as long (a database away at start). */
  private failedRestarts = 0;

  constructor(
    private readonly data: FollowerThreadData,
    private readonly logger: Logger,
    /** The script the thread runs (tests give one of their own). */
    private readonly entry: string = workerEntry(),
  ) {}

  get group(): FollowerGroup {
    return this.data.group;
  }

  /** Readiness check names of the thread's followers (known once started). */
  get readiness(): readonly string[] {
    return this.readinessChecks;
  }

  get restartCount(): number {
    return this.restarts;
  }

  /** Resolves once the followers run; rejects with the thread's error when they could not start. */
  start(): Promise<void> {
    return this.launch(false);
  }

  private launch(restart: boolean): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const worker = new Worker(`require(${JSON.stringify(this.entry)})`, {
        eval: true,
        workerData: this.data,
        name: `followers-${this.data.group}`,
      });
      this.worker = worker;
      let started = false;
      const timer = setTimeout(() => {
        reject(new Error(`follower thread ${this.group} did not start within ${START_TIMEOUT_MS} ms`));
        void worker.terminate();
      }, START_TIMEOUT_MS);
      worker.on('message', (message: ThreadReport | ThreadAnswer) => {
        if (message.type === 'answer') return this.pending.get(message.id)?.(message);
        if (message.type === 'liveness') {
          this.alive = message.alive;
          this.aliveAt = Date.now();
        } else if (message.type === 'started') {
          started = true;
          this.failedRestarts = 0;
          this.readinessChecks = message.readiness;
          this.livenessNames = message.liveness;
          clearTimeout(timer);
          resolve();
        } else if (message.type === 'start-failed') {
          clearTimeout(timer);
          reject(new Error(`follower thread ${this.group} failed to start: ${message.error}`));
        }
      });
      // Name and code only: an error's message may quote the input that caused it.
      worker.on('error', (error: Error & { code?: unknown }) =>
        this.logger.error({ thread: this.group, error: error.name, code: error.code }, 'follower thread failed'),
      );
      worker.on('exit', (code) => {
        clearTimeout(timer);
        if (this.worker === worker) this.worker = null;
        for (const [id, settle] of this.pending) settle({ type: 'answer', id, error: 'follower thread ended' });
        if (!started) reject(new Error(`follower thread ${this.group} ended during start (exit ${code})`));
        // A first start that fails fails the service's start; a thread that ran is started again.
        if (!this.stopping && (started || restart)) this.restartLater(code);
      });
    });
  }

  /** Asks the followers to stop (their shutdown hooks run) and waits for the thread to end. */
  async stop(): Promise<void> {
    this.stopping = true;
    const worker = this.worker;
    if (!worker) return;
    const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'stop' } satisfies ThreadQuestion);
    const forced = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
    await ended;
    clearTimeout(forced);
  }

  /** A readiness check of the thread, run there. */
  async checkReadiness(check: string): Promise<ReadinessResult> {
    const answer = await this.ask({ question: 'readiness', check });
    if (answer.error !== undefined || !answer.readiness) throw new Error(answer.error ?? 'no answer');
    return { ...answer.readiness, details: { ...answer.readiness.details, thread: this.group } };
  }

  /** The thread's metrics (its registry's `getMetricsAsJSON()`). */
  async metrics(): Promise<NonNullable<ThreadAnswer['metrics']>> {
    const answer = await this.ask({ question: 'metrics' });
    if (answer.error !== undefined) throw new Error(answer.error);
    return answer.metrics ?? [];
  }

  /** A liveness check of the thread as last reported: false when the thread is gone or silent. */
  isAlive(check: string): boolean {
    return this.worker !== null && Date.now() - this.aliveAt <= LIVENESS_STALE_MS && this.alive[check] === true;
  }

  /** The liveness check names the thread reports. */
  livenessChecks(): readonly string[] {
    return this.livenessNames;
  }

  private ask(question: { question: 'readiness'; check: string } | { question: 'metrics' }): Promise<ThreadAnswer> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error(`follower thread ${this.group} is not running`));
    const id = this.nextId++;
    return new Promise<ThreadAnswer>((resolve) => {
      const timer = setTimeout(
        () => settle({ type: 'answer', id, error: `no answer within ${ANSWER_TIMEOUT_MS} ms` }),
        ANSWER_TIMEOUT_MS,
      );
      const settle = (answer: ThreadAnswer) => {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve(answer);
      };
      this.pending.set(id, settle);
      worker.postMessage({ type: 'ask', id, ...question } satisfies ThreadQuestion);
    });
  }

  private restartLater(code: number): void {
    this.restarts++;
    this.logger.error({ thread: this.group, exitCode: code }, 'follower thread ended: starting it again');
    const delay = Math.min(RESTART_DELAY_MS * 2 ** this.failedRestarts++, MAX_RESTART_DELAY_MS);
    setTimeout(() => {
      if (this.stopping) return;
      this.launch(true).catch((error: Error) =>
        this.logger.error({ thread: this.group, err: error.message }, 'follower thread restart failed'),
      );
    }, delay).unref();
  }
}

/** The thread's entry: compiled JavaScript beside this file, or TypeScript under a require hook. */
function workerEntry(): string {
  return join(__dirname, `follower-worker${extname(__filename)}`);
}
