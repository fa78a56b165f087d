import { InvalidPathError, InvalidSyntaxError, InvalidValueError } from '../errors';
import { getCaseInsensitive, isPlainObject } from '../schemas/resource-values';
import { RESOURCE_LIMITS } from '../schemas/limits';
import { PATCH_OP_URN } from '../messages/urns';

export type PatchOperationName = 'add' | 'remove' | 'replace';

/** One element of `Operations` as clients send it (RFC 7644 §3.5.2); `op` in any case. */
export interface PatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}

/** A PATCH path is an attribute path, perhaps with a value filter: the same bound as a filter. */
export const MAX_PATH_LENGTH = 4096;

export interface NormalisedPatchOperation {
  readonly op: PatchOperationName;
  readonly path?: string;
  readonly value?: unknown;
}

/**
 * Checks the shape of one operation and lower-cases its name: Entra sends "Add", "Replace",
 * "Remove" (RFC 7644 §3.5.2 spells them lower-case, but names are compared case-insensitively here).
 */
export function normalisePatchOperation(operation: unknown, index: number): NormalisedPatchOperation {
  if (!isPlainObject(operation)) throw new InvalidSyntaxError('SCIM-Ws8v', `Operations[${index}] must be an object`);
  const op = getCaseInsensitive(operation, 'op');
  const name = typeof op === 'string' ? op.trim().toLowerCase() : undefined;
  if (name !== 'add' && name !== 'remove' && name !== 'replace') {
    throw new InvalidSyntaxError(
      'SCIM-7WDF',
      `Operations[${index}].op must be add, remove or replace; got ${JSON.stringify(op)}`,
    );
  }
  const path = getCaseInsensitive(operation, 'path');
  if (path !== undefined && path !== null && typeof path !== 'string')
    throw new InvalidPathError('SCIM-mWWL', `Operations[${index}].path must be a string`);
  if (typeof path === 'string' && path.length > MAX_PATH_LENGTH)
    throw new InvalidPathError('SCIM-eWSB', `Operations[${index}].path is longer than ${MAX_PATH_LENGTH} characters`);
  const value = getCaseInsensitive(operation, 'value');
  return {
    op: name,
    ...(typeof path === 'string' && path.trim() !== '' ? { path: path.trim() } : {}),
    ...(value !== undefined ? { value } : {}),
  };
}

/**
 * Extracts the operations of a PatchOp request body (RFC 7644 §3.5.2), checking its `schemas`.
 * Throws 400 invalidSyntax for a body that is not a PatchOp.
 */
export function operationsOfPatchRequest(body: unknown): PatchOperation[] {
  if (!isPlainObject(body)) throw new InvalidSyntaxError('SCIM-Jb9N', 'The PATCH body must be a JSON object');
  const schemas = getCaseInsensitive(body, 'schemas');
  if (
    !Array.isArray(schemas) ||
    !schemas.some((urn) => typeof urn === 'string' && urn.toLowerCase() === PATCH_OP_URN.toLowerCase())
  ) {
    throw new InvalidSyntaxError('SCIM-RTVE', `The PATCH body must declare schemas ["${PATCH_OP_URN}"]`);
  }
  const operations = getCaseInsensitive(body, 'Operations');
  if (!Array.isArray(operations))
    throw new InvalidSyntaxError('SCIM-PsKU', 'The PATCH body must have an "Operations" array');
  if (operations.length > RESOURCE_LIMITS.patchOperations) {
    throw new InvalidValueError(
      'SCIM-Nt3E',
      `The PATCH has ${operations.length} operations; at most ${RESOURCE_LIMITS.patchOperations} are accepted.`,
    );
  }
  // Every operation's shape (an object, a known op, a string path) is checked before anything reads it.
  operations.forEach((operation, index) => normalisePatchOperation(operation, index));
  return operations as PatchOperation[];
}
