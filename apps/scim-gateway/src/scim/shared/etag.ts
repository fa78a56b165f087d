import { PreconditionFailedError } from '@lib/scim';

/** meta.version is already a weak ETag (W/"3"); make sure of the form whatever the read model stored. */
export function weakEtag(version: string): string {
  return version.startsWith('W/') ? version : `W/"${version.replace(/^"|"$/g, '')}"`;
}

/** The opaque part of an ETag, for comparing weak and strong forms alike (RFC 7232 weak comparison). */
function opaque(tag: string): string {
  return tag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
}

/** If-None-Match on a GET: true when the client's copy is current (answer 304). */
export function matchesAny(header: string | undefined, version: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => opaque(tag) === opaque(version));
}

/** If-Match on a write: refuse unless it names the current version (412). */
export function checkIfMatch(header: string | undefined, version: string): void {
  if (!header || header.trim() === '*') return;
  if (!header.split(',').some((tag) => opaque(tag) === opaque(version))) throw new PreconditionFailedError('SCIM-GV5e');
}

/**
 * The write model's expected revision under If-Match. The header was just checked against the
 * version read (`checkIfMatch`), so the write must apply to that same stream revision: the
 * append re-checks it atomically. A group's ETag is a log position, not its stream revision, so
 * the header itself is never passed on. Without If-Match (or with `*`), no precondition.
 */
export function ifMatchRevision(header: string | undefined, readRevision: number): string | undefined {
  if (!header || header.trim() === '*') return undefined;
  return String(readRevision);
}

/**
 * A group's If-Match as the write model takes it: the log position the ETag names (the header was
 * just checked against the version read), so the append can refuse anything about the group
 * newer than it. Without If-Match (or with `*`), no precondition.
 */
export function ifMatchPosition(header: string | undefined, readVersion: string): number | undefined {
  if (!header || header.trim() === '*') return undefined;
  const position = Number(opaque(readVersion));
  return Number.isSafeInteger(position) ? position : undefined;
}
