import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideUser, userDecider, userStream, userVersion } from '@lib/domain';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import type { WriteResult } from '../../shared/command-result';
import { checkIfMatch, withRetry } from '../../shared/concurrency';
import { loadAggregate } from '../../shared/load-aggregate';
import { toAppend } from '../../shared/to-append';
import { releaseUserName } from '../user-name-reservation';
import { DeleteUserCommand } from './delete-user.command';

@CommandHandler(DeleteUserCommand)
export class DeleteUserHandler implements ICommandHandler<DeleteUserCommand, WriteResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input }: DeleteUserCommand): Promise<WriteResult> {
    const { tenantId, userId, expectedVersion, metadata } = input;
    const streamId = userStream(tenantId, userId);
    return withRetry(expectedVersion, async () => {
      const user = await loadAggregate(this.store, streamId, userDecider);
      checkIfMatch(expectedVersion, user.revision);
      const events = decideUser({ type: 'DeleteUser', tenantId, userId }, user.state);
      const userName = user.state.status === 'provisioned' ? user.state.userName : '';
      const release = await releaseUserName(this.store, { tenantId, userId, userName, reason: 'deleted', metadata });
      // The user stream first: interrupted on a non-atomic store, the reservation points at a
      // deleted user, which counts as stale and is free to take.
      const result = await this.store.appendMany([
        { streamId, expectedRevision: user.revision, events: toAppend(events, metadata) },
        ...(release ? [release] : []),
      ]);
      const revision = result.streams[0].nextExpectedRevision;
      return {
        id: userId,
        revision,
        version: userVersion(revision),
        lastGlobalPosition: result.lastGlobalPosition,
        changed: true,
      };
    });
  }
}
