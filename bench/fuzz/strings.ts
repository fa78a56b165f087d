import type { Random } from './random';

/**
 * Strings that have broken SCIM servers: NUL and lone surrogates (PostgreSQL cannot store them),
 * direction marks and combining characters (case folding, normalisation), long values (indexes),
 * and text that looks like syntax (quotes, filter operators, SQL, paths).
 */
const ODD = [
  'a\u0000b',
  '\u0000',
  'a\ud800b',
  '\udfff',
  'x\ud83d',
  '\u202eevil\u202c',
  'שלום@example.com',
  'مرحبا',
  '\u200f\u200e\u200b',
  'e\u0301\u0301\u0301\u0301',
  'Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359\u035a',
  'É\u0301mile.X',
  '\u212Aate',
  'İstanbul',
  'ß',
  '😀👨‍👩‍👧‍👦',
  '\ufeffbom',
  '\ufffe\uffff',
  '\ue000private',
  '\u0001\u0002\u001f\u007f',
  '\t\n\r',
  ' ',
  '',
  '"',
  '\\',
  '\\u0000',
  '%00',
  '%ud800',
  "'; DROP TABLE users; --",
  '" or "1"="1',
  'userName eq "x"',
  ') or (1 eq 1',
  '../../etc/passwd',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  '{{7*7}}',
  'null',
  'true',
  '-0',
  '1e309',
  'W/"W/"3""',
  '*',
];

export function oddString(random: Random): string {
  if (random.chance(0.25)) return longString(random);
  const parts = random.int(1, 3);
  let text = '';
  for (let i = 0; i < parts; i++) text += random.pick(ODD);
  return text;
}

/** Long values around the limits: just under and over an attribute's maximum, far over, near the payload limit. */
export function longString(random: Random): string {
  const length = random.pick([255, 256, 257, 320, 321, 1024, 1025, 2705, 3000, 10_000, 100_000, 700_000]);
  const unit = random.pick(['a', 'é', '日', '😀', 'a\u0301']);
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** A value of any JSON type, often the wrong one. */
export function anyJson(random: Random, depth = 0): unknown {
  switch (random.int(0, depth > 2 ? 6 : 8)) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return random.pick([0, -1, 1.5, 1e20, -1e308, 2 ** 53 + 1, 2 ** 63]);
    case 3:
      return oddString(random);
    case 4:
      return random.pick(['True', 'False', 'yes', '1', '2020-01-01T00:00:00Z', '-271821-04-20T00:00:00Z']);
    case 5:
      return `x${random.hex(6)}`;
    case 6:
      return [];
    case 7:
      return Array.from({ length: random.int(0, 3) }, () => anyJson(random, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: random.int(0, 3) }, () => [
          random.pick(['value', 'type', 'primary', 'display', '$ref', 'x', '']),
          anyJson(random, depth + 1),
        ]),
      );
  }
}

/** `levels` of nesting built without recursion, with `leaf` at the bottom. */
export function nested(levels: number, kind: 'array' | 'object', leaf: unknown = 1): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < levels; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

/** The same nesting as JSON text, for depths JSON.stringify would choke on. */
export function nestedText(levels: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(levels)}1${']'.repeat(levels)}`
    : `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

/**
 * encodeURIComponent that does not throw on a lone surrogate: it is sent as its three WTF-8
 * bytes (%ED%A0%80), which is what a careless client would put on the wire.
 */
export function encodeAny(text: string): string {
  return text.replace(/[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g, (unit) => {
    const code = unit.charCodeAt(0);
    if (unit.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    }
    return encodeURIComponent(unit);
  });
}
