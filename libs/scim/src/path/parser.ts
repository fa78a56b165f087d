import { InvalidPathError, isScimError } from '../errors';
import { Filter } from '../filter/ast';
import { attributePathToString, splitAttributePath } from '../filter/attribute-path-text';
import { parseFilter } from '../filter/parser';
import { printFilter } from '../filter/printer';
import { closingBracket } from '../text/outside-quotes';
import { PatchPath } from './ast';

/**
 * Parses a PATCH path (RFC 7644 §3.5.2 `PATH`). Throws 400 invalidPath, including when the
 * value filter is malformed, because it is the path that the client got wrong.
 */
export function parsePatchPath(text: string): PatchPath {
  if (typeof text !== 'string' || text.trim() === '') throw new InvalidPathError('SCIM-6A2N', 'The path is empty');
  const trimmed = text.trim();
  const open = trimmed.indexOf('[');
  if (open < 0) return toPath(trimmed, trimmed);

  const close = findClosingBracket(trimmed, open);
  const head = toPath(trimmed.slice(0, open), trimmed);
  if (head.subAttribute !== undefined)
    throw new InvalidPathError('SCIM-wgGi', `Path "${trimmed}": a value filter must follow a top-level attribute`);
  const valueFilter = parseValueFilter(trimmed.slice(open + 1, close), trimmed);
  const tail = trimmed.slice(close + 1);
  if (tail === '') return { ...head, valueFilter };
  if (!/^\.(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/.test(tail))
    throw new InvalidPathError('SCIM-88LL', `Path "${trimmed}": unexpected "${tail}" after the value filter`);
  return { ...head, valueFilter, subAttribute: tail.slice(1) };
}

/** Renders a PATCH path as text. */
export function printPatchPath(path: PatchPath): string {
  const head = attributePathToString({
    ...(path.schema !== undefined ? { schema: path.schema } : {}),
    attribute: path.attribute,
  });
  const filter = path.valueFilter ? `[${printFilter(path.valueFilter)}]` : '';
  const sub = path.subAttribute !== undefined ? `.${path.subAttribute}` : '';
  return `${head}${filter}${sub}`;
}

function toPath(text: string, whole: string): PatchPath {
  const result = splitAttributePath(text);
  if (typeof result === 'string') throw new InvalidPathError('SCIM-BjdW', `Path "${whole}": ${result}`);
  return result;
}

/** The "]" closing the value filter, skipping brackets inside JSON strings. */
function findClosingBracket(text: string, open: number): number {
  const close = closingBracket(text, open);
  if (close < 0) throw new InvalidPathError('SCIM-2BQp', `Path "${text}": missing "]"`);
  return close;
}

function parseValueFilter(text: string, whole: string): Filter {
  let filter: Filter;
  try {
    filter = parseFilter(text);
  } catch (error) {
    if (isScimError(error))
      throw new InvalidPathError('SCIM-r4gZ', `Path "${whole}": invalid value filter: ${error.detail}`);
    throw error;
  }
  if (containsValuePath(filter))
    throw new InvalidPathError('SCIM-f8yU', `Path "${whole}": value filters cannot be nested`);
  return filter;
}

function containsValuePath(filter: Filter): boolean {
  switch (filter.kind) {
    case 'valuePath':
      return true;
    case 'and':
    case 'or':
      return containsValuePath(filter.left) || containsValuePath(filter.right);
    case 'not':
      return containsValuePath(filter.filter);
    default:
      return false;
  }
}
