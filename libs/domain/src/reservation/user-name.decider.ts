import type { UserNameEvent } from '../events/user-name-events';
import { UserNameEventVersions as V } from '../events/user-name-events';
import { DomainError } from '../shared/errors';
import type { Decider } from '../shared/decider';

/**
 * The userName reservation: one stream per (tenant, lowercased userName). Appending to it with
 * its expected revision, together with the user stream, is what makes userName unique.
 */
export type UserNameState = { holder: null } | { holder: { userId: string; userName: string } };

export type UserNameCommand = ReserveUserName | ReleaseUserName;

export interface ReserveUserName {
  type: 'ReserveUserName';
  tenantId: string;
  userId: string;
  userName: string;
  /**
   * Whether the current holder's reservation is stale: its user stream does not exist, is
   * deleted, or carries another userName. Only possible when a previous non-atomic append
   * (EventStoreDB) died between the reservation and the user stream, or a release was lost. The
   * handler finds this out by reading the holder's user stream; the decider only decides.
   */
  holderIsStale: boolean;
}

export interface ReleaseUserName {
  type: 'ReleaseUserName';
  tenantId: string;
  userId: string;
  userName: string;
  reason: 'deleted' | 'renamed';
}

export const initialUserNameState: UserNameState = { holder: null };

export function evolveUserName(_state: UserNameState, event: UserNameEvent): UserNameState {
  switch (event.type) {
    case 'UserNameReserved':
      return { holder: { userId: event.data.userId, userName: event.data.userName } };
    case 'UserNameReleased':
      return { holder: null };
  }
}

export function decideUserName(command: UserNameCommand, state: UserNameState): UserNameEvent[] {
  const { tenantId, userId, userName } = command;
  switch (command.type) {
    case 'ReserveUserName': {
      const holder = state.holder;
      if (holder === null) return [reserved(tenantId, userId, userName)];
      // The same user keeps its name: a case-only rename, or a retried create.
      if (holder.userId === userId) return holder.userName === userName ? [] : [reserved(tenantId, userId, userName)];
      if (!command.holderIsStale) {
        throw new DomainError(
          'uniqueness',
          `userName "${userName}" is already taken in this tenant`,
          'username.reserve.taken',
        );
      }
      return [
        {
          type: 'UserNameReleased',
          version: V.UserNameReleased,
          data: { tenantId, userId: holder.userId, userName: holder.userName, reason: 'stale' },
        },
        reserved(tenantId, userId, userName),
      ];
    }
    case 'ReleaseUserName':
      // Only the holder releases; releasing a name someone else took over is a no-op.
      if (state.holder === null || state.holder.userId !== userId) return [];
      return [
        {
          type: 'UserNameReleased',
          version: V.UserNameReleased,
          data: { tenantId, userId, userName: state.holder.userName, reason: command.reason },
        },
      ];
  }
}

function reserved(tenantId: string, userId: string, userName: string): UserNameEvent {
  return { type: 'UserNameReserved', version: V.UserNameReserved, data: { tenantId, userId, userName } };
}

export const userNameDecider: Decider<UserNameCommand, UserNameState, UserNameEvent> = {
  initialState: initialUserNameState,
  decide: decideUserName,
  evolve: evolveUserName,
};
