import { BulkRequestDto, InvalidSyntaxError, PayloadTooLargeError, validateEnvelope } from '@lib/scim';

export type BulkMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface BulkOperation {
  index: number;
  method: BulkMethod;
  bulkId?: string;
  version?: string;
  path: string;
  data?: unknown;
}

export interface BulkRequest {
  failOnErrors?: number;
  operations: BulkOperation[];
}

/**
 * RFC 7644 §3.7: the advertised limit on operations first (413, before reading them), then the
 * envelope through the protocol library's BulkRequest DTO, then what the DTO cannot say: a POST
 * needs a bulkId, bulkIds are unique, paths name a resource type.
 */
export function parseBulkRequest(body: unknown, maxOperations: number): BulkRequest {
  const operationCount = Array.isArray((body as { Operations?: unknown } | null)?.Operations)
    ? (body as { Operations: unknown[] }).Operations.length
    : 0;
  if (operationCount > maxOperations) {
    throw new PayloadTooLargeError(
      'SCIM-arfb',
      `The BulkRequest has ${operationCount} operations; the maximum is ${maxOperations}.`,
    );
  }
  const listed = (body as { Operations?: unknown } | null)?.Operations;
  if (Array.isArray(listed)) {
    listed.forEach((op, index) => {
      if (op === null || typeof op !== 'object' || Array.isArray(op))
        throw new InvalidSyntaxError('SCIM-FAEh', `Operations[${index}] must be an object.`);
    });
  }
  const request = validateEnvelope(BulkRequestDto, body);
  const seen = new Set<string>();
  return {
    failOnErrors: request.failOnErrors,
    operations: request.Operations.map((op, index) => {
      const method = op.method.toUpperCase() as BulkMethod;
      if (!op.path.startsWith('/'))
        throw new InvalidSyntaxError('SCIM-VXTs', `Operation ${index}: "path" must be like "/Users" or "/Users/{id}".`);
      if (method === 'POST' && !op.bulkId)
        throw new InvalidSyntaxError('SCIM-iGuE', `Operation ${index}: a POST needs a bulkId.`);
      if (op.bulkId) {
        if (seen.has(op.bulkId))
          throw new InvalidSyntaxError('SCIM-BuZk', `Operation ${index}: bulkId "${op.bulkId}" is used twice.`);
        seen.add(op.bulkId);
      }
      return { index, method, bulkId: op.bulkId, version: op.version, path: op.path, data: op.data };
    }),
  };
}

const BULK_REFERENCE = /^bulkId:(.+)$/;

/** The bulkIds an operation's data refers to ("bulkId:qwerty" anywhere in it, or in its path). */
export function referencedBulkIds(operation: BulkOperation): string[] {
  const found = new Set<string>();
  const visit = (value: unknown) => {
    if (typeof value === 'string') {
      const match = BULK_REFERENCE.exec(value);
      if (match) found.add(match[1]);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(operation.data);
  for (const segment of operation.path.split('/')) visit(segment);
  return [...found];
}

/** Replaces "bulkId:x" by the id the POST with bulkId x created. */
export function resolveBulkReferences<T>(value: T, ids: Map<string, string>): T {
  if (typeof value === 'string') {
    const match = BULK_REFERENCE.exec(value);
    return (match && ids.has(match[1]) ? ids.get(match[1]) : value) as T;
  }
  if (Array.isArray(value)) return value.map((item) => resolveBulkReferences(item, ids)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, resolveBulkReferences(inner, ids)]),
    ) as T;
  }
  return value;
}

/** An operation with its bulkId references resolved, in its data and in its path (`/Users/bulkId:x`). */
export function resolveBulkOperation(operation: BulkOperation, ids: Map<string, string>): BulkOperation {
  const path = operation.path
    .split('/')
    .map((segment) => resolveBulkReferences(segment, ids))
    .join('/');
  return { ...operation, path, data: resolveBulkReferences(operation.data, ids) };
}

/**
 * An order in which every operation comes after the POSTs whose bulkIds it uses (RFC 7644
 * §3.7.1 lets clients reference later operations). Operations caught in a cycle, or referring to
 * a bulkId no POST declares, are returned apart to be answered with an error.
 */
export function orderByBulkReferences(operations: BulkOperation[]): {
  ordered: BulkOperation[];
  circular: BulkOperation[];
  unknown: BulkOperation[];
} {
  const byBulkId = new Map(operations.filter((op) => op.method === 'POST' && op.bulkId).map((op) => [op.bulkId!, op]));
  const ordered: BulkOperation[] = [];
  const circular = new Set<BulkOperation>();
  const unknown: BulkOperation[] = [];
  const state = new Map<BulkOperation, 'visiting' | 'done'>();

  const visit = (op: BulkOperation, trail: BulkOperation[]): boolean => {
    if (state.get(op) === 'done') return !circular.has(op);
    if (state.get(op) === 'visiting') {
      for (const member of trail.slice(trail.indexOf(op))) circular.add(member);
      return false;
    }
    state.set(op, 'visiting');
    let ok = true;
    for (const id of referencedBulkIds(op)) {
      const target = byBulkId.get(id);
      if (!target || target === op) {
        if (target === op) circular.add(op);
        ok = false;
        continue;
      }
      if (!visit(target, [...trail, op])) ok = false;
    }
    state.set(op, 'done');
    if (ok) ordered.push(op);
    else if (!circular.has(op)) unknown.push(op);
    return ok;
  };
  for (const op of operations) visit(op, []);
  return { ordered, circular: [...circular], unknown };
}
