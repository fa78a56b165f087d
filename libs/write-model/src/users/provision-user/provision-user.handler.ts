import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WrongExpectedRevisionError } from '@lib/event-store';
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
  /**
   * The first attempt assumes the userName was never reserved in the tenant (no read of its
   * reservation stream, one round trip less per create); if it was, the append is refused as a
   * lost race would be and the ordinary read-decide-append retry takes over (a taken name: 409).
   */
  async execute({ input }: ProvisionUserCommand): Promise<WriteResult> {
    try {
      return await this.provision(input, true);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
    // A lost race on the reservation is retried: the re-read then finds the name taken (uniqueness).
    return withRetry(undefined, () => this.provision(input, false));
  }

  private async provision(input: ProvisionUserCommand['input'], assumeUnused: boolean): Promise<WriteResult> {
    const { tenantId, userId, resource, metadata } = input;
    // 1-2. The user stream is not read: the id is fresh (the gateway generated it), and the
    // append expects no stream, so a stream that exists after all fails it (a conflict).
    // 3. decide: the user, then the reservation (which throws `uniqueness` when taken).
    const streamId = userStream(tenantId, userId);
    const events = decideUser({ type: 'ProvisionUser', tenantId, userId, resource }, userDecider.initialState);
    const reservation = await reserveUserName(
      this.store,
      { tenantId, userId, userName: provisionedName(events), metadata },
      { assumeUnused },
    );
    // 4. append both at once; reservation first, for stores that append one stream at a time.
    const result = await this.store.appendMany([
      ...(reservation ? [reservation] : []),
      { streamId, expectedRevision: 'no_stream', events: toAppend(events, metadata) },
    ]);
    return written(userId, streamId, result, userVersion);
  }
}

function provisionedName(events: UserEvent[]): string {
  const provisioned = events.find((e) => e.type === 'UserProvisioned');
  if (!provisioned) throw new Error('ProvisionUser decided no UserProvisioned');
  return provisioned.data.userName;
}
