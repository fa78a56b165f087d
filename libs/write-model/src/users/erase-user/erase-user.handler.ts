import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideUser, userDecider, userStream, userVersion } from '@lib/domain';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import { unchanged, written, type WriteResult } from '../../shared/command-result';
import { withRetry } from '../../shared/concurrency';
import { loadAggregate } from '../../shared/load-aggregate';
import { toAppend } from '../../shared/to-append';
import { DATA_KEY_SHREDDER, type DataKeyShredder } from '../../shared/tokens';
import { releaseUserName } from '../user-name-reservation';
import { EraseUserCommand } from './erase-user.command';

@CommandHandler(EraseUserCommand)
export class EraseUserHandler implements ICommandHandler<EraseUserCommand, WriteResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(DATA_KEY_SHREDDER) private readonly shredder?: DataKeyShredder | null,
  ) {}

  execute({ input }: EraseUserCommand): Promise<WriteResult> {
    const { tenantId, userId, metadata } = input;
    const shredder = this.shredder;
    if (!shredder)
      return Promise.reject(
        new Error('erasure needs the data keys: personal-data encryption is off (PERSONAL_DATA_ENCRYPTION)'),
      );
    const streamId = userStream(tenantId, userId);
    return withRetry(undefined, async () => {
      const user = await loadAggregate(this.store, streamId, userDecider);
      const events = decideUser({ type: 'EraseUser', tenantId, userId }, user.state);
      if (events.length > 0) {
        const release =
          user.state.status === 'provisioned'
            ? await releaseUserName(this.store, {
                tenantId,
                userId,
                userName: user.state.userName,
                reason: 'deleted',
                metadata,
              })
            : null;
        // UserErased is in the log before the key goes: a write racing the erasure fails on the
        // stream's revision instead of encrypting under a key that is about to be destroyed.
        const result = await this.store.appendMany([
          { streamId, expectedRevision: user.revision, events: toAppend(events, metadata) },
          ...(release ? [release] : []),
        ]);
        await shredder.destroy({ tenantId, userId });
        return written(userId, streamId, result, userVersion);
      }
      await shredder.destroy({ tenantId, userId });
      return unchanged(userId, user, userVersion(user.revision));
    });
  }
}
