import { renderTable } from './table';
import type { Row } from './row';

describe('renderTable', () => {
  it('renders a row whose figures are missing (null after IPC, NaN, undefined) with dashes instead of failing', () => {
    const rows = [
      {
        scenario: 'catch-up',
        subject: 'all followers at the head',
        throughput: null,
        p50: null,
        p95: Number.NaN,
        p99: undefined,
        ratio: null,
        unit: 's',
      },
      {
        scenario: '1 create user',
        subject: 'SCIM POST /Users',
        concurrency: 16,
        throughput: 161.7,
        p50: 96.58,
        p95: 137.74,
        p99: 167.35,
        count: 1625,
        errors: 0,
        ratio: 0.0359,
        ratioOf: 'throughput ÷ INSERT commits/s',
        unit: 'users/s',
      },
    ] as unknown as Row[];
    const lines = renderTable(rows).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/\| catch-up +\| all followers at the head +\| +\| +- \| +- \| +- \| +- \|/);
    expect(lines[3]).toContain('161.7 users/s');
    expect(lines[3]).toContain('0.036×');
  });
});
