import type { GroupEvent } from '../events/group-events';
import { GroupEventVersions as V } from '../events/group-events';
import { diffAttributes } from '../shared/attribute-diff';
import { DomainError } from '../shared/errors';
import type { JsonObject } from '../shared/json';
import { optionalString, requiredString, withoutServerAttributes } from '../shared/resource';
import type { GroupCommand } from './group.commands';
import type { GroupState } from './group.state';

export function decideGroup(command: GroupCommand, state: GroupState): GroupEvent[] {
  const { tenantId, groupId } = command;
  switch (command.type) {
    case 'CreateGroup': {
      if (state.status !== 'absent')
        throw new DomainError('conflict', `group ${groupId} exists already`, 'group.create.exists');
      const resource = storedGroupResource(command.resource, groupId, 'group.create');
      const displayName = requiredString(resource, 'displayName', 'group.create.displayName');
      const externalId = optionalString(resource.externalId, 'externalId', 'group.create.externalId');
      return [
        {
          type: 'GroupCreated',
          version: V.GroupCreated,
          data: { tenantId, groupId, displayName, externalId, resource },
        },
      ];
    }
    case 'UpdateGroup': {
      const current = existingGroup(state, groupId, 'group.update.not_found');
      const resource = storedGroupResource(command.resource, groupId, 'group.update');
      const displayName = requiredString(resource, 'displayName', 'group.update.displayName');
      optionalString(resource.externalId, 'externalId', 'group.update.externalId');
      const events: GroupEvent[] = [];
      // A rename is its own event (roles renamed matter downstream); everything else is a delta.
      if (displayName !== current.displayName) {
        events.push({
          type: 'GroupRenamed',
          version: V.GroupRenamed,
          data: { tenantId, groupId, previousDisplayName: current.displayName, displayName },
        });
      }
      const changes = diffAttributes(current.resource, resource).filter((c) => c.path !== 'displayName');
      if (changes.length > 0)
        events.push({ type: 'GroupUpdated', version: V.GroupUpdated, data: { tenantId, groupId, changes, resource } });
      return events;
    }
    case 'DeleteGroup': {
      const current = existingGroup(state, groupId, 'group.delete.not_found');
      return [
        {
          type: 'GroupDeleted',
          version: V.GroupDeleted,
          data: { tenantId, groupId, displayName: current.displayName },
        },
      ];
    }
  }
}

export function existingGroup(
  state: GroupState,
  groupId: string,
  site: string,
): Extract<GroupState, { status: 'created' }> {
  if (state.status !== 'created') throw new DomainError('not_found', `group ${groupId} not found`, site);
  return state;
}

function storedGroupResource(resource: JsonObject, groupId: string, site: string): JsonObject {
  const { members: _members, ...rest } = withoutServerAttributes(resource, groupId, `${site}.id`);
  return rest;
}
