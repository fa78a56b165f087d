import type { Pool } from 'pg';
import type { LoadProcess } from '../load/load-process';
import type { Pacing } from '../load/protocol';
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
}

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
