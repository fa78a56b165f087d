import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideGroup, groupDecider, groupMembershipStream, groupStream, groupVersion } from '@lib/domain';
import { written, type WriteResult } from '../../shared/command-result';
import { checkIfMatch, withRetry } from '../../shared/concurrency';
import { EventStoreHandler } from '../../shared/handler-base';
import { loadAggregate } from '../../shared/load-aggregate';
import { toAppend } from '../../shared/to-append';
import { checkUnchangedSince, ifMatchOf } from '../change-group';
import { readMembershipVersion } from '../membership-changes';
import { DeleteGroupCommand } from './delete-group.command';

@CommandHandler(DeleteGroupCommand)
export class DeleteGroupHandler extends EventStoreHandler implements ICommandHandler<DeleteGroupCommand, WriteResult> {
  execute({ input }: DeleteGroupCommand): Promise<WriteResult> {
    const { tenantId, groupId, expectedVersion, unchangedSince, metadata } = input;
    const streamId = groupStream(tenantId, groupId);
    return withRetry(expectedVersion ?? ifMatchOf(unchangedSince), async () => {
      const [group, version] = await Promise.all([
        loadAggregate(this.store, streamId, groupDecider),
        readMembershipVersion(this.store, tenantId, groupId),
      ]);
      checkIfMatch(expectedVersion, group.revision);
      checkUnchangedSince(unchangedSince, group.lastGlobalPosition, version);
      const events = decideGroup({ type: 'DeleteGroup', tenantId, groupId }, group.state);
      // Under If-Match, a membership change racing the delete fails it too.
      const membershipGuard =
        unchangedSince === undefined
          ? []
          : [
              {
                streamId: groupMembershipStream(tenantId, groupId),
                expectedRevision: version.revision < 0 ? ('no_stream' as const) : version.revision,
                events: [],
              },
            ];
      const result = await this.store.appendMany([
        { streamId, expectedRevision: group.revision, events: toAppend(events, metadata) },
        ...membershipGuard,
      ]);
      return written(groupId, streamId, result, groupVersion);
    });
  }
}
