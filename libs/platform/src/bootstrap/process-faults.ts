import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import { isAvailabilityError } from '../database/availability';

export type ProcessFault = 'unhandledRejection' | 'uncaughtException';
export type FaultOutcome = 'kept-serving' | 'stopped';

/**
 * What the process does with an error nobody handled:
 *
 * - an unhandled rejection is a promise whose failure nobody awaited (a query abandoned by a
 *   throw). Its work is over and no state is half-changed, so the process keeps serving;
 * - an uncaught exception that is an availability error is a dead connection's 'error' event
 *   with no listener: the pool discards the connection, so the process keeps serving too;
 * - any other uncaught exception left some code mid-way (state unknown): the process stops
 *   gracefully with exit code 1 and its supervisor starts a fresh one.
 *
 * Each is logged once (error name, code and stack frames: no message, which may quote input)
 * and counted in `scim_process_faults_total{fault, outcome}`.
 */
export function faultOutcome(fault: ProcessFault, error: unknown): FaultOutcome {
  if (fault === 'unhandledRejection') return 'kept-serving';
  return isAvailabilityError(error) ? 'kept-serving' : 'stopped';
}

const counts = new Map<string, number>();

export function processFaultCount(fault: ProcessFault, outcome: FaultOutcome): number {
  return counts.get(`${fault}|${outcome}`) ?? 0;
}

/** Handles one fault: log, count, and say whether the process must stop. */
export function handleProcessFault(fault: ProcessFault, error: unknown, logger: Logger): FaultOutcome {
  const outcome = faultOutcome(fault, error);
  const key = `${fault}|${outcome}`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
  logger.error(
    { fault, outcome, error: describeError(error) },
    `${fault}: ${outcome === 'stopped' ? 'stopping the process' : 'the process keeps serving'}`,
  );
  return outcome;
}

/** Installs the handlers; `stop` is called for a fault whose outcome is 'stopped'. Returns the uninstaller. */
export function installProcessFaultHandlers(logger: Logger, stop: () => void): () => void {
  const onRejection = (reason: unknown) => handleProcessFault('unhandledRejection', reason, logger);
  const onException = (error: unknown) => {
    if (handleProcessFault('uncaughtException', error, logger) === 'stopped') stop();
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.removeListener('unhandledRejection', onRejection);
    process.removeListener('uncaughtException', onException);
  };
}

/** Exposes the counts in a registry (they outlive any one registry: the handlers are per process). */
export function registerProcessFaultMetric(registry: Registry): void {
  new Counter({
    name: 'scim_process_faults_total',
    help: 'Errors nobody handled (unhandled rejections, uncaught exceptions), by what the process did',
    labelNames: ['fault', 'outcome'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [key, value] of counts) {
        const [fault, outcome] = key.split('|');
        this.inc({ fault, outcome }, value);
      }
    },
  });
}

/** Name, code and stack frames only: an error message may quote the input that caused it. */
function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 12);
  return { name: error.name, code: (error as { code?: unknown }).code, frames };
}
