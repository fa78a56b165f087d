import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideGroup, groupDecider, groupStream, groupVersion } from '@lib/domain';
import { written, type WriteResult } from '../../shared/command-result';
import { withRetry } from '../../shared/concurrency';
import { loadAggregate } from '../../shared/load-aggregate';
import { toAppend } from '../../shared/to-append';
import { MembershipHandler } from '../../shared/handler-base';
import { memberDisplaysOf, memberIdsOf, membershipAppends } from '../membership-changes';
import { CreateGroupCommand } from './create-group.command';

@CommandHandler(CreateGroupCommand)
export class CreateGroupHandler extends MembershipHandler implements ICommandHandler<CreateGroupCommand, WriteResult> {
  execute({ input }: CreateGroupCommand): Promise<WriteResult> {
    const { tenantId, groupId, resource, metadata } = input;
    const streamId = groupStream(tenantId, groupId);
    return withRetry(undefined, async () => {
      const group = await loadAggregate(this.store, streamId, groupDecider);
      const events = decideGroup({ type: 'CreateGroup', tenantId, groupId, resource }, group.state);
      const created = events.reduce(groupDecider.evolve, group.state);
      const add = memberIdsOf(resource) ?? [];
      const memberships = await membershipAppends(this.store, this.directory, {
        tenantId,
        groupId,
        group: created,
        change: { add, remove: [], displays: memberDisplaysOf(resource) },
        metadata,
        version: { revision: -1, position: 0 },
        guardVersion: true,
      });
      const result = await this.store.appendMany([
        { streamId, expectedRevision: 'no_stream', events: toAppend(events, metadata) },
        ...memberships,
      ]);
      return written(groupId, streamId, result, groupVersion);
    });
  }
}
