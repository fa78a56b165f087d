import { interrupted, runCleanup } from './cleanup';

/**
 * Runs a bench command's `main` and exits with its code once everything it started is stopped:
 * 130 when interrupted (errors then are the stopping stack, not findings), `failureCode` when it
 * failed (the error printed as `<name> failed: ...`).
 */
export function runEntryPoint(name: string, main: () => Promise<number | void>, failureCode = 1): void {
  main()
    .then(
      (code) => code ?? 0,
      (error: Error) => {
        if (interrupted()) return 130;
        process.stderr.write(`${name} failed: ${error.stack ?? error.message}\n`);
        return failureCode;
      },
    )
    .then(async (code) => {
      await runCleanup();
      process.exit(code);
    });
}

/** Prints `usage` when the arguments ask for `--help`: the command then stops there. */
export function printedUsage(argv: string[], usage: string): boolean {
  if (!argv.includes('--help')) return false;
  process.stdout.write(usage);
  return true;
}

/** Stops everything and exits 124 if the run is still going after `ms`. */
export function stopAfter(ms: number, name: string, log: (line: string) => void): void {
  setTimeout(() => {
    log(`${name} exceeded ${ms / 60000} min: stopping`);
    void runCleanup(log).finally(() => process.exit(124));
  }, ms).unref();
}
