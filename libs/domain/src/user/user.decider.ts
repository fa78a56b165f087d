import type { UserEvent } from '../events/user-events';
import type { Decider } from '../shared/decider';
import type { UserCommand } from './user.commands';
import { decideUser } from './user.decide';
import { evolveUser, initialUserState, type UserState } from './user.state';

export const userDecider: Decider<UserCommand, UserState, UserEvent> = {
  initialState: initialUserState,
  decide: decideUser,
  evolve: evolveUser,
};
