/**
 * Interval arithmetic shared by the oracle and documented for the SQL: intervals are half-open
 * [from, to) with `to = null` meaning still open, instants are ISO strings compared as times.
 */
export interface Interval {
  from: string;
  to: string | null;
}

const ms = (iso: string): number => Date.parse(iso);

/** Held at instant T: from <= T < to. An empty interval (from = to) is never held. */
export function holdsAt(interval: Interval, at: string): boolean {
  return ms(interval.from) <= ms(at) && (interval.to === null || ms(interval.to) > ms(at));
}

/** Held at some instant of the closed window [from, to]; an empty interval overlaps nothing. */
export function overlapsWindow(interval: Interval, window: { from?: string; to?: string }): boolean {
  if (interval.to !== null && ms(interval.to) <= ms(interval.from)) return false;
  const startsInTime = window.to === undefined || ms(interval.from) <= ms(window.to);
  const endsAfter = window.from === undefined || interval.to === null || ms(interval.to) > ms(window.from);
  return startsInTime && endsAfter;
}
