import type { Stats } from '../load/protocol';

/** One line of the result table. Latencies in milliseconds; throughput in `unit`. */
export interface Row {
  scenario: string;
  subject: string;
  concurrency?: number;
  throughput?: number;
  unit: string;
  p50?: number;
  p95?: number;
  p99?: number;
  count?: number;
  errors?: number;
  /** The figure divided by its baseline (or target), and what was divided. */
  ratio?: number;
  ratioOf?: string;
  note?: string;
}

export function rowOf(scenario: string, subject: string, stats: Stats, extra: Partial<Row> = {}): Row {
  return {
    scenario,
    subject,
    throughput: stats.throughput,
    unit: 'req/s',
    p50: stats.p50,
    p95: stats.p95,
    p99: stats.p99,
    count: stats.count,
    errors: stats.errors,
    ...extra,
  };
}
