import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideUser, userDecider, userStream, userVersion } from '@lib/domain';
import { written, type WriteResult } from '../../shared/command-result';
import { checkIfMatch, withRetry } from '../../shared/concurrency';
import { EventStoreHandler } from '../../shared/handler-base';
import { loadAggregate } from '../../shared/load-aggregate';
import { toAppend } from '../../shared/to-append';
import { releaseUserName } from '../user-name-reservation';
import { DeleteUserCommand } from './delete-user.command';

@CommandHandler(DeleteUserCommand)
export class DeleteUserHandler extends EventStoreHandler implements ICommandHandler<DeleteUserCommand, WriteResult> {
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
      return written(userId, streamId, result, userVersion);
    });
  }
}
