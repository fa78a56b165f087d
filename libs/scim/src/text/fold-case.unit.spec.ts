import fc from 'fast-check';
import { deriveSimpleCaseFolding, isSurrogate } from './derive-simple-case-folding';
import { foldCase } from './fold-case';
import { SIMPLE_CASE_FOLDING_RUNS } from './simple-case-folding';

/** A new seed each run, printed, replayable with FOLD_CASE_SEED=<seed>. */
const SEED = process.env.FOLD_CASE_SEED ? Number(process.env.FOLD_CASE_SEED) : Math.floor(Math.random() * 2 ** 31);
process.stdout.write(`fold-case property seed: ${SEED} (replay with FOLD_CASE_SEED=${SEED})\n`);

const committed = new Map<number, number>();
for (const [first, fold, count, stride] of SIMPLE_CASE_FOLDING_RUNS) {
  for (let k = 0; k < count; k++) committed.set(first + k * stride, fold + k * stride);
}
const character = (codePoint: number) => String.fromCodePoint(codePoint);
const sameCaseClass = (a: string, b: string) => new RegExp(`^\\u{${a.codePointAt(0)!.toString(16)}}$`, 'iu').test(b);

describe('foldCase: NFC + Unicode simple case folding + NFC', () => {
  it.each([
    ['Émile.X', 'émile.X', 'the issue: a userName that blocks a create must be found'],
    ['E\u0301mile', 'Émile', 'NFD and NFC spellings'],
    ['\u212Aate', 'kate', 'Kelvin sign'],
    ['ΣΑΣ', 'σας', 'final sigma (no context: Σ and ς both fold to σ)'],
    ['ſtraße', 'STRAẞE', 'long s; capital sharp s folds to ß'],
    ['ᏣᎳᎩ', 'ꮳꮃꭹ', 'Cherokee small letters fold to the capitals'],
    ['ǅ', 'Ǆ', 'titlecase digraph'],
    ['\u0345', 'ι', 'combining ypogegrammeni'],
    ['ﬅ', 'ﬆ', 'ligature long s t (CaseFolding.txt FB05; S; FB06)'],
    ['\u{10400}', '\u{10428}', 'Deseret, above U+FFFF'],
  ])('%s ≡ %s (%s)', (a, b) => {
    expect(foldCase(a)).toBe(foldCase(b));
  });

  it.each([
    ['straße', 'strasse', 'ß is not ss: that is full folding'],
    ['İstanbul', 'istanbul', 'İ folds to itself (its only mappings are full or Turkic)'],
    ['ı', 'i', 'dotless i is its own letter'],
    ['Émile', 'Emile', 'accents are not case'],
  ])('%s ≢ %s (%s)', (a, b) => {
    expect(foldCase(a)).not.toBe(foldCase(b));
  });

  it('gives the folds of CaseFolding.txt, not lowercase, where they differ', () => {
    expect(foldCase('Ꭰ')).toBe('Ꭰ');
    expect(foldCase('ꭰ')).toBe('Ꭰ');
    expect(foldCase('ς')).toBe('σ');
    expect(foldCase('ẞ')).toBe('ß');
    expect(foldCase('İ')).toBe('İ');
    expect(foldCase('ÉMILE.X')).toBe('émile.x');
    expect(foldCase('USER@Example.COM')).toBe('user@example.com');
  });

  it('the committed table is what this runtime derives, for every character the runtime assigns', () => {
    const derived = deriveSimpleCaseFolding();
    const assigned = /\p{Assigned}/u;
    const disagreements: string[] = [];
    for (const codePoint of new Set([...derived.keys(), ...committed.keys()])) {
      if (derived.get(codePoint) === committed.get(codePoint)) continue;
      // A table from a newer Unicode may map what this runtime does not know yet.
      if (!derived.has(codePoint) && !assigned.test(character(codePoint))) continue;
      disagreements.push(
        `U+${codePoint.toString(16)}: committed ${committed.get(codePoint)?.toString(16)}, ` +
          `derived ${derived.get(codePoint)?.toString(16)}`,
      );
    }
    expect(disagreements).toEqual([]);
  });

  it('every fold stays in its case-insensitive class and is a fixed point', () => {
    for (const [codePoint, fold] of committed) {
      expect({ codePoint, sameClass: sameCaseClass(character(codePoint), character(fold)) }).toEqual({
        codePoint,
        sameClass: true,
      });
      expect({ codePoint, fixed: committed.has(fold) }).toEqual({ codePoint, fixed: false });
    }
  });

  it('never makes or changes a LIKE wildcard or escape, so escaping before or after folding is the same', () => {
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
      if (isSurrogate(codePoint)) continue;
      const folded = foldCase(character(codePoint));
      if (/[\\%_]/.test(folded) !== /[\\%_]/.test(character(codePoint)))
        throw new Error(`U+${codePoint.toString(16)} folds to ${folded}`);
    }
  });

  it('is idempotent, NFC, and equates exactly what case-insensitive matching equates (property)', () => {
    const unit = fc.oneof(
      fc.constantFrom(
        'A',
        'a',
        'É',
        'e',
        '\u0301',
        '\u0307',
        'Σ',
        'σ',
        'ς',
        'İ',
        'ı',
        'I',
        'i',
        '\u212A',
        'K',
        'k',
        'ß',
        'ẞ',
        'ſ',
        'Ꭰ',
        'ꭰ',
        '😀',
        'ש',
        'ب',
      ),
      fc
        .integer({ min: 0x20, max: 0x10ffff })
        .filter((codePoint) => !isSurrogate(codePoint))
        .map(character),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }), fc.array(unit, { maxLength: 12 }), (left, right) => {
        const text = left.join('');
        const folded = foldCase(text);
        expect(foldCase(folded)).toBe(folded);
        expect(folded.normalize('NFC')).toBe(folded);
        // Per character: equal folds exactly when the regex engine matches case-insensitively.
        const [a, b] = [left[0] ?? 'x', right[0] ?? 'x'];
        if (a.normalize('NFC') === a && b.normalize('NFC') === b)
          expect(foldCase(a) === foldCase(b)).toBe(sameCaseClass(a, b));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
