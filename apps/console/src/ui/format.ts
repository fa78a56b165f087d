/** Time and number formatting of the console: plain functions, unit-tested in any time zone. */

export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** A `datetime-local` value (the user's local time) as an ISO instant with a zone, which the audit API requires. */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * The browser's time zone by name (e.g. "Europe/Berlin"): date-time pickers are read in it, with
 * the offset of the picked date (summer time included), which a fixed "UTC+01:00" would misstate.
 */
export function zoneLabel(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
}

/** "1 user", "2 users". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
