import type { AccessFilter, TimeWindow } from '../model/answers';
import { badRequest } from './audit-http-error';

/**
 * Query parameters of the audit API, parsed strictly: an auditor who mistypes an instant must get
 * a 400, not a silently different answer.
 *
 * Instants are ISO 8601: a date (`2025-03-14`, read as 00:00:00Z that day) or a date-time WITH a
 * zone (`2025-03-14T17:00:00Z`, `...+01:00`). A date-time without a zone is refused: it would
 * mean the server's local time.
 */
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

export type ExportFormat = 'json' | 'csv';

export function parseInstant(name: string, value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  const text = String(value);
  const parsed = INSTANT.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(parsed)) {
    throw badRequest(
      'invalid_instant',
      `"${name}" must be an ISO 8601 date or date-time with a zone (e.g. 2025-03-14T17:00:00Z); got ` +
        `"${text.slice(0, 64)}".`,
    );
  }
  return new Date(parsed).toISOString();
}

export function parseWindow(from: unknown, to: unknown): TimeWindow {
  const window: TimeWindow = { from: parseInstant('from', from), to: parseInstant('to', to) };
  if (window.from && window.to && Date.parse(window.from) > Date.parse(window.to)) {
    throw badRequest('invalid_window', `"from" (${window.from}) is after "to" (${window.to}).`);
  }
  return window;
}

export function parseFormat(value: unknown): ExportFormat | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'json' || value === 'csv') return value;
  throw badRequest('invalid_format', `"format" must be "json" or "csv"; got "${String(value).slice(0, 32)}".`);
}

export function parsePaging(
  startIndex: unknown,
  count: unknown,
  maxCount: number,
): { startIndex: number; count: number } {
  const integer = (name: string, value: unknown, fallback: number): number => {
    if (value === undefined || value === '') return fallback;
    if (!/^-?\d{1,9}$/.test(String(value)))
      throw badRequest('invalid_paging', `"${name}" must be an integer; got "${String(value).slice(0, 32)}".`);
    return Number(value);
  };
  // SCIM's paging rules (RFC 7644 §3.4.2.4): startIndex below 1 means 1, a negative count means 0.
  return {
    startIndex: Math.max(1, integer('startIndex', startIndex, 1)),
    count: Math.min(maxCount, Math.max(0, integer('count', count, 100))),
  };
}

export function parseAccessFilter(role: unknown, user: unknown): AccessFilter {
  const filter: AccessFilter = {};
  if (typeof role === 'string' && role !== '') filter.role = role;
  if (typeof user === 'string' && user !== '') filter.user = user;
  if ((role !== undefined && typeof role !== 'string') || (user !== undefined && typeof user !== 'string')) {
    throw badRequest('invalid_filter', '"role" and "user" take one id each.');
  }
  return filter;
}
