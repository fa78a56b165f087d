import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');

function runScript(name: string): string {
  const run = spawnSync(process.execPath, [join(root, 'scripts', name)], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error((run.stderr || run.stdout).trim().split('\n').pop());
  return run.stdout.trim().split('\n').pop() ?? '';
}

/**
 * What the browser tests need before they start, set up the same way `npm test` does: the console
 * built into dist/console (only when stale), and Debian's Chromium (installed with apt-get when
 * missing and root; otherwise the test stops with the one-line instruction).
 */
export function consolePrerequisites(): { chromium: string } {
  runScript('build-console.mjs');
  return { chromium: runScript('ensure-chromium.mjs') };
}
