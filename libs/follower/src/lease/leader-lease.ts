/**
 * Leadership of one follower name among any number of replicas: exactly one active instance.
 * The session's `epoch` fences the checkpoint commits (lease/fence.ts): once another instance
 * took over, a deposed leader's commits are refused, so it cannot move a checkpoint backwards
 * or apply a batch twice.
 */
export interface LeaseSession {
  /** Bumped on every acquisition; every commit of this leader checks it. */
  readonly epoch: number;
  /** Resolves (with a reason) when leadership is lost: the lock's connection failed or stopped answering. */
  readonly lost: Promise<string>;
  isLost(): boolean;
  /** Gives the lease up (a standby takes over at its next try). */
  release(): Promise<void>;
}

export interface LeaderLease {
  /**
   * One attempt. A session when this instance is now the leader; null when another one is. Throws when the database is
   * unreachable.
   */
  tryAcquire(): Promise<LeaseSession | null>;
  /** Closes whatever the lease keeps between attempts. */
  close(): Promise<void>;
}
