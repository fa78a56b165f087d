import type { TenantEvent } from '../events/tenant-events';
import type { Decider } from '../shared/decider';
import type { TenantCommand } from './tenant.commands';
import { decideTenant } from './tenant.decide';
import { evolveTenant, initialTenantState, type TenantState } from './tenant.state';

export const tenantDecider: Decider<TenantCommand, TenantState, TenantEvent> = {
  initialState: initialTenantState,
  decide: decideTenant,
  evolve: evolveTenant,
};
