import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideUser, userDecider, userStream, userVersion, type UserEvent } from '@lib/domain';
import { written, type WriteResult } from '../../shared/command-result';
import { withRetry } from '../../shared/concurrency';
import { EventStoreHandler } from '../../shared/handler-base';
import { toAppend } from '../../shared/to-append';
import { reserveUserName } from '../user-name-reservation';
import { ProvisionUserCommand } from './provision-user.command';

@CommandHandler(ProvisionUserCommand)
export class ProvisionUserHandler
  extends EventStoreHandler
  implements ICommandHandler<ProvisionUserCommand, WriteResult>
{
  execute({ input }: ProvisionUserCommand): Promise<WriteResult> {
    const { tenantId, userId, resource, metadata } = input;
    // A lost race on the reservation is retried: the re-read then finds the name taken (uniqueness).
    return withRetry(undefined, async () => {
      // 1-2. The user stream is not read: the id is fresh (the gateway generated it), and the
      // append expects no stream, so a stream that exists after all fails it (a conflict).
      // 3. decide: the user, then the reservation (which throws `uniqueness` when taken).
      const streamId = userStream(tenantId, userId);
      const events = decideUser({ type: 'ProvisionUser', tenantId, userId, resource }, userDecider.initialState);
      const reservation = await reserveUserName(this.store, {
        tenantId,
        userId,
        userName: provisionedName(events),
        metadata,
      });
      // 4. append both at once; reservation first, for stores that append one stream at a time.
      const result = await this.store.appendMany([
        ...(reservation ? [reservation] : []),
        { streamId, expectedRevision: 'no_stream', events: toAppend(events, metadata) },
      ]);
      return written(userId, streamId, result, userVersion);
    });
  }
}

function provisionedName(events: UserEvent[]): string {
  const provisioned = events.find((e) => e.type === 'UserProvisioned');
  if (!provisioned) throw new Error('ProvisionUser decided no UserProvisioned');
  return provisioned.data.userName;
}
