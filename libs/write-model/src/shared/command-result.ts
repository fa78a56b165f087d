import type { AppendResult } from '@lib/event-store';

/**
 * What every write command answers, so the gateway can wait for the projector (read-your-writes)
 * and set meta.version.
 */
export interface WriteResult {
  /** The resource id (user, group or tenant id). */
  id: string;
  /** The aggregate stream's revision after the command (-1: the stream does not exist). */
  revision: number;
  /**
   * meta.version without W/"..." (see `userVersion` / `groupVersion` in @lib/domain), or null when
   * nothing was written and it cannot be known here (a group no-op: the position part lives in
   * the read model, which the gateway renders the response from anyway).
   */
  version: string | null;
  /**
   * Wait for the projector's checkpoint to reach this before answering. For a no-op, the
   * position of the aggregate's newest event (nothing new to wait for).
   */
  lastGlobalPosition: number;
  /** false when the command changed nothing (e.g. a PUT of the same resource): no event was written. */
  changed: boolean;
}

/** The answer to a command that appended: the aggregate stream's revision after it, and its version. */
export function written(
  id: string,
  streamId: string,
  appended: AppendResult,
  versionOf: (revision: number, lastGlobalPosition: number) => string,
): WriteResult {
  const revision = appended.streams.find((stream) => stream.streamId === streamId)!.nextExpectedRevision;
  const { lastGlobalPosition } = appended;
  return { id, revision, version: versionOf(revision, lastGlobalPosition), lastGlobalPosition, changed: true };
}

/** The answer to a command that changed nothing: the aggregate as read. */
export function unchanged(
  id: string,
  read: { revision: number; lastGlobalPosition: number },
  version: string | null,
): WriteResult {
  return { id, revision: read.revision, version, lastGlobalPosition: read.lastGlobalPosition, changed: false };
}
