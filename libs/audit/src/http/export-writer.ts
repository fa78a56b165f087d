import type { ServerResponse } from 'node:http';
import { csvRow } from '../csv/csv';
import type { ExportFormat } from './audit-params';

export interface ExportShape<T> {
  /** File name without extension, for Content-Disposition. */
  name: string;
  csvHeader: string[];
  /** One item can be several CSV lines (a user with several roles, a change list). */
  csvRows(item: T): unknown[][];
  /** Top-level members of the JSON document; items go in its `Resources` array. */
  jsonHead: Record<string, unknown>;
}

/**
 * Streams an answer chunk by chunk as CSV or JSON. Memory holds one chunk at a time: each chunk
 * is serialised and written, and the next is read only when the socket has drained (backpressure),
 * so a slow client slows the database reads instead of filling the heap. A client that hangs up
 * stops the reads.
 */
export async function writeExport<T>(
  response: ServerResponse,
  format: ExportFormat,
  chunks: AsyncIterable<T[]>,
  shape: ExportShape<T>,
): Promise<void> {
  response.statusCode = 200;
  response.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${shape.name}.${format}"`);
  response.setHeader('Cache-Control', 'no-store');
  let first = true;
  const write = async (text: string): Promise<boolean> => {
    if (response.destroyed) return false;
    if (!response.write(text)) await drained(response);
    return !response.destroyed;
  };

  if (format === 'csv') await write(csvRow(shape.csvHeader));
  else
    await write(
      `${JSON.stringify(shape.jsonHead).slice(0, -1)}${Object.keys(shape.jsonHead).length ? ',' : ''}"Resources":[`,
    );

  for await (const chunk of chunks) {
    let text = '';
    for (const item of chunk) {
      if (format === 'csv') text += shape.csvRows(item).map(csvRow).join('');
      else {
        text += `${first ? '\n' : ',\n'}${JSON.stringify(item)}`;
        first = false;
      }
    }
    if (!(await write(text))) return; // client went away: stop reading (the generator's finally runs)
  }
  if (format === 'json') await write('\n]}\n');
  response.end();
}

/** A paged answer: the whole JSON document at once (what Express's `res.json` did). */
export function writeJson(response: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  response.statusCode = 200;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Content-Length', Buffer.byteLength(text));
  response.end(text);
}

/** Resolves on 'drain' or 'close' (a client gone never drains), leaving no listener behind. */
function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}
