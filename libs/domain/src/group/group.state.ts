import type { GroupEvent } from '../events/group-events';
import type { JsonObject } from '../shared/json';

/** The group's lifecycle and attributes; members are not part of it (see membership/). */
export type GroupState =
  | { status: 'absent' }
  | { status: 'created'; groupId: string; displayName: string; resource: JsonObject }
  | { status: 'deleted'; groupId: string; displayName: string };

export const initialGroupState: GroupState = { status: 'absent' };

export function evolveGroup(state: GroupState, event: GroupEvent): GroupState {
  switch (event.type) {
    case 'GroupCreated':
      return {
        status: 'created',
        groupId: event.data.groupId,
        displayName: event.data.displayName,
        resource: event.data.resource,
      };
    case 'GroupRenamed':
      return state.status === 'created'
        ? {
            ...state,
            displayName: event.data.displayName,
            resource: { ...state.resource, displayName: event.data.displayName },
          }
        : state;
    case 'GroupUpdated':
      return state.status === 'created' ? { ...state, resource: event.data.resource } : state;
    case 'GroupDeleted':
      return { status: 'deleted', groupId: event.data.groupId, displayName: event.data.displayName };
  }
}
