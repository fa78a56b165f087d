import { InvalidSyntaxError, InvalidValueError } from '../errors/scim-errors';

/**
 * Text the service cannot store or query: PostgreSQL refuses U+0000 in text and jsonb, and a
 * lone UTF-16 surrogate has no UTF-8 encoding. Either would fail deep inside an insert or a
 * query (a 500, or a provisioning-log row that can never be written), so they are refused
 * where the request enters, as 400 invalidValue.
 */
export type UnstorableReason = 'NUL character' | 'lone surrogate';

// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_GLOBAL = new RegExp(UNSTORABLE.source, 'g');

export function unstorableReason(text: string): UnstorableReason | undefined {
  const match = UNSTORABLE.exec(text);
  if (!match) return undefined;
  return match[0] === '\u0000' ? 'NUL character' : 'lone surrogate';
}

/** `text` with each NUL and lone surrogate replaced by U+FFFD: for what is recorded, never for what a client sent. */
export function toStorableText(text: string): string {
  return unstorableReason(text) ? text.replace(UNSTORABLE_GLOBAL, '\ufffd') : text;
}

/** Throws 400 invalidValue naming `where` when `text` cannot be stored. */
export function assertStorableText(text: string, where: string): void {
  const reason = unstorableReason(text);
  if (reason) throw new InvalidValueError('SCIM-xmwy', `${where} contains a ${reason}, which cannot be stored.`);
}

/** Deepest nesting of arrays and objects accepted in a request body (a SCIM body needs about 8). */
export const MAX_JSON_DEPTH = 32;

/**
 * Checks parsed input (a JSON body, a parsed query string) before anything walks it
 * recursively: nesting depth at most `maxDepth` (400 invalidSyntax), and every string, keys
 * included, storable (400 invalidValue naming where). Iterative, so a 100,000-deep body costs a
 * loop, not the stack. `subject` names the input in messages ("The request body").
 */
export function inspectInput(input: unknown, subject: string, maxDepth = MAX_JSON_DEPTH): void {
  const stack: Frame[] = [{ value: input, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value, depth } = frame;
    if (typeof value === 'string') {
      const reason = unstorableReason(value);
      if (reason)
        throw new InvalidValueError(
          'SCIM-PJcD',
          `${describeValue(subject, frame)} contains a ${reason}, which cannot be stored.`,
        );
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth)
      throw new InvalidSyntaxError('SCIM-FtSJ', `${subject} nests deeper than ${maxDepth} levels.`);
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--)
        stack.push({ value: value[index], depth: depth + 1, parent: frame, key: index });
      continue;
    }
    for (const key of Object.keys(value)) {
      const reason = unstorableReason(key);
      if (reason)
        throw new InvalidValueError(
          'SCIM-4TfE',
          `${subject}: the name ${pathOf({ value: key, depth, parent: frame, key })} ` +
            `contains a ${reason}, which cannot be stored.`,
        );
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, parent: frame, key });
    }
  }
}

interface Frame {
  value: unknown;
  depth: number;
  parent?: Frame;
  key?: string | number;
}

function describeValue(subject: string, frame: Frame): string {
  const path = pathOf(frame);
  return path ? `${subject}: the value of ${path}` : subject;
}

/** `emails[0].value`, built only when something is wrong; long or unprintable keys are shortened. */
function pathOf(frame: Frame): string {
  const parts: string[] = [];
  for (let current: Frame | undefined = frame; current?.parent; current = current.parent) {
    parts.push(typeof current.key === 'number' ? `[${current.key}]` : `.${printable(String(current.key))}`);
  }
  return parts.reverse().join('').replace(/^\./, '');
}

function printable(key: string): string {
  const shown = toStorableText(key);
  return shown.length > 64 ? `${shown.slice(0, 64)}…` : shown;
}
