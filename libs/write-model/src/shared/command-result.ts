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
