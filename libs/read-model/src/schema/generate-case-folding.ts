/**
 * Regenerates the two tables of the one case-folding rule from what the runtimes actually do:
 *
 * 1. libs/scim/src/text/simple-case-folding.ts: simple case folding as this Node's regex engine
 *    defines it (deriveSimpleCaseFolding), as runs;
 * 2. libs/read-model/src/schema/scim-fold-translate.ts: for every code point, PostgreSQL's
 *    `lower(x COLLATE pg_c_utf8)` against that fold; where they differ, lower()'s result -> fold,
 *    which scim_fold applies with translate().
 *
 *   DATABASE_URL=postgres://... node --require ./test/support/register-ts.js \
 *     libs/read-model/src/schema/generate-case-folding.ts
 *
 * Run it only to move to a new Unicode version, and then: a new migration replacing scim_fold,
 * a read-model rebuild, and a plan for userName reservations folded the old way. The
 * integration test test/integration/read-model/scim-fold.int.spec.ts proves the result.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { deriveSimpleCaseFolding } from '@lib/scim';

const ROOT = join(__dirname, '..', '..', '..', '..');
const DOTTED_CAPITAL_I = 0x130;
const BATCH = 200_000;

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL (a PostgreSQL 17 database) is required');
  const folds = deriveSimpleCaseFolding();
  const unicode = process.versions.unicode ?? 'unknown';
  writeFileSync(join(ROOT, 'libs/scim/src/text/simple-case-folding.ts'), javascriptTable(folds, unicode));
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const lowered = await postgresLower(client);
    const { rows } = await client.query<{ version: string; unicode: string }>(
      "SELECT current_setting('server_version') AS version, unicode_version() AS unicode",
    );
    const translate = translateTable(folds, lowered);
    writeFileSync(
      join(ROOT, 'libs/read-model/src/schema/scim-fold-translate.ts'),
      sqlTable(
        translate,
        `PostgreSQL ${rows[0].version} (Unicode ${rows[0].unicode}), Node ${process.version} (Unicode ${unicode})`,
      ),
    );
    process.stdout.write(
      `${folds.size} folds in ${runsOf(folds).length} runs; ${translate.size} translate() entries\n`,
    );
  } finally {
    await client.end();
  }
}

/** lower(x COLLATE pg_c_utf8) of every NFC-stable code point that it changes. */
async function postgresLower(client: Client): Promise<Map<number, number>> {
  const codePoints = nfcStableCodePoints();
  const lowered = new Map<number, number>();
  for (let start = 0; start < codePoints.length; start += BATCH) {
    const batch = codePoints.slice(start, start + BATCH).map((codePoint) => String.fromCodePoint(codePoint));
    const { rows } = await client.query<{ lowered: string[] }>(
      'SELECT array_agg(lower(x COLLATE pg_c_utf8) ORDER BY n) AS lowered FROM unnest($1::text[]) WITH ORDINALITY ' +
        'AS u(x, n)',
      [batch],
    );
    rows[0].lowered.forEach((result, i) => {
      if (result !== batch[i]) {
        if ([...result].length !== 1) throw new Error(`lower() of ${batch[i]} is not one code point`);
        lowered.set(batch[i].codePointAt(0)!, result.codePointAt(0)!);
      }
    });
  }
  return lowered;
}

/** lower()'s result -> fold, for every code point where they differ; U+0130 is escaped around lower() instead. */
function translateTable(folds: ReadonlyMap<number, number>, lowered: ReadonlyMap<number, number>): Map<number, number> {
  const translate = new Map<number, number>();
  for (const codePoint of nfcStableCodePoints()) {
    if (codePoint === DOTTED_CAPITAL_I) continue;
    const lower = lowered.get(codePoint) ?? codePoint;
    const fold = folds.get(codePoint) ?? codePoint;
    const existing = translate.get(lower) ?? (lower === fold ? lower : undefined);
    if (existing !== undefined && existing !== fold) {
      throw new Error(
        `U+${codePoint.toString(16)}: lower() gives U+${lower.toString(16)}, which must fold both to ` +
          `U+${existing.toString(16)} and U+${fold.toString(16)}`,
      );
    }
    if (lower !== fold) translate.set(lower, fold);
  }
  return new Map([...translate].sort(([a], [b]) => a - b));
}

function nfcStableCodePoints(): number[] {
  const codePoints: number[] = [];
  for (let codePoint = 1; codePoint <= 0x10ffff; codePoint++) {
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
    const character = String.fromCodePoint(codePoint);
    if (character.normalize('NFC') === character) codePoints.push(codePoint);
  }
  return codePoints;
}

type Run = [first: number, fold: number, count: number, stride: number];

function runsOf(folds: ReadonlyMap<number, number>): Run[] {
  const pairs = [...folds];
  const runs: Run[] = [];
  for (let i = 0; i < pairs.length; ) {
    const [first, fold] = pairs[i];
    let best: Run = [first, fold, 1, 1];
    for (const stride of [1, 2]) {
      let count = 1;
      while (
        i + count < pairs.length &&
        pairs[i + count][0] === first + count * stride &&
        pairs[i + count][1] === fold + count * stride
      )
        count++;
      if (count > best[2]) best = [first, fold, count, stride];
    }
    runs.push(best);
    i += best[2];
  }
  return runs;
}

const hex = (codePoint: number) => `0x${codePoint.toString(16).padStart(4, '0')}`;
const escape = (codePoint: number) => `\\u{${codePoint.toString(16)}}`;

/** The runs' type in the generated TypeScript: one line of its own, too long for a line of this file. */
const RUNS_TYPE = 'readonly (readonly [first: number, fold: number, count: number, stride: number])[]';

function javascriptTable(folds: ReadonlyMap<number, number>, unicode: string): string {
  const lines = runsOf(folds).map(
    ([first, fold, count, stride]) => `  [${hex(first)}, ${hex(fold)}, ${count}, ${stride}],`,
  );
  return `// Generated by libs/read-model/src/schema/generate-case-folding.ts on Node ${process.version}. Do not edit.
/**
 * Unicode simple case folding (CaseFolding.txt, statuses C + S) of every code point that can occur
 * in NFC text and folds to another one, as runs: for k < count, first + k·stride folds to
 * fold + k·stride. Derived from the JavaScript runtime (see derive-simple-case-folding.ts);
 * fold-case.unit.spec.ts checks it against the running engine.
 */
export const SIMPLE_CASE_FOLDING_UNICODE_VERSION = '${unicode}';

export const SIMPLE_CASE_FOLDING_RUNS: ${RUNS_TYPE} = [
${lines.join('\n')}
];
`;
}

function sqlTable(translate: ReadonlyMap<number, number>, provenance: string): string {
  const lines = [...translate].map(([lower, fold]) => `  ['${escape(lower)}', '${escape(fold)}'],`);
  return `// Generated by libs/read-model/src/schema/generate-case-folding.ts from
// ${provenance}. Do not edit.
/**
 * Where PostgreSQL's lower(x COLLATE pg_c_utf8) differs from simple case folding: lower()'s
 * result -> the fold. scim_fold applies it with translate() after lower().
 */
export const SCIM_FOLD_LOWER_TO_FOLD: ReadonlyMap<string, string> = new Map([
${lines.join('\n')}
]);
`;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
