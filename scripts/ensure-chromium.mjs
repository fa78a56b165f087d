// The browser tests drive Debian's Chromium (/usr/bin/chromium) with playwright-core, which
// downloads no browser of its own. Missing and root: install it with apt-get. Missing and not
// root: one line saying what to run.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_MISSING =
  'Chromium is missing: run "sudo apt-get install -y chromium" (Debian/Ubuntu), then run the tests again.';

/**
 * The path of Chromium, installed first when possible; throws an Error with the one-line instruction
 * otherwise.
 */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root) throw new Error(CHROMIUM_MISSING);
  process.stdout.write('Installing Chromium for the browser tests (apt-get install chromium)...\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
  if (!existsSync(CHROMIUM)) throw new Error(CHROMIUM_MISSING);
  return CHROMIUM;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    process.stdout.write(`${ensureChromium()}\n`);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
