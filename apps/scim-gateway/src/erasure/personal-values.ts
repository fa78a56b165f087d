import type { RecordedEvent } from '@lib/event-store';

/** Keys whose values are vocabulary (types, flags, URNs), not the person's. */
const NOT_PERSONAL = new Set(['schemas', 'type', 'primary', '$ref', 'active']);
/** Shorter strings ("work", "Dev") would match unrelated rows of the provisioning log. */
const MIN_LENGTH = 4;

/**
 * Every distinctive value a person's events carried (userNames, externalIds, names, emails,
 * phone numbers, addresses...), read in clear before the key is destroyed: what to look for in
 * the provisioning log, which stores request paths and error details as text.
 */
export function personalValuesOf(events: readonly RecordedEvent[]): string[] {
  const values = new Set<string>();
  const visit = (value: unknown, key?: string): void => {
    if (key !== undefined && NOT_PERSONAL.has(key)) return;
    if (typeof value === 'string') {
      if (value.length >= MIN_LENGTH && !value.startsWith('urn:')) values.add(value);
    } else if (Array.isArray(value)) for (const item of value) visit(item);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k);
  };
  for (const event of events) {
    const data = event.data as {
      userName?: unknown;
      externalId?: unknown;
      resource?: unknown;
      changes?: Array<{ before?: unknown; after?: unknown }>;
    };
    visit(data.userName);
    visit(data.externalId);
    visit(data.resource);
    for (const change of data.changes ?? []) {
      visit(change.before);
      visit(change.after);
    }
  }
  return [...values];
}
