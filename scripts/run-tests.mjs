// `npm test`: type-check, lint, then every jest project (unit, integration, e2e) against real
// PostgreSQL and Kafka servers that jest's global setup starts and stops. Runs every step,
// prints one summary line, and exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const extraJestArgs = process.argv.slice(2);

function step(name, command, args) {
  process.stdout.write(`\n=== ${name} ===\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`=== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} (${seconds} s) ===\n`);
  return result.status === 0;
}

const results = {};
results.typecheck = step('type-check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
results.typecheckConsole = step('type-check (console)', bin('tsc'), [
  '-p',
  join('apps', 'console', 'tsconfig.json'),
  '--noEmit',
]);
results.format = step('format (prettier --check)', bin('prettier'), ['--check', '.', '--log-level=warn']);
results.lint = step('lint', bin('eslint'), ['.', '--max-warnings=0']);

// The browser tests (test/e2e/console) need the built console and Debian's Chromium.
results.consoleBuild = step('console build', process.execPath, [join(root, 'scripts', 'build-console.mjs')]);
results.chromium = step('chromium', process.execPath, [join(root, 'scripts', 'ensure-chromium.mjs')]);
if (!results.chromium) {
  // Stops here: the line above says what to install.
  process.stdout.write('\n0 passed, 1 failed, 0 skipped\n');
  process.exit(1);
}

const report = join(mkdtempSync(join(tmpdir(), 'scim-jest-')), 'report.json');
results.jest = step('jest (unit, integration, e2e)', bin('jest'), [
  '--ci',
  '--maxWorkers=2',
  '--json',
  `--outputFile=${report}`,
  ...extraJestArgs,
]);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  passed = summary.numPassedTests;
  failed = summary.numFailedTests + summary.numRuntimeErrorTestSuites;
  skipped = summary.numPendingTests + summary.numTodoTests;
} else {
  failed += 1;
}
for (const [name, ok] of Object.entries(results)) if (!ok && name !== 'jest') failed += 1;

process.stdout.write(
  `\nSteps: ${Object.entries(results)
    .map(([n, ok]) => `${n} ${ok ? 'ok' : 'FAILED'}`)
    .join(', ')}\n`,
);
process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(Object.values(results).every(Boolean) && failed === 0 ? 0 : 1);
