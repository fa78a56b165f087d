import { localInputToIso, plural } from './format';

describe('console formatting', () => {
  it(
    'reads a date-time picker value as local time of the zone it runs in (the browser test runs in ' + 'Europe/Berlin)',
    () => {
      expect(localInputToIso('2025-01-14T18:00:00')).toBe(new Date(2025, 0, 14, 18, 0, 0).toISOString());
      expect(localInputToIso('2025-07-14T18:00')).toBe(new Date(2025, 6, 14, 18, 0, 0).toISOString());
      expect(localInputToIso('2025-07-14T18:00:05')).toMatch(/^2025-07-1\dT\d\d:00:05\.000Z$/);
    },
  );

  it('leaves an empty picker empty ("now") and refuses what is not a date', () => {
    expect(localInputToIso('')).toBeUndefined();
    expect(localInputToIso('yesterday')).toBeUndefined();
  });

  it('counts in words', () => {
    expect(plural(1, 'user')).toBe('1 user');
    expect(plural(0, 'user')).toBe('0 users');
    expect(plural(2, 'parked event')).toBe('2 parked events');
  });
});
