import { SIMPLE_CASE_FOLDING_RUNS } from './simple-case-folding';

/**
 * The one case-folding rule of the service, for every caseExact=false comparison (RFC 7643
 * §2.2): userName uniqueness, filters in memory and in SQL (`scim_fold`, the same function in
 * PostgreSQL, proven equal code point by code point in test/integration/read-model), sorting.
 *
 *   foldCase(text) = NFC( simpleCaseFold( NFC(text) ) )
 *
 * Simple case folding is Unicode's CaseFolding.txt with statuses C + S (one code point to one
 * code point, no context): `Émile.X` ≡ `émile.x` ≡ `E\u0301MILE.X`, `\u212Aate` (Kelvin sign) ≡
 * `kate`, `ΣΑΣ` ≡ `σας` (final sigma), `ſ` ≡ `s`, Cherokee small letters ≡ their capitals,
 * `ẞ` ≡ `ß` (but not `ss`: that is full folding), and `İ` folds to itself (its only mappings are
 * full or Turkic). The table is Unicode 17.0, generated from the JavaScript runtime's own case
 * data (see simple-case-folding.ts), so it does not move when Node's ICU does.
 */
export function foldCase(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFC')
    .replace(FOLDABLE, (character) => FOLDS.get(character) ?? character)
    .normalize('NFC');
}

/** Anything above U+007F: only then can NFC or a non-ASCII fold change the text. */
const NON_ASCII = /[\u0080-\u{10ffff}]/u;

function expandRuns(): Map<string, string> {
  const folds = new Map<string, string>();
  for (const [first, fold, count, stride] of SIMPLE_CASE_FOLDING_RUNS) {
    for (let k = 0; k < count; k++)
      folds.set(String.fromCodePoint(first + k * stride), String.fromCodePoint(fold + k * stride));
  }
  return folds;
}

const FOLDS: ReadonlyMap<string, string> = expandRuns();
const FOLDABLE = new RegExp(
  `[${[...FOLDS.keys()].map((character) => `\\u{${character.codePointAt(0)!.toString(16)}}`).join('')}]`,
  'gu',
);
