import { installSignalHandlers, interrupted, runCleanup } from './cleanup';

export type Log = (line: string) => void;

export interface EntryPointOptions {
  /** Printed for `--help`, which then runs nothing. */
  usage?: string;
  /** The exit code when `main` fails (default 1). */
  failureCode?: number;
  /** Where the command logs (default stderr, so stdout carries only the results). */
  logTo?: NodeJS.WriteStream;
}

/**
 * Runs a bench command's `main` with its arguments and a log, the signal handlers installed, and
 * exits with its code once everything it started is stopped: 130 when interrupted (errors then
 * are the stopping stack, not findings), `failureCode` when it failed (`<name> failed: ...`).
 */
export function runEntryPoint(
  name: string,
  main: (argv: string[], log: Log) => Promise<number | void>,
  options: EntryPointOptions = {},
): void {
  const argv = process.argv.slice(2);
  if (options.usage !== undefined && argv.includes('--help')) {
    process.stdout.write(options.usage);
    process.exit(0);
  }
  const logTo = options.logTo ?? process.stderr;
  const log: Log = (line) => logTo.write(`${line}\n`);
  installSignalHandlers(log);
  main(argv, log)
    .then(
      (code) => code ?? 0,
      (error: Error) => {
        if (interrupted()) return 130;
        process.stderr.write(`${name} failed: ${error.stack ?? error.message}\n`);
        return options.failureCode ?? 1;
      },
    )
    .then(async (code) => {
      await runCleanup();
      process.exit(code);
    });
}

/** Stops everything and exits 124 if the run is still going after `ms`. */
export function stopAfter(ms: number, name: string, log: Log): void {
  setTimeout(() => {
    log(`${name} exceeded ${ms / 60000} min: stopping`);
    void runCleanup(log).finally(() => process.exit(124));
  }, ms).unref();
}
