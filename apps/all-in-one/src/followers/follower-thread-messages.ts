import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import type { Environment, ReadinessResult } from '@lib/platform';
import type { FollowerGroup } from './follower-group';

/** What a follower thread is started with (structured-cloned: plain data only). */
export interface FollowerThreadData {
  group: FollowerGroup;
  env: Environment;
  databaseUrl: string;
}

/** Questions of the main thread; each is answered by a ThreadAnswer with the same id. */
export type ThreadQuestion =
  | { type: 'ask'; id: number; question: 'readiness'; check: string }
  | { type: 'ask'; id: number; question: 'metrics' }
  | { type: 'stop' };

export type ThreadAnswer = {
  type: 'answer';
  id: number;
  readiness?: ReadinessResult;
  metrics?: Array<MetricObjectWithValues<MetricValue<string>>>;
  error?: string;
};

/** What a follower thread says on its own. */
export type ThreadReport =
  | { type: 'started'; readiness: string[]; liveness: string[] }
  | { type: 'start-failed'; error: string }
  /** Every LIVENESS_REPORT_MS: each liveness check of the thread. */
  | { type: 'liveness'; alive: Record<string, boolean> };

export const LIVENESS_REPORT_MS = 1000;
