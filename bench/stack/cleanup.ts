/**
 * Everything the benchmark starts registers its stop here; `runCleanup` stops them in reverse
 * order exactly once, on success, on failure, on Ctrl-C (SIGINT), SIGTERM or an uncaught error.
 */
type Stop = { name: string; stop: () => Promise<void> | void };

const stops: Stop[] = [];
let running: Promise<void> | undefined;
let signalled = false;

/** True once SIGINT/SIGTERM arrived: errors after that are the stopping stack, not findings. */
export function interrupted(): boolean {
  return signalled;
}

export function onCleanup(name: string, stop: () => Promise<void> | void): void {
  stops.push({ name, stop });
}

export function runCleanup(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<void> {
  running ??= (async () => {
    while (stops.length > 0) {
      const { name, stop } = stops.pop()!;
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 60_000).unref());
      try {
        const outcome = await Promise.race([Promise.resolve(stop()).then(() => 'ok' as const), timeout]);
        if (outcome === 'timeout') log(`cleanup: ${name} did not stop within 60 s`);
      } catch (error) {
        log(`cleanup: stopping ${name} failed: ${(error as Error).message}`);
      }
    }
  })();
  return running;
}

/** Installs signal handlers: the first signal cleans up and exits 130; a second exits at once. */
export function installSignalHandlers(log: (line: string) => void): void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(130);
    signalled = true;
    log(`\n${signal}: stopping everything the benchmark started...`);
    void runCleanup(log).finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('uncaughtException', (error) => {
    log(`uncaught: ${error.stack ?? error.message}`);
    void runCleanup(log).finally(() => process.exit(1));
  });
}
