import { holdsAt, overlapsWindow } from './interval';

const t = (minute: number) => new Date(Date.UTC(2025, 2, 14, 9, minute)).toISOString();

describe('intervals are half-open [from, to)', () => {
  it('hold from their start up to, not including, their end', () => {
    const interval = { from: t(10), to: t(20) };
    expect(holdsAt(interval, t(9))).toBe(false);
    expect(holdsAt(interval, t(10))).toBe(true);
    expect(holdsAt(interval, t(19))).toBe(true);
    expect(holdsAt(interval, t(20))).toBe(false);
  });

  it('hold forever while open, and never when empty', () => {
    expect(holdsAt({ from: t(10), to: null }, t(59))).toBe(true);
    expect(holdsAt({ from: t(10), to: t(10) }, t(10))).toBe(false);
  });

  it('overlap a closed window when held at any instant of it', () => {
    const interval = { from: t(10), to: t(20) };
    expect(overlapsWindow(interval, { from: t(0), to: t(9) })).toBe(false);
    expect(overlapsWindow(interval, { from: t(0), to: t(10) })).toBe(true);
    expect(overlapsWindow(interval, { from: t(19), to: t(30) })).toBe(true);
    expect(overlapsWindow(interval, { from: t(20), to: t(30) })).toBe(false);
    expect(overlapsWindow(interval, {})).toBe(true);
    expect(overlapsWindow({ from: t(10), to: t(10) }, {})).toBe(false);
    expect(overlapsWindow({ from: t(10), to: null }, { from: t(50) })).toBe(true);
  });
});
