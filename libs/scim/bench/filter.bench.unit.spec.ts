import { runFilterBench } from './filter.bench';

describe('runFilterBench', () => {
  it('prints parse and evaluate ops/sec for each filter', () => {
    const lines: string[] = [];
    const results = runFilterBench(5, (line) => lines.push(line));
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) {
      expect(result.parseOpsPerSecond).toBeGreaterThan(0);
      expect(result.evaluateOpsPerSecond).toBeGreaterThan(0);
    }
    expect(lines[0]).toContain('ops/sec');
    expect(lines).toHaveLength(results.length + 2);
  });
});
