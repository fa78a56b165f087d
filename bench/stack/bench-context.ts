import { loadavg } from 'node:os';
import { Pool } from 'pg';
import { LoadProcess } from '../load/load-process';
import { describeMachine, type Machine } from '../report/machine';
import type { Context } from '../scenarios/context';
import { onCleanup } from './cleanup';
import { startBenchPostgres, type BenchPostgres } from './postgres';
import { createTenant, type BenchService } from './service';

/** The machine's description with the bench's PostgreSQL (started here) in it. */
export async function startPostgresOnMachine(
  log: (line: string) => void,
): Promise<{ machine: Machine; postgres: BenchPostgres }> {
  const machine = describeMachine();
  const postgres = await startBenchPostgres(log);
  machine.postgres = postgres.version;
  machine.postgresSettings = postgres.settings;
  return { machine, postgres };
}

/**
 * What every scenario runs with: the orchestrator's pool (stopped at cleanup), the load process,
 * and the tenant `bench` created through `service`.
 */
export async function startContext(
  base: Pick<Context, 'options' | 'repoRoot' | 'databaseUrl' | 'brokers' | 'log'>,
  service: BenchService,
): Promise<Context> {
  const pool = new Pool({ connectionString: base.databaseUrl, max: 8 });
  onCleanup('orchestrator pg pool', () => pool.end());
  const load = LoadProcess.start();
  const tenant = await createTenant(service, 'bench');
  return { ...base, pool, tenant, load, rows: [], notes: [] };
}

/** Records the 1-minute load average under a step's name. */
export function recordLoadAverage(loadAverages: Record<string, number>, step: string): void {
  loadAverages[step] = Math.round(loadavg()[0] * 100) / 100;
}

/** `- 1-min load average after each step: ...` for the report. */
export function loadAverageLine(loadAverages: Record<string, number>, machine: Machine): string {
  const steps = Object.entries(loadAverages)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return `- 1-min load average after each step: ${steps} (${machine.cores} cores)\n`;
}
