import { Inject } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import { MEMBER_DIRECTORY, type MemberDirectory } from './tokens';

/** A command handler on the event store alone (Nest injects the subclasses through this constructor). */
export abstract class EventStoreHandler {
  constructor(@Inject(EVENT_STORE) protected readonly store: EventStore) {}
}

/** A command handler that changes memberships: the event store and the member directory. */
export abstract class MembershipHandler {
  constructor(
    @Inject(EVENT_STORE) protected readonly store: EventStore,
    @Inject(MEMBER_DIRECTORY) protected readonly directory: MemberDirectory,
  ) {}
}
