import type { JsonObject } from '@lib/domain';
import { ProjectionError, type ProjectedEvent } from './projected-event';

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
