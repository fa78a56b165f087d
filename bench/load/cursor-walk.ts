import { httpRequest, isOk } from './http-client';
import type { CursorWalkStats, Job } from './protocol';
import { summarize } from './stats';

type CursorWalk = Extract<Job, { kind: 'cursor-walk' }>;

interface Page {
  totalResults: number;
  itemsPerPage: number;
  nextCursor?: string;
  Resources?: unknown[];
}

/**
 * Pages through every user with RFC 9865 cursors, one request at a time (an IdP's or an
 * exporter's full read), then times the first, middle and last full pages again, interleaved, so that
 * "constant time per page" is judged on repeated measurements rather than on one sample each.
 */
export async function runCursorWalk(job: CursorWalk): Promise<CursorWalkStats> {
  const fetchPage = async (cursor: string): Promise<{ page: Page; ms: number }> => {
    const t0 = performance.now();
    const url = `${job.base}/Users?count=${job.pageSize}&cursor=${encodeURIComponent(cursor)}`;
    const { status, text } = await httpRequest(url, {
      headers: { authorization: `Bearer ${job.apiKey}`, accept: 'application/scim+json' },
      timeoutMs: 60_000,
    });
    if (!isOk(status)) throw new Error(`cursor page: ${status} ${text.slice(0, 200)}`);
    const page = JSON.parse(text) as Page;
    return { page, ms: performance.now() - t0 };
  };

  const deadline = Date.now() + job.timeoutMs;
  const cursors: string[] = [];
  const sizes: number[] = [];
  const latencies: number[] = [];
  let resources = 0;
  let totalResults = 0;
  const started = performance.now();
  for (let cursor: string | undefined = ''; cursor !== undefined; ) {
    if (Date.now() > deadline)
      throw new Error(`cursor walk exceeded ${job.timeoutMs / 1000} s after ${cursors.length} pages`);
    cursors.push(cursor);
    const { page, ms } = await fetchPage(cursor);
    latencies.push(ms);
    resources += page.Resources?.length ?? 0;
    sizes.push(page.Resources?.length ?? 0);
    totalResults = page.totalResults;
    cursor = page.nextCursor;
  }
  const seconds = (performance.now() - started) / 1000;
  if (resources !== totalResults)
    throw new Error(`cursor walk read ${resources} resources, totalResults says ${totalResults}`);

  // The last FULL page: a final page of a few leftovers would be cheaper for its size alone.
  const lastFull = sizes.lastIndexOf(job.pageSize);
  const probes = {
    first: cursors[0]!,
    middle: cursors[Math.floor(cursors.length / 2)]!,
    last: cursors[lastFull >= 0 ? lastFull : cursors.length - 1]!,
  };
  const times: Record<keyof typeof probes, number[]> = { first: [], middle: [], last: [] };
  for (let i = 0; i < job.repeats; i++) {
    for (const name of ['first', 'middle', 'last'] as const) times[name].push((await fetchPage(probes[name])).ms);
  }
  const stats = (ms: number[]) => summarize(ms, 0, [], ms.reduce((a, b) => a + b, 0) / 1000);
  return {
    ...summarize(latencies, 0, [], seconds),
    pages: cursors.length,
    resources,
    totalResults,
    first: stats(times.first),
    middle: stats(times.middle),
    last: stats(times.last),
  };
}
