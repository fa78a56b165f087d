import { createHash } from 'node:crypto';
import { ScimError } from '@lib/scim';

/**
 * RFC 9865 cursors: opaque to clients (base64url JSON), they hold the last row's sort value and
 * id plus a digest of the query (tenant, filter, sort) so a cursor cannot be replayed against a
 * different query. Keyset paging on (sort key, id): stable under concurrent inserts.
 */
export interface CursorState {
  /** Sort key of the boundary row, as text (NULL = unassigned). */
  k: string | null;
  id: string;
  /** `n`: rows after the boundary; `p`: rows before it (previousCursor). */
  d: 'n' | 'p';
  q: string;
}

/** RFC 9865 §3: a cursor the server does not recognise is a 400 with scimType invalidCursor. */
export class InvalidCursorError extends ScimError {
  constructor(site: string, detail: string) {
    super(site, 400, 'invalidCursor' as never, detail);
    this.name = 'InvalidCursorError';
  }
}

export function queryDigest(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, digest: string): CursorState {
  let state: unknown;
  try {
    state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('SCIM-MgXQ', 'The cursor is not one this server issued');
  }
  const s = state as Partial<CursorState>;
  if (
    typeof s !== 'object' ||
    s === null ||
    typeof s.id !== 'string' ||
    (s.d !== 'n' && s.d !== 'p') ||
    (s.k !== null && typeof s.k !== 'string')
  ) {
    throw new InvalidCursorError('SCIM-Jf9c', 'The cursor is not one this server issued');
  }
  if (s.q !== digest)
    throw new InvalidCursorError(
      'SCIM-PDcX',
      'The cursor belongs to a different query (filter, sortBy or sortOrder changed)',
    );
  return s as CursorState;
}
