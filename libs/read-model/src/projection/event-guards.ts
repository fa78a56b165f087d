import type { JsonObject } from '@lib/domain';
import type { ReadModelDraft } from './draft';
import { ProjectionError, type ProjectedEvent } from './projected-event';
import type { GroupRow, UserRow } from './rows';

/** Malformed event data is a projection failure with the field named, never a TypeError later. */
export function requireString(value: unknown, field: string, event: ProjectedEvent): string {
  if (typeof value !== 'string' || value === '')
    throw new ProjectionError('event.malformed', `${event.type}.data.${field} must be a non-empty string`);
  return value;
}

export function requireObject(value: unknown, field: string, event: ProjectedEvent): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProjectionError('event.malformed', `${event.type}.data.${field} must be an object`);
  }
  return value as JsonObject;
}

export function requireStringArray(value: unknown, field: string, event: ProjectedEvent): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item !== '')) {
    throw new ProjectionError('event.malformed', `${event.type}.data.${field} must be an array of ids`);
  }
  return value as string[];
}

type RowKind = 'user' | 'group';
type RowOf<K extends RowKind> = K extends 'user' ? UserRow : GroupRow;

/** The tenant and id of the user or group an event is about (its `userId` or `groupId`). */
export function eventRowKey(event: ProjectedEvent, kind: RowKind): { tenantId: string; id: string } {
  const data = event.data as Record<string, unknown>;
  const tenantId = requireString(data.tenantId, 'tenantId', event);
  return { tenantId, id: requireString(data[`${kind}Id`], `${kind}Id`, event) };
}

function findRow<K extends RowKind>(draft: ReadModelDraft, kind: K, tenantId: string, id: string) {
  return (kind === 'user' ? draft.getUser(tenantId, id) : draft.getGroup(tenantId, id)) as RowOf<K> | undefined;
}

/** A creation event must not find its user or group in the read model already. */
export function assertNew(draft: ReadModelDraft, kind: RowKind, { tenantId, id }: RowKey, code: string): void {
  if (findRow(draft, kind, tenantId, id)) throw new ProjectionError(code, `${kind} ${id} is already in the read model`);
}

/** The row of the user or group an event changes: a projection error when the read model does not have it. */
export function existingRow<K extends RowKind>(draft: ReadModelDraft, event: ProjectedEvent, kind: K): RowOf<K> {
  const { tenantId, id } = eventRowKey(event, kind);
  const current = findRow(draft, kind, tenantId, id);
  if (!current)
    throw new ProjectionError(
      `${kind}.not_found`,
      `${event.type} for ${kind} ${id} of tenant ${tenantId}, which is not in the read model`,
    );
  return current;
}

type RowKey = ReturnType<typeof eventRowKey>;
