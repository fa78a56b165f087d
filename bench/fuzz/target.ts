import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { freePort, stopChild, waitUntil } from '../stack/child';

export interface ServiceProcessOptions {
  repoRoot: string;
  databaseUrl: string;
  /**
   * `dist`: the production build (npm run fuzz); `ts`: the sources through
   * test/support/register-ts.js (jest); `{ main }`: another build's all-in-one main.js.
   */
  entry: 'dist' | 'ts' | { main: string };
  operatorToken: string;
  /** Extra environment (e.g. KAFKA_BROKERS). */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

export interface ExitRecord {
  code: number | null;
  signal: string | null;
  /** The last lines the process wrote. */
  tail: string;
}

const MAX_ERROR_LINES = 50;

/**
 * The all-in-one service as a child process, so that its exits and its resident memory are
 * observable from outside. A process that exits is recorded and started again on the same port,
 * so one crash does not end the run.
 */
export class ServiceProcess {
  readonly exits: ExitRecord[] = [];
  /** Error-level log lines of the service (500s log their stack), the first ones of the run. */
  readonly errorLines: string[] = [];
  private child: ChildProcess | undefined;
  private output = '';
  private port = 0;
  private stopping = false;
  private restarting: Promise<void> | undefined;
  /** NODE_ENV=production with an external database needs one (docs/erasure.md); the same across restarts. */
  private readonly keyEncryptionKey = randomBytes(32).toString('base64');

  constructor(private readonly options: ServiceProcessOptions) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    this.port = this.port || (await freePort());
    const { repoRoot, entry } = this.options;
    const args =
      entry === 'dist'
        ? [join(repoRoot, 'dist/apps/all-in-one/src/main.js')]
        : entry === 'ts'
          ? ['--require', join(repoRoot, 'test/support/register-ts.js'), join(repoRoot, 'apps/all-in-one/src/main.ts')]
          : [entry.main];
    const child = spawn(process.execPath, args, {
      cwd: typeof entry === 'object' ? dirname(entry.main) : repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: this.options.databaseUrl,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        OPERATOR_TOKEN: this.options.operatorToken,
        LOG_LEVEL: 'warn',
        KAFKA_BROKERS: '',
        // The fuzzer measures what hostile input does, not the per-tenant rate limiter.
        RATE_LIMIT_PER_SECOND: '1000000',
        RATE_LIMIT_BURST: '1000000',
        KEY_ENCRYPTION_KEY: this.keyEncryptionKey,
        ...this.options.env,
      },
    });
    this.child = child;
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString('utf8')).slice(-20_000));
    let partial = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines)
        if (line.includes('"level":50') && this.errorLines.length < MAX_ERROR_LINES)
          this.errorLines.push(line.slice(0, 3000));
    });
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      this.exits.push({ code, signal, tail: this.output.slice(-4000) });
      this.options.log?.(`service exited (code ${code}, signal ${signal}); starting it again`);
      this.restarting = this.start().finally(() => (this.restarting = undefined));
    });
    await waitUntil('service /health/live', 180_000, async () => {
      if (child.exitCode !== null) throw new Error(`service exited during start: ${this.output.slice(-3000)}`);
      return (await fetch(`${this.baseUrl}/health/live`)).status === 200;
    });
  }

  /** Resolves once a restart after an exit (if any) is done. */
  async settled(): Promise<void> {
    await this.restarting;
  }

  /** Resident set size of the process now, in bytes (Linux /proc; 0 elsewhere). */
  rssBytes(): number {
    const pid = this.child?.pid;
    if (!pid) return 0;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      return kb ? Number(kb) * 1024 : 0;
    } catch {
      return 0;
    }
  }

  /** The last lines the process wrote (warnings and errors). */
  tail(characters = 4000): string {
    return this.output.slice(-characters);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.child) await stopChild(this.child, 'SIGTERM', 20_000);
  }
}
