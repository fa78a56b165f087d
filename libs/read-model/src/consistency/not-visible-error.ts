import { ScimError } from '@lib/scim';

/** Why a recorded write is not visible to reads yet. */
export type NotVisibleReason =
  | { kind: 'lagging'; timeoutMs: number }
  /**
   * The tenant's read model waits behind an event the projector could not apply (parked); an operator must retry or
   * skip it.
   */
  | { kind: 'parked'; since: string };

/** Seconds a client should wait: lag clears by itself shortly; a parked tenant needs an operator. */
const RETRY_AFTER_SECONDS = { lagging: 2, parked: 30 } as const;

/**
 * The write is durable in the event store, but the read model does not show it yet: 503 with
 * `Retry-After`, and the resource's `Location` when known, so a client checks (GET) instead of
 * sending the write again (a second POST would create a second resource).
 */
export class ReadModelNotCurrentError extends ScimError {
  /** Response headers the gateway's exception filter sets with this error. */
  readonly headers: Record<string, string>;

  constructor(
    site: string,
    readonly position: number,
    readonly reason: NotVisibleReason,
    options: { location?: string; subject?: 'write' | 'members' } = {},
  ) {
    super(site, 503, undefined, detail(position, reason, options.location, options.subject ?? 'write'));
    this.headers = {
      'Retry-After': String(RETRY_AFTER_SECONDS[reason.kind]),
      ...(options.location ? { Location: options.location } : {}),
    };
  }
}

function detail(
  position: number,
  reason: NotVisibleReason,
  location: string | undefined,
  subject: 'write' | 'members',
): string {
  const what =
    subject === 'write'
      ? `The change was recorded (position ${position}) but is not yet visible to reads`
      : `Nothing was changed: the group's current members could not be read up to position ${position}`;
  const why =
    reason.kind === 'parked'
      ? `this tenant's reads wait behind an earlier change the read model could not apply (held since ` +
        `${reason.since}); an operator must retry or skip that change`
      : `the read model is more than ${reason.timeoutMs} ms behind; retry shortly`;
  const check = location ? ` Check ${location} before sending the change again.` : '';
  return `${what}: ${why}.${check}`;
}
