import { evaluateFilter, parseFilter, USER_RESOURCE_SCHEMA } from '../src';
import bjensen from '../src/__fixtures__/bjensen.user.json';

/** Filters real identity providers send, plus the heaviest RFC 7644 §3.4.2.2 example. */
const FILTERS = [
  'userName eq "bjensen@example.com"',
  'externalId eq "701984"',
  'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
  'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"',
  'meta.lastModified gt "2011-05-13T04:42:34Z"',
];

export interface FilterBenchResult {
  readonly filter: string;
  readonly parseOpsPerSecond: number;
  readonly evaluateOpsPerSecond: number;
}

/**
 * Measures parse and in-memory evaluate throughput (plain Node timing, no dependencies) and
 * prints one line per filter. Called by `npm run bench`.
 */
export function runFilterBench(durationMs = 300, log: (line: string) => void = console.log): FilterBenchResult[] {
  const results = FILTERS.map((filter) => {
    const ast = parseFilter(filter);
    return {
      filter,
      parseOpsPerSecond: opsPerSecond(() => parseFilter(filter), durationMs),
      evaluateOpsPerSecond: opsPerSecond(() => evaluateFilter(ast, bjensen, USER_RESOURCE_SCHEMA), durationMs),
    };
  });
  log('scim filter benchmark (ops/sec)');
  log(`${'parse'.padStart(12)} ${'evaluate'.padStart(12)}  filter`);
  for (const result of results) {
    log(`${format(result.parseOpsPerSecond)} ${format(result.evaluateOpsPerSecond)}  ${result.filter}`);
  }
  return results;
}

function opsPerSecond(run: () => unknown, durationMs: number): number {
  for (let warmUp = 0; warmUp < 1000; warmUp++) run();
  let operations = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(durationMs) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (let batch = 0; batch < 100; batch++) run();
    operations += 100;
    now = process.hrtime.bigint();
  }
  return Math.round((operations * 1e9) / Number(now - start));
}

function format(value: number): string {
  return value.toLocaleString('en-US').padStart(12);
}
