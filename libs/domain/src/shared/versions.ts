/**
 * Resource versions (SCIM meta.version, the ETag without W/"..."), computable both by the write
 * model from an append result and by a projector from the events it applies.
 *
 * - User: the user stream's revision, e.g. "4".
 * - Group: "{group stream revision}.{global position of the newest event about the group}", e.g.
 *   "2.1841". Members live in their own streams, so a membership change leaves the group stream
 *   revision as it is; the position part makes the ETag change with membership too.
 *
 * If-Match compares the stream revision (the part before the dot): that is what the write
 * model can check atomically with the append.
 */
export const userVersion = (revision: number): string => String(revision);

export const groupVersion = (groupRevision: number, lastGlobalPosition: number): string =>
  `${groupRevision}.${lastGlobalPosition}`;

/** The stream revision in a version string, or null when it is not one of ours (an If-Match that cannot match). */
export function revisionOfVersion(version: string): number | null {
  const match = /^(?:W\/)?"?(\d+)(?:\.\d+)?"?$/.exec(version.trim());
  return match ? Number(match[1]) : null;
}
