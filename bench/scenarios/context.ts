import type { Pool } from 'pg';
import type { LoadProcess } from '../load/load-process';
import type { HttpTarget, Job, Pacing, Stats } from '../load/protocol';
import type { Row } from '../report/row';
import type { BenchTenant } from '../stack/service';

export interface Options {
  users: number;
  /** Seconds per measurement. */
  duration: number;
  concurrencies: number[];
  deactivationRate: number;
  deactivationSeconds: number;
  peer: boolean;
  quick: boolean;
  /** Run this scenario alone (`--only encryption`). */
  only?: 'encryption';
  /** The all-in-one process (followers on its main thread, or in worker threads), or as deploy/k8s runs it. */
  topology: Topology;
}

export type Topology = 'all-in-one' | 'all-in-one-threads' | 'split';

export interface Context {
  options: Options;
  repoRoot: string;
  databaseUrl: string;
  brokers: string;
  pool: Pool;
  tenant: BenchTenant;
  load: LoadProcess;
  rows: Row[];
  notes: string[];
  log: (line: string) => void;
}

export function pacing(options: Options, concurrency: number): Pacing {
  return {
    concurrency,
    durationMs: options.duration * 1000,
    maxRequests: options.duration * 20_000,
    warmup: Math.max(20, concurrency * 4),
  };
}

/** How long a load job may take before the orchestrator gives up on it. */
export function jobTimeout(options: Options): number {
  return options.duration * 1000 + 120_000;
}

/** A job the load process paces, without its pacing (each kind keeps its own fields). */
export type UnpacedJob =
  Extract<Job, { pacing: Pacing }> extends infer J ? (J extends { pacing: Pacing } ? Omit<J, 'pacing'> : never) : never;

/** Runs `job` at `concurrency`, paced by the options, within the job timeout. */
export function runPaced(ctx: Context, concurrency: number, job: UnpacedJob): Promise<Stats> {
  return ctx.load.run({ ...job, pacing: pacing(ctx.options, concurrency) } as Job, jobTimeout(ctx.options));
}

/** Runs requests to `target` at `concurrency`, paced by the options. */
export function runHttp(ctx: Context, concurrency: number, target: HttpTarget): Promise<Stats> {
  return runPaced(ctx, concurrency, { kind: 'http', target });
}

/** A note with the first error when a measurement had errors (`what` names it, e.g. `filter c=16`). */
export function noteErrors(ctx: Context, what: string, stats: Stats): void {
  if (stats.errors > 0) ctx.notes.push(`${what}: ${stats.errors} errors, e.g. ${stats.errorSamples[0]}`);
}
