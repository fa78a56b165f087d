import type { RecordedEvent } from '@lib/event-store';
import { tenantOf } from '../errors/error-kinds';
import { replayStart, type ParkedEvent } from '../parking/parked-event';
import type { EventSource, FollowerHandler } from './follower-handler';
import type { FollowerLogger } from './follower-runtime';
import type { FollowerStore } from './follower-store';
import type { Lane, Outcome } from './isolate';

/** What a replay needs of the active runtime (it runs in the runtime's loop, between two batches). */
export interface ReplayContext {
  follower: string;
  handler: FollowerHandler;
  store: FollowerStore;
  source: EventSource;
  batchSize: number;
  logger: FollowerLogger;
  epoch: number;
  /** The checkpoint: the replay goes up to it, the main lane goes on from it. */
  committed: number;
  held: Map<string, ParkedEvent>;
  isolate(lane: Lane, events: readonly RecordedEvent[], through: number, from: number): Promise<Outcome>;
  applied(count: number): void;
}

/**
 * An operator's retry or skip: re-applies the held tenant's events (from the parked event, or
 * just after it for a skip) up to the checkpoint, recording the progress in the same commits
 * (a crash mid-replay resumes there), then releases the tenant.
 */
export async function replayHeldTenant(ctx: ReplayContext, request: ParkedEvent): Promise<void> {
  const until = ctx.committed;
  const lane = replayLane(ctx, request);
  ctx.logger.info(
    { follower: ctx.follower, tenantId: request.tenantId, eventId: request.eventId, status: request.status, until },
    'replaying a held tenant',
  );
  for (let cursor = replayStart(request); cursor < until; ) {
    const page = await readTenant(ctx, request.tenantId, cursor, until);
    if ((await ctx.isolate(lane, page.events, page.through, cursor)) === 'parked') return;
    cursor = page.through;
  }
  const status = request.status === 'skip_requested' ? 'skipped' : 'retried';
  await ctx.store.transaction(ctx.follower, ctx.epoch, (client) =>
    ctx.store.parking.resolve(client, request.id, status, ctx.follower, request.tenantId),
  );
  ctx.held.delete(request.tenantId);
  ctx.logger.info(
    { follower: ctx.follower, tenantId: request.tenantId, eventId: request.eventId, status },
    'tenant released',
  );
}

function replayLane(ctx: ReplayContext, request: ParkedEvent): Lane {
  const { store, follower, epoch } = ctx;
  return {
    apply: async (events, through) => {
      await ctx.handler.apply({
        events,
        through: null,
        from: ctx.committed,
        transaction: (work) =>
          store.transaction(follower, epoch, async (client) => {
            const result = await work(client);
            await store.parking.recordProgress(client, request.id, through);
            return result;
          }),
      });
      ctx.applied(events.length);
    },
    park: async (event, error) => {
      if (event.eventId === request.eventId) {
        await store.transaction(follower, epoch, (client) => store.parking.repark(client, request.id, error));
        ctx.held.set(request.tenantId, {
          ...request,
          status: 'parked',
          error,
          attempts: request.attempts + 1,
          replayedThrough: null,
        });
      } else {
        const status = request.status === 'skip_requested' ? 'skipped' : 'retried';
        const next = await store.transaction(follower, epoch, (client) =>
          store.parking.supersede(client, request.id, status, {
            follower,
            tenantId: request.tenantId,
            eventId: event.eventId,
            position: event.globalPosition,
            eventType: event.type,
            error,
          }),
        );
        ctx.held.set(request.tenantId, next);
      }
      ctx.logger.error(
        { follower, tenantId: request.tenantId, eventId: event.eventId, position: event.globalPosition, error },
        'replay stopped: an event of the held tenant failed again',
      );
    },
  };
}

/**
 * One page of the tenant's events in (after, until], read from the store by tenant (an index on
 * PostgreSQL; a filtered scan on EventStoreDB), not by scanning every tenant's events here.
 */
async function readTenant(
  ctx: ReplayContext,
  tenantId: string,
  after: number,
  until: number,
): Promise<{ events: RecordedEvent[]; through: number }> {
  const page = await ctx.source.readAll({ after, maxCount: ctx.batchSize, tenantId });
  const within = page.filter((event) => event.globalPosition <= until && tenantOf(event) === tenantId);
  const through =
    page.length === ctx.batchSize && within.length === page.length ? within[within.length - 1]!.globalPosition : until;
  return { events: within, through };
}
