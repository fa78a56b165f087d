import type { UserEvent } from '../events/user-events';
import type { JsonObject } from '../shared/json';

/**
 * What the user decider needs to know: existence, status, the stored resource. `active` is access
 * (true while the attribute is unassigned); `activeAssigned` says whether the `active` attribute
 * has a value (a user is provisioned with one: the value sent, or true).
 */
export type UserState =
  | { status: 'absent' }
  | {
      status: 'provisioned';
      userId: string;
      userName: string;
      active: boolean;
      activeAssigned: boolean;
      resource: JsonObject;
    }
  | { status: 'deleted'; userId: string; userName: string }
  /** Deleted and its personal data erased: only the id is left. */
  | { status: 'erased'; userId: string };

export const initialUserState: UserState = { status: 'absent' };

export function evolveUser(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserProvisioned':
      return {
        status: 'provisioned',
        userId: event.data.userId,
        userName: event.data.userName,
        active: event.data.active,
        activeAssigned: true,
        resource: event.data.resource,
      };
    case 'UserUpdated':
      return state.status === 'provisioned'
        ? { ...state, userName: event.data.userName, resource: event.data.resource }
        : state;
    case 'UserDeactivated':
      return state.status === 'provisioned' ? { ...state, active: false } : state;
    case 'UserReactivated':
      return state.status === 'provisioned' ? { ...state, active: true } : state;
    case 'UserActiveAttributeChanged':
      return state.status === 'provisioned' ? { ...state, activeAssigned: event.data.after !== null } : state;
    case 'UserDeleted':
      return { status: 'deleted', userId: event.data.userId, userName: event.data.userName };
    case 'UserErased':
      return { status: 'erased', userId: event.data.userId };
  }
}
