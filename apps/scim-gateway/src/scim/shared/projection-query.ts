import type { Projection } from './resource-renderer';

/** attributes / excludedAttributes from a query string (comma-separated, RFC 7644 §3.4.2.5). */
export function projectionOf(query: Record<string, unknown>): Projection {
  return { attributes: list(query.attributes), excludedAttributes: list(query.excludedAttributes) };
}

function list(value: unknown): string[] {
  if (value === undefined || value === '') return [];
  return (Array.isArray(value) ? value.map(String) : String(value).split(',')).map((item) => item.trim()).filter(Boolean);
}
