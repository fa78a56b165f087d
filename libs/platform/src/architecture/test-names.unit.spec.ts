import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

/** Where each kind of test lives: jest's projects select by these names, so a spec without a kind never runs. */
function placeOf(file: string): 'unit' | 'integration' | 'e2e' | 'misnamed' {
  if (/\.unit\.spec\.tsx?$/.test(file)) return file.startsWith('test/') ? 'misnamed' : 'unit';
  if (/\.int\.spec\.ts$/.test(file)) return file.startsWith('test/integration/') ? 'integration' : 'misnamed';
  if (/\.e2e\.spec\.ts$/.test(file)) return file.startsWith('test/e2e/') ? 'e2e' : 'misnamed';
  return 'misnamed';
}

const NOT_SOURCES = new Set(['node_modules', 'dist', '.data', '.git', 'coverage']);

/** Every spec file below a folder, for a copy of the repository without git. */
function specsBelow(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return NOT_SOURCES.has(entry.name) ? [] : specsBelow(path);
    return /\.spec\.tsx?$/.test(entry.name) ? [relative(root, path).split('\\').join('/')] : [];
  });
}

function trackedSpecs(): string[] {
  const run = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.spec.ts', '*.spec.tsx'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (run.status !== 0) return specsBelow(root);
  return run.stdout.split('\n').filter(Boolean);
}

describe('test names say their kind', () => {
  it.each([
    ['libs/scim/src/filter/parser.unit.spec.ts', 'unit'],
    ['test/integration/audit/chain.int.spec.ts', 'integration'],
    ['test/e2e/scim/users.e2e.spec.ts', 'e2e'],
    ['libs/scim/src/filter/parser.spec.ts', 'misnamed'],
    ['libs/audit/src/chain.int.spec.ts', 'misnamed'],
    ['test/e2e/scim/users.int.spec.ts', 'misnamed'],
  ])('classifies %s as %s', (file, place) => {
    expect(placeOf(file)).toBe(place);
  });

  it('every spec in the repository is *.unit|int|e2e.spec.ts in its place', () => {
    const specs = trackedSpecs();
    expect(specs.length).toBeGreaterThan(100);
    expect(specs.filter((file) => placeOf(file) === 'misnamed')).toEqual([]);
  });
});
