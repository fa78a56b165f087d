import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideGroup, groupDecider, groupStream, groupVersion } from '@lib/domain';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import type { WriteResult } from '../../shared/command-result';
import { checkIfMatch, withRetry } from '../../shared/concurrency';
import { loadAggregate } from '../../shared/load-aggregate';
import { toAppend } from '../../shared/to-append';
import { DeleteGroupCommand } from './delete-group.command';

@CommandHandler(DeleteGroupCommand)
export class DeleteGroupHandler implements ICommandHandler<DeleteGroupCommand, WriteResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input }: DeleteGroupCommand): Promise<WriteResult> {
    const { tenantId, groupId, expectedVersion, metadata } = input;
    const streamId = groupStream(tenantId, groupId);
    return withRetry(expectedVersion, async () => {
      const group = await loadAggregate(this.store, streamId, groupDecider);
      checkIfMatch(expectedVersion, group.revision);
      const events = decideGroup({ type: 'DeleteGroup', tenantId, groupId }, group.state);
      const result = await this.store.append(streamId, group.revision, toAppend(events, metadata));
      const revision = result.streams[0].nextExpectedRevision;
      return { id: groupId, revision, version: groupVersion(revision, result.lastGlobalPosition), lastGlobalPosition: result.lastGlobalPosition, changed: true };
    });
  }
}
