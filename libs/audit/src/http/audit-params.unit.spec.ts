import { parseAccessFilter, parseFormat, parseInstant, parsePaging, parseWindow } from './audit-params';

describe('audit query parameters', () => {
  it('read dates and zoned date-times as UTC instants', () => {
    expect(parseInstant('at', '2025-03-14')).toBe('2025-03-14T00:00:00.000Z');
    expect(parseInstant('at', '2025-03-14T17:00:00Z')).toBe('2025-03-14T17:00:00.000Z');
    expect(parseInstant('at', '2025-03-14T18:00:00+01:00')).toBe('2025-03-14T17:00:00.000Z');
    expect(parseInstant('at', undefined)).toBeUndefined();
  });

  it.each(['yesterday', '2025-13-40', '2025-03-14T17:00:00', '1710435600', '2025-03-14T17:00Zjunk'])(
    'refuse %j with a 400',
    (value) => {
      expect(() => parseInstant('at', value)).toThrow(
        expect.objectContaining({ status: 400, code: 'invalid_instant' }),
      );
    },
  );

  it('refuse a window that ends before it starts, accept open ends', () => {
    expect(() => parseWindow('2025-04-01', '2025-01-01')).toThrow(
      expect.objectContaining({ status: 400, code: 'invalid_window' }),
    );
    expect(parseWindow('2025-01-01', undefined)).toEqual({ from: '2025-01-01T00:00:00.000Z', to: undefined });
  });

  it('know two formats', () => {
    expect(parseFormat('csv')).toBe('csv');
    expect(parseFormat(undefined)).toBeUndefined();
    expect(() => parseFormat('xlsx')).toThrow(expect.objectContaining({ status: 400, code: 'invalid_format' }));
  });

  it('page like SCIM and bound the count', () => {
    expect(parsePaging(undefined, undefined, 1000)).toEqual({ startIndex: 1, count: 100 });
    expect(parsePaging('0', '5000', 1000)).toEqual({ startIndex: 1, count: 1000 });
    expect(parsePaging('3', '-1', 1000)).toEqual({ startIndex: 3, count: 0 });
    expect(() => parsePaging('x', undefined, 1000)).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('take one role and one user id', () => {
    expect(parseAccessFilter('g1', undefined)).toEqual({ role: 'g1' });
    expect(() => parseAccessFilter(['a', 'b'], undefined)).toThrow(expect.objectContaining({ status: 400 }));
  });
});
