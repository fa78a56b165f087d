/**
 * Derives Unicode simple case folding (CaseFolding.txt, statuses C + S) from the JavaScript
 * runtime itself, so the committed table (simple-case-folding.ts) is generated, never typed:
 *
 * - ECMAScript's `/iu` regular expressions match two characters exactly when their simple case
 *   foldings are equal (ECMA-262 Canonicalize: "the simple or common case folding mapping of
 *   CaseFolding.txt"), so the regex engine gives the equivalence classes;
 * - the fold of a class is its one member that simple folding leaves unchanged: a member that
 *   full folding leaves unchanged (`\p{Changes_When_Casefolded}` false) is it; failing that, the
 *   one member that is its own lowercase; failing that, an entry of AMBIGUOUS_CLASS_FOLDS.
 *
 * Only characters that can occur in NFC text are mapped: foldCase normalises to NFC first.
 */
export type CaseFoldingMap = ReadonlyMap<number, number>;

/**
 * Classes whose fold the runtime cannot tell apart: both members are lowercase and both change
 * under full folding. CaseFolding.txt (since Unicode 15.1): `FB05; S; FB06` (ſt → st, as ſ → s).
 */
export const AMBIGUOUS_CLASS_FOLDS: ReadonlyMap<number, number> = new Map([[0xfb05, 0xfb06]]);

const CHANGES_WHEN_CASEFOLDED = /\p{Changes_When_Casefolded}/u;
const CHANGES_WHEN_CASEMAPPED = /\p{Changes_When_Casemapped}/u;
const MAX_CODE_POINT = 0x10ffff;

export function isSurrogate(codePoint: number): boolean {
  return codePoint >= 0xd800 && codePoint <= 0xdfff;
}

/** Every code point simple folding maps elsewhere (NFC-stable ones only) -> its fold. */
export function deriveSimpleCaseFolding(): Map<number, number> {
  const folds = new Map<number, number>();
  for (const members of caseClasses()) {
    const target = classFold(members);
    for (const member of members) {
      if (member !== target && isNfcStable(member)) folds.set(member.codePointAt(0)!, target.codePointAt(0)!);
    }
  }
  return new Map([...folds].sort(([a], [b]) => a - b));
}

/** Characters that case-insensitive matching puts together, grouped (union-find over regex matches). */
function caseClasses(): string[][] {
  const candidates: string[] = [];
  for (let codePoint = 0; codePoint <= MAX_CODE_POINT; codePoint++) {
    if (isSurrogate(codePoint)) continue;
    const character = String.fromCodePoint(codePoint);
    // Any member of a non-trivial class changes under case folding or case mapping.
    if (CHANGES_WHEN_CASEFOLDED.test(character) || CHANGES_WHEN_CASEMAPPED.test(character)) candidates.push(character);
  }
  const parent = new Map(candidates.map((character) => [character, character]));
  const root = (character: string): string => {
    let current = character;
    while (parent.get(current) !== current) current = parent.get(current)!;
    return current;
  };
  const union = (a: string, b: string) => parent.set(root(a), root(b));
  const everything = candidates.join('');
  for (const character of candidates) {
    const matches = everything.match(new RegExp(escapeCodePoint(character), 'giu')) ?? [];
    for (const match of matches) union(match, character);
  }
  const classes = new Map<string, string[]>();
  for (const character of candidates) {
    const key = root(character);
    classes.set(key, [...(classes.get(key) ?? []), character]);
  }
  return [...classes.values()];
}

function classFold(members: string[]): string {
  const stable = members.filter(isNfcStable);
  if (stable.length <= 1) return stable[0] ?? members[0];
  const unchanged = stable.filter((member) => !CHANGES_WHEN_CASEFOLDED.test(member));
  if (unchanged.length === 1) return unchanged[0];
  const lowercase = stable.filter((member) => member.toLowerCase() === member);
  if (lowercase.length === 1) return lowercase[0];
  const listed = stable
    .map((member) => AMBIGUOUS_CLASS_FOLDS.get(member.codePointAt(0)!))
    .find((fold) => fold !== undefined);
  if (listed !== undefined) return String.fromCodePoint(listed);
  throw new Error(
    `no fold can be derived for the case class ${stable.map(hex).join(' ')}: ` +
      'add it to AMBIGUOUS_CLASS_FOLDS from CaseFolding.txt',
  );
}

function isNfcStable(character: string): boolean {
  return character.normalize('NFC') === character;
}

function escapeCodePoint(character: string): string {
  return `\\u{${character.codePointAt(0)!.toString(16)}}`;
}

function hex(text: string): string {
  return [...text]
    .map((character) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)
    .join(' ');
}
