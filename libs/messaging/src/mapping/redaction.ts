import type { AuditChange } from '../contracts/integration-messages';

/**
 * Attributes whose values never leave the service: SCIM `password` (returned "never" in
 * RFC 7643 §4.1.1, yet Okta sends it on every create) and API key material.
 */
const SECRET_NAME = /^(password|keyHash|secret|token|apiKey)$/i;

const lastSegment = (path: string): string => path.split(/[.:]/).pop() ?? path;

export function isSecretPath(path: string): boolean {
  return SECRET_NAME.test(lastSegment(path));
}

/** The value with every secret-named property removed, at any depth (the value itself when it has none: no copy). */
export function withoutSecrets(value: unknown): unknown {
  return holdsSecret(value) ? stripSecrets(value) : value;
}

function holdsSecret(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsSecret);
  if (value && typeof value === 'object') {
    for (const [key, member] of Object.entries(value as Record<string, unknown>))
      if (SECRET_NAME.test(key) || holdsSecret(member)) return true;
  }
  return false;
}

function stripSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !SECRET_NAME.test(k))
        .map(([k, v]) => [k, stripSecrets(v)]),
    );
  }
  return value;
}

/** Drops the changes of secret paths (naming them in `redactedPaths`) and scrubs the rest. */
export function redactChanges(changes: AuditChange[]): { changes: AuditChange[]; redactedPaths: string[] } {
  const redactedPaths = changes.filter((c) => isSecretPath(c.path)).map((c) => c.path);
  const kept = changes
    .filter((c) => !isSecretPath(c.path))
    // A change without values (a person's attribute: paths only) stays without them.
    .map((c) =>
      'before' in c || 'after' in c
        ? { path: c.path, before: withoutSecrets(c.before ?? null), after: withoutSecrets(c.after ?? null) }
        : { path: c.path },
    );
  return { changes: kept, redactedPaths };
}

/** A created resource as changes from nothing: one per top-level attribute. */
export function creationChanges(resource: Record<string, unknown>): AuditChange[] {
  return Object.keys(resource)
    .sort()
    .map((path) => ({ path, before: null, after: resource[path] }));
}
