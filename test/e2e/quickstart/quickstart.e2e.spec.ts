import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');
const main = join(root, 'apps', 'all-in-one', 'src', 'main.ts');
const register = join(root, 'test', 'support', 'register-ts.js');

/** The quickstart exactly as `npm start` runs it (from sources instead of dist/), with its own embedded PostgreSQL. */
function startQuickstart(dataDir: string, env: Record<string, string> = {}): ChildProcess {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('SCIM_TEST_') && key !== 'DATABASE_URL' && key !== 'KAFKA_BROKERS',
    ),
  );
  return spawn(process.execPath, ['--require', register, main], {
    cwd: root,
    env: { ...clean, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', OPERATOR_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 90000): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; output so far:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolvePromise(output);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern}:\n${output}`));
    });
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolvePromise) =>
    child.exitCode !== null ? resolvePromise(child.exitCode) : child.once('exit', (code) => resolvePromise(code)),
  );
}

describe('quickstart (npm start): embedded PostgreSQL, first tenant key, clean Ctrl-C', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'scim-quickstart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    'comes up quietly, prints the SCIM URL and a key that works, serves health, and stops ' + 'PostgreSQL on SIGINT',
    async () => {
      // npm start's own log level (info), so the start-up is seen as a person sees it.
      const child = startQuickstart(dataDir, { LOG_LEVEL: 'info' });
      try {
        const output = await waitForOutput(child, /SCIM API key:\s+\S+/);
        const health = /Health:\s+(\S+)/.exec(output)![1];
        const scimUrl = /SCIM base URL:\s+(\S+)/.exec(output)![1];
        const apiKey = /SCIM API key:\s+(\S+)/.exec(output)![1];
        // A quiet start: the summary, not Nest's line per module and per route.
        expect(output).not.toMatch(/"context":"(InstanceLoader|RoutesResolver|RouterExplorer)"/);
        expect(output.split('\n').filter((line) => line.startsWith('{')).length).toBeLessThan(10);
        expect(output).toMatch(/Database:\s+embedded PostgreSQL, data in \S+/);
        expect((await fetch(health)).status).toBe(200);
        const users = await fetch(`${scimUrl}/Users`, { headers: { authorization: `Bearer ${apiKey}` } });
        expect(users.status).toBe(200);
        expect(await users.json()).toMatchObject({ totalResults: 0 });
        expect(existsSync(join(dataDir, 'operator-token'))).toBe(true);

        // `npm run projections:rebuild` finds the running quickstart's database by itself.
        const created = await fetch(`${scimUrl}/Users`, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/scim+json' },
          body: JSON.stringify({
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
            userName: 'rebuilt@example.com',
          }),
        });
        expect(created.status).toBe(201);
        // Asynchronously: a blocking spawnSync froze this process past the server's keep-alive
        // timeout, and the next fetch then reused a socket the server had closed.
        const rebuild = await runToEnd(
          process.execPath,
          ['--require', register, join(root, 'apps', 'projector', 'src', 'rebuild.ts')],
          {
            cwd: root,
            env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
          },
        );
        expect(rebuild.stderr).toBe('');
        expect(rebuild.status).toBe(0);
        expect(rebuild.stdout).toMatch(/rebuilt 1 users and 0 groups/);
        const after = await fetch(
          `${scimUrl}/Users?filter=${encodeURIComponent('userName eq "rebuilt@example.com"')}`,
          {
            headers: { authorization: `Bearer ${apiKey}` },
          },
        );
        expect(await after.json()).toMatchObject({ totalResults: 1 });
      } finally {
        child.kill('SIGINT');
      }
      expect(await exitCode(child)).toBe(0);
      const clusterPid = join(clusterDir(dataDir), 'postmaster.pid');
      expect(existsSync(clusterPid)).toBe(false);
      expect(existsSync(join(dataDir, 'database-url'))).toBe(false);
    },
  );

  it('keeps its data across restarts and does not print a key again', async () => {
    const child = startQuickstart(dataDir);
    try {
      const output = await waitForOutput(child, /Tenants exist already/);
      expect(output).not.toMatch(/SCIM API key:/);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exitCode(child)).toBe(0);
  });

  it('refuses a malformed setting with one line naming the variable and exit code 2', () => {
    const run = spawnSync(process.execPath, ['--require', register, main], {
      cwd: root,
      env: { ...process.env, PORT: 'eighty', KAFKA_BROKERS: 'nohost', DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^Configuration error: PORT="eighty": /),
      expect.stringMatching(/^Configuration error: KAFKA_BROKERS="nohost": /),
    ]);
  });
});

function runToEnd(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (status) => resolvePromise({ status, stdout, stderr }));
  });
}

/** Where the cluster lives: DATA_DIR/postgres/cluster, or the stand-in named in its LOCATION file. */
function clusterDir(dataDir: string): string {
  const location = join(dataDir, 'postgres', 'LOCATION');
  if (existsSync(location)) return join(/lives in (\S+)/.exec(readFileSync(location, 'utf8'))![1], 'cluster');
  return join(dataDir, 'postgres', 'cluster');
}
