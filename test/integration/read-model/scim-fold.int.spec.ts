import fc from 'fast-check';
import { foldCase } from '@lib/scim';
import { usePool, useTestDatabase } from '../../support/database';
import { runSeed } from './support/run-seed';
import { HARD_TEXT_UNITS } from './support/unicode-samples';

const SEED = runSeed('SCIM_FOLD_SEED', 'scim_fold vs foldCase');
const BATCH = 200_000;
const NUL = 0;
const isSurrogate = (codePoint: number) => codePoint >= 0xd800 && codePoint <= 0xdfff;
const hex = (text: string) =>
  [...text].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');

/**
 * The read model folds in SQL (scim_fold) what the service folds in JavaScript (foldCase):
 * uniqueness, the evaluator and SQL filters must agree on every string, so this compares them
 * on every code point and on thousands of generated strings, on the real PostgreSQL.
 *
 * Excluded, explicitly: U+0000 (PostgreSQL text cannot hold it; the gateway refuses it), and in
 * the generated strings the characters whose normalisation PostgreSQL 17 does not know yet
 * (assigned after its Unicode 15.1, taking part in a canonical composition or reordering: see
 * the last test). Their case mappings are compared like every other code point.
 */
describe('scim_fold (PostgreSQL) = foldCase (JavaScript)', () => {
  const db = useTestDatabase();
  const pool = usePool(() => db.url, 2);
  const assignedInPostgres = new Set<number>();

  async function sqlFold(texts: string[]): Promise<{ folded: string[]; assigned: boolean[] }> {
    const { rows } = await pool.query<{ folded: string[]; assigned: boolean[] }>(
      `SELECT array_agg(scim_fold(x) ORDER BY n) AS folded, array_agg(unicode_assigned(x) ORDER BY n) AS assigned
       FROM unnest($1::text[]) WITH ORDINALITY AS u(x, n)`,
      [texts],
    );
    return rows[0];
  }

  it('is declared IMMUTABLE and PARALLEL SAFE (indexes and stored columns use it)', async () => {
    const { rows } = await pool.query(
      'SELECT proname, provolatile, proparallel FROM pg_proc WHERE proname IN ' +
        "('scim_fold', 'scim_key') ORDER BY proname",
    );
    expect(rows).toEqual(['scim_fold', 'scim_key'].map((proname) => ({ proname, provolatile: 'i', proparallel: 's' })));
  });

  it('folds every code point 1..U+10FFFF (surrogates excluded) exactly as foldCase', async () => {
    const codePoints: number[] = [];
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++)
      if (codePoint !== NUL && !isSurrogate(codePoint)) codePoints.push(codePoint);
    const differences: string[] = [];
    for (let start = 0; start < codePoints.length; start += BATCH) {
      const texts = codePoints.slice(start, start + BATCH).map((codePoint) => String.fromCodePoint(codePoint));
      const { folded, assigned } = await sqlFold(texts);
      texts.forEach((text, i) => {
        if (assigned[i]) assignedInPostgres.add(codePoints[start + i]);
        if (folded[i] !== foldCase(text))
          differences.push(`${hex(text)}: SQL ${hex(folded[i])}, JS ${hex(foldCase(text))}`);
      });
    }
    expect(codePoints).toHaveLength(0x110000 - 0x800 - 1);
    expect(differences).toEqual([]);
  }, 240000);

  it('folds thousands of generated strings of hard characters exactly as foldCase (seeded)', async () => {
    expect(assignedInPostgres.size).toBeGreaterThan(100_000);
    const gap = normalisationGap(assignedInPostgres);
    const unit = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          ...HARD_TEXT_UNITS.filter((text) => ![...text].some((c) => gap.has(c.codePointAt(0)!))),
        ),
      },
      {
        weight: 1,
        arbitrary: fc
          .integer({ min: 1, max: 0x10ffff })
          .filter((cp) => !isSurrogate(cp) && !gap.has(cp))
          .map((cp) => String.fromCodePoint(cp)),
      },
    );
    const texts = fc.sample(
      fc.array(unit, { minLength: 1, maxLength: 24 }).map((units) => units.join('')),
      { seed: SEED, numRuns: 5000 },
    );
    const { folded } = await sqlFold(texts);
    const differences = texts.flatMap((text, i) =>
      folded[i] === foldCase(text) ? [] : [`${hex(text)}: SQL ${hex(folded[i])}, JS ${hex(foldCase(text))}`],
    );
    expect(differences).toEqual([]);
  }, 120000);

  it('the one known difference: sequences PostgreSQL 17 cannot compose yet (Unicode 16 characters)', async () => {
    // U+105D2 U+0307 is the canonical decomposition of U+105C9 (Todhri, Unicode 16.0). When the
    // database's Unicode catches up (PostgreSQL 18: 16.0), this fails: then drop the exclusion.
    const text = '\u{105d2}\u0307';
    expect(foldCase(text)).toBe('\u{105c9}');
    expect((await sqlFold([text])).folded[0]).toBe(text);
  });
});

/**
 * Characters this Node assigns but the database does not, that take part in normalisation:
 * with a decomposition, inside the decomposition of such a character, or combining marks.
 */
function normalisationGap(assignedInPostgres: ReadonlySet<number>): Set<number> {
  const assigned = /\p{Assigned}/u;
  const mark = /\p{M}/u;
  const gap = new Set<number>();
  for (let codePoint = 1; codePoint <= 0x10ffff; codePoint++) {
    if (isSurrogate(codePoint) || assignedInPostgres.has(codePoint)) continue;
    const character = String.fromCodePoint(codePoint);
    if (!assigned.test(character)) continue;
    const decomposed = character.normalize('NFD');
    if (decomposed !== character || mark.test(character)) gap.add(codePoint);
    for (const part of decomposed) if (!assignedInPostgres.has(part.codePointAt(0)!)) gap.add(part.codePointAt(0)!);
  }
  return gap;
}
