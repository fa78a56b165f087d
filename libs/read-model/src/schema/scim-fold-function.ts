import { SCIM_FOLD_LOWER_TO_FOLD } from './scim-fold-translate';

/** lower() with each U+0130 (and, to keep the swap reversible, each '#') stood aside while it runs. */
const LOWER_AROUND_DOTTED_I =
  "replace(replace(lower(replace(replace(t, '#', '#0'), U&'\\0130', '#1') COLLATE pg_c_utf8), " +
  "'#1', U&'\\0130'), '#0', '#')";

/**
 * `scim_fold(text)`: foldCase (libs/scim text/fold-case.ts) in PostgreSQL, so that SQL filters,
 * sorting and the read model's unique index fold exactly as uniqueness and the in-memory
 * evaluator do: NFC, Unicode simple case folding (CaseFolding.txt C + S), NFC.
 *
 * PostgreSQL 17's builtin collation `pg_c_utf8` lowercases by Unicode's simple mapping, one code
 * point at a time (no final-sigma context), independent of the server's locale. Simple folding
 * differs from simple lowercasing for a few code points, which a `translate()` fixes afterwards
 * (ς→σ, ſ→s, Cherokee small letters → capitals, ... and the case pairs of Unicode 16/17 that
 * PostgreSQL 17's Unicode 15.1 tables lack). The table is generated (generate-case-folding.ts)
 * from what PostgreSQL's lower() does and what the JavaScript table says; the integration test
 * scim-fold.int.spec.ts compares both functions on every code point.
 *
 * U+0130 (İ) folds to itself, but lower() maps it to `i` like `I`, so no translate() can undo
 * it: it is escaped around lower() (`#` → `#0` first, then İ → `#1`; lower() leaves both alone).
 * Pure ASCII (octet length = character length) takes a fast path: NFC is the identity and the
 * fold is ASCII lowercase.
 *
 * `scim_key(text)` = sha256 of the UTF-8 bytes: the bounded, collision-resistant btree key of
 * equality lookups and uniqueness. convert_to is STABLE only because of its encoding argument;
 * with the fixed 'UTF8' it is immutable, which the index needs.
 *
 * Both are PL/pgSQL on purpose: a filter's literal is folded and hashed while the query is
 * planned, and a SQL function costs 35–50 µs there (its body is inlined or planned on every
 * call) against about 15 µs for PL/pgSQL, whose compiled body is cached per session. That was
 * most of the difference between v1 and v2 for `userName eq`.
 *
 * Frozen with read model v2: a changed function is a new migration that replaces it and rebuilds
 * the read model (every stored `*_fold` column and index depends on it).
 */
export function scimFoldDdl(): string[] {
  const from = [...SCIM_FOLD_LOWER_TO_FOLD.keys()].join('');
  const to = [...SCIM_FOLD_LOWER_TO_FOLD.values()].join('');
  return [
    `CREATE FUNCTION scim_fold(t text) RETURNS text
       LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fold$
     DECLARE
       folded text;
     BEGIN
       IF octet_length(t) = char_length(t) THEN RETURN lower(t COLLATE "C"); END IF;
       IF t IS NOT NFC NORMALIZED THEN t := normalize(t, NFC); END IF;
       IF strpos(t, U&'\\0130') = 0 THEN
         folded := lower(t COLLATE pg_c_utf8);
       ELSE
         folded := ${LOWER_AROUND_DOTTED_I};
       END IF;
       IF folded ~ ${unicodeLiteral(`[${from}]`)} THEN
         folded := translate(folded, ${unicodeLiteral(from)}, ${unicodeLiteral(to)});
       END IF;
       IF folded IS NOT NFC NORMALIZED THEN folded := normalize(folded, NFC); END IF;
       RETURN folded;
     END
     $fold$`,
    `CREATE FUNCTION scim_key(t text) RETURNS bytea
       LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $key$
     BEGIN
       RETURN sha256(convert_to(t, 'UTF8'));
     END
     $key$`,
  ];
}

export const DROP_SCIM_FOLD = 'DROP FUNCTION IF EXISTS scim_key(text), scim_fold(text)';

/**
 * A SQL string literal of any text in ASCII only (U&'\XXXX' / '\+XXXXXX' escapes), so the DDL survives any client
 * encoding.
 */
export function unicodeLiteral(text: string): string {
  const escaped = [...text]
    .map((character) => {
      const codePoint = character.codePointAt(0)!;
      if (/^[A-Za-z0-9 [\]]$/.test(character)) return character;
      return codePoint > 0xffff
        ? `\\+${codePoint.toString(16).padStart(6, '0')}`
        : `\\${codePoint.toString(16).padStart(4, '0')}`;
    })
    .join('');
  return `U&'${escaped}'`;
}
