import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { findFreePort } from '../../libs/platform/src/net/free-port';
import { testKeyEncryptionKey } from './key-encryption-key';

const root = resolve(__dirname, '..', '..');

export type ServiceApp = 'all-in-one' | 'scim-gateway' | 'projector' | 'publisher';

/** One app of the service in a child process of the test, so that an exit is observable (and counted as a failure). */
export interface ServiceProcess {
  app: ServiceApp;
  pid: number;
  baseUrl: string;
  /** Set once the process exited: how. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | null;
  /** The last lines it wrote (stdout and stderr), for a failure message. */
  tail(): string;
  /** SIGKILL (no cleanup) or SIGTERM (graceful), and wait for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `apps/<app>/src/main.ts` (TypeScript compiled on the fly) with `env` on a free port and
 * resolves once /health/live answers.
 */
export async function spawnService(
  app: ServiceApp,
  env: Record<string, string>,
  options: { startTimeoutMs?: number } = {},
): Promise<ServiceProcess> {
  const port = await findFreePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ['--require', './test/support/register-ts.js', join(root, 'apps', app, 'src', 'main.ts')],
    {
      cwd: root,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        KEY_ENCRYPTION_KEY: testKeyEncryptionKey(),
        ...env,
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const service: ServiceProcess = {
    app,
    pid: child.pid!,
    baseUrl: `http://127.0.0.1:${port}`,
    exit: null,
    tail: () => lines.slice(-40).join('\n'),
    kill: (signal = 'SIGKILL') =>
      new Promise<void>((done) => {
        if (service.exit) return done();
        child.once('exit', () => done());
        child.kill(signal);
      }),
  };
  child.on('exit', (code, signal) => (service.exit = { code, signal }));
  const deadline = Date.now() + (options.startTimeoutMs ?? 90_000);
  for (;;) {
    if (service.exit)
      throw new Error(`${app} exited during start (${JSON.stringify(service.exit)}):\n${service.tail()}`);
    if (Date.now() > deadline) {
      await service.kill();
      throw new Error(
        `${app} did not answer /health/live within ${options.startTimeoutMs ?? 90_000} ms:\n${service.tail()}`,
      );
    }
    try {
      if ((await fetch(`${service.baseUrl}/health/live`)).ok) return service;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Polls `condition` until it holds; throws naming `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  condition: () => Promise<T | false | undefined | null> | T | false | undefined | null,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`,
      );
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
