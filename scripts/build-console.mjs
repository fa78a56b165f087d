// Builds the console (apps/console → dist/console) when the build is missing or older than its
// sources, the server files its views import (plain types from libs/) or the lock file.
// `npm run build` always builds; `npm test` and the browser tests call this so a fresh clone, or a
// changed view, is built before the browser opens it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sources = join(root, 'apps', 'console');
const built = join(root, 'dist', 'console', 'index.html');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function sourceFiles(path) {
  if (!statSync(path).isDirectory()) return /\.tsx?$/.test(path) ? [path] : [];
  return readdirSync(path).flatMap((name) => sourceFiles(join(path, name)));
}

/** The files outside apps/console that its sources import by relative path (shared server types). */
export function importedFromOutside() {
  const outside = new Set();
  for (const file of sourceFiles(join(sources, 'src'))) {
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from '(\.\.?\/[^']+)'/g)) {
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(sources) && existsSync(`${target}.ts`)) outside.add(`${target}.ts`);
    }
  }
  return [...outside];
}

export function consoleBuildIsCurrent() {
  const inputs = [newest(sources), statSync(join(root, 'package-lock.json')).mtimeMs];
  for (const file of importedFromOutside()) inputs.push(statSync(file).mtimeMs);
  return existsSync(built) && statSync(built).mtimeMs >= Math.max(...inputs);
}

export function buildConsole({ force = false } = {}) {
  if (!force && consoleBuildIsCurrent()) return false;
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      join(sources, 'vite.config.mjs'),
      '--logLevel',
      'warn',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  process.stdout.write(buildConsole({ force }) ? 'console built into dist/console\n' : 'console build is current\n');
}
