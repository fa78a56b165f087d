import { createReadStream, statSync, type Stats } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { HttpReply } from './http-types';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export interface StaticFileOptions {
  /** Cache-Control max-age in seconds; 0 with `noCache` for pages that must be revalidated. */
  maxAgeSeconds?: number;
  immutable?: boolean;
  noCache?: boolean;
}

/**
 * Sends one file of a directory (a built bundle), or answers false when it is not a regular
 * file there: the caller decides what a missing file is. Only names the caller vetted reach
 * here; resolving under `root` still refuses a path that would leave it.
 */
export function sendStaticFile(
  reply: HttpReply,
  root: string,
  relative: string,
  options: StaticFileOptions = {},
): boolean {
  const base = resolve(root);
  const path = resolve(join(base, relative));
  if (!path.startsWith(base + sep) || relative.split('/').some((part) => part.startsWith('.'))) return false;
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    return false;
  }
  if (!stats.isFile()) return false;
  const cacheControl = options.noCache
    ? 'no-cache'
    : `public, max-age=${options.maxAgeSeconds ?? 0}${options.immutable ? ', immutable' : ''}`;
  void reply
    .header('Content-Type', CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream')
    .header('Content-Length', String(stats.size))
    .header('Last-Modified', stats.mtime.toUTCString())
    .header('Cache-Control', cacheControl)
    .send(createReadStream(path));
  return true;
}
