import type { JsonObject } from '../shared/json';

/**
 * A domain event as deciders emit it and evolvers consume it: a past-tense type, the schema
 * version of its data, and plain JSON data. Ids, metadata and positions are added by the write
 * model when it is appended (see EventMetadata).
 */
export interface DomainEvent<TType extends string = string, TData extends object = JsonObject> {
  readonly type: TType;
  /** Schema version of `data`; bumped with an upcaster when the shape changes (see upcasters.ts). */
  readonly version: number;
  readonly data: TData;
}

/** Builds an event of the current version; `version` comes from the catalogue so callers cannot drift. */
export function domainEvent<TType extends string, TData extends object>(
  type: TType,
  version: number,
  data: TData,
): DomainEvent<TType, TData> {
  return { type, version, data };
}
