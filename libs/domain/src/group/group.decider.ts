import type { GroupEvent } from '../events/group-events';
import type { Decider } from '../shared/decider';
import type { GroupCommand } from './group.commands';
import { decideGroup } from './group.decide';
import { evolveGroup, initialGroupState, type GroupState } from './group.state';

export const groupDecider: Decider<GroupCommand, GroupState, GroupEvent> = {
  initialState: initialGroupState,
  decide: decideGroup,
  evolve: evolveGroup,
};
