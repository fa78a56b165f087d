import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Row } from './row';

/**
 * A figure for the table; '-' where there is none (a value that crossed the load process's IPC as NaN arrives as null).
 */
export const num = (value: number | null | undefined, digits = 1): string => {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '-';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(digits);
};

/** The table as Markdown (it reads fine in a terminal and pastes into docs/performance.md). */
export function renderTable(rows: Row[]): string {
  const header = [
    'scenario',
    'subject',
    'conc.',
    'throughput',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'n',
    'err',
    'ratio',
    'ratio of',
  ];
  const lines = rows.map((r) => [
    r.scenario,
    r.subject,
    r.concurrency === undefined ? '' : String(r.concurrency),
    typeof r.throughput !== 'number' || !Number.isFinite(r.throughput) ? '-' : `${num(r.throughput)} ${r.unit}`,
    num(r.p50, 2),
    num(r.p95, 2),
    num(r.p99, 2),
    r.count === undefined ? '' : String(r.count),
    r.errors === undefined ? '' : String(r.errors),
    typeof r.ratio !== 'number' || !Number.isFinite(r.ratio) ? '' : `${r.ratio.toFixed(r.ratio < 0.1 ? 3 : 2)}×`,
    r.ratioOf ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) =>
    `| ${cells.map((c, i) => (i >= 2 && i <= 9 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i >= 2 && i <= 9 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [format(header), rule, ...lines.map(format)].join('\n');
}

export function writeJson(dir: string, document: unknown, name = new Date().toISOString()): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  return file;
}
