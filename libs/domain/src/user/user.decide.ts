import type { UserEvent } from '../events/user-events';
import { UserEventVersions as V } from '../events/user-events';
import { diffAttributes } from '../shared/attribute-diff';
import { DomainError } from '../shared/errors';
import type { JsonObject } from '../shared/json';
import { optionalString, requiredString, withoutServerAttributes } from '../shared/resource';
import type { DeleteUser, EraseUser, ProvisionUser, UpdateUser, UserCommand } from './user.commands';
import type { UserState } from './user.state';

export function decideUser(command: UserCommand, state: UserState): UserEvent[] {
  switch (command.type) {
    case 'ProvisionUser':
      return provision(command, state);
    case 'UpdateUser':
      return update(command, state);
    case 'DeleteUser':
      return remove(command, state);
    case 'EraseUser':
      return erase(command, state);
  }
}

/**
 * Access of a user whose `active` has no value: provisioned without it, or unassigned later by a
 * PATCH (RFC 7644 §3.5.2.2). Granted: RFC 7643 leaves the default to the provider, and a user the
 * IdP provisions without saying otherwise is meant to have access.
 */
export const ACTIVE_WITHOUT_VALUE = true;

function provision(command: ProvisionUser, state: UserState): UserEvent[] {
  if (state.status !== 'absent')
    throw new DomainError('conflict', `user ${command.userId} exists already`, 'user.provision.exists');
  const { resource, active } = splitActive(
    withoutServerAttributes(command.resource, command.userId, 'user.provision.id'),
    'user.provision.active',
  );
  const userName = requiredString(resource, 'userName', 'user.provision.userName');
  const externalId = optionalString(resource.externalId, 'externalId', 'user.provision.externalId');
  return [
    {
      type: 'UserProvisioned',
      version: V.UserProvisioned,
      data: {
        tenantId: command.tenantId,
        userId: command.userId,
        userName,
        externalId,
        active: active ?? ACTIVE_WITHOUT_VALUE,
        resource,
      },
    },
  ];
}

/**
 * A full replacement. Attribute changes become one UserUpdated with the delta; `active` never is
 * a delta entry (see activeEvents). `active` left out of the resource means "unchanged"; `null`
 * means "unassigned". Nothing changed: no event.
 */
function update(command: UpdateUser, state: UserState): UserEvent[] {
  const current = existing(state, command.userId, 'user.update.not_found');
  const { resource, active } = splitActive(
    withoutServerAttributes(command.resource, command.userId, 'user.update.id'),
    'user.update.active',
  );
  const userName = requiredString(resource, 'userName', 'user.update.userName');
  optionalString(resource.externalId, 'externalId', 'user.update.externalId');
  const ids = { tenantId: command.tenantId, userId: command.userId, userName };
  const events: UserEvent[] = [];
  const changes = diffAttributes(current.resource, resource);
  if (changes.length > 0)
    events.push({ type: 'UserUpdated', version: V.UserUpdated, data: { ...ids, changes, resource } });
  return [...events, ...activeEvents(current, active, ids)];
}

/**
 * `active` as sent (a boolean), unassigned (null) or not sent (undefined: no event). The attribute
 * and the access it gives are recorded apart: UserActiveAttributeChanged when the attribute loses
 * or regains a value, then UserDeactivated / UserReactivated exactly when access flips.
 */
function activeEvents(
  current: ProvisionedUser,
  active: boolean | null | undefined,
  ids: { tenantId: string; userId: string; userName: string },
): UserEvent[] {
  if (active === undefined) return [];
  const events: UserEvent[] = [];
  const losesValue = active === null && current.activeAssigned;
  const regainsValue = active !== null && !current.activeAssigned;
  if (losesValue || regainsValue) {
    const before = current.activeAssigned ? current.active : null;
    events.push({
      type: 'UserActiveAttributeChanged',
      version: V.UserActiveAttributeChanged,
      data: { ...ids, before, after: active },
    });
  }
  const access = active ?? ACTIVE_WITHOUT_VALUE;
  if (!access && current.active) events.push({ type: 'UserDeactivated', version: V.UserDeactivated, data: ids });
  if (access && !current.active) events.push({ type: 'UserReactivated', version: V.UserReactivated, data: ids });
  return events;
}

function remove(command: DeleteUser, state: UserState): UserEvent[] {
  const current = existing(state, command.userId, 'user.delete.not_found');
  return [
    {
      type: 'UserDeleted',
      version: V.UserDeleted,
      data: { tenantId: command.tenantId, userId: command.userId, userName: current.userName },
    },
  ];
}

/**
 * Erasure ends access first: a provisioned user is deleted (UserDeleted, so every projection closes
 * its status and roles as for a DELETE), then UserErased. Erasing an erased user changes nothing.
 */
function erase(command: EraseUser, state: UserState): UserEvent[] {
  const ids = { tenantId: command.tenantId, userId: command.userId };
  switch (state.status) {
    case 'absent':
      throw new DomainError('not_found', `user ${command.userId} not found`, 'user.erase.not_found');
    case 'erased':
      return [];
    case 'deleted':
      return [{ type: 'UserErased', version: V.UserErased, data: ids }];
    case 'provisioned':
      return [
        { type: 'UserDeleted', version: V.UserDeleted, data: { ...ids, userName: state.userName } },
        { type: 'UserErased', version: V.UserErased, data: ids },
      ];
  }
}

type ProvisionedUser = Extract<UserState, { status: 'provisioned' }>;

function existing(state: UserState, userId: string, site: string): ProvisionedUser {
  // A deleted user is gone for SCIM (404), though its stream and history stay.
  if (state.status !== 'provisioned') throw new DomainError('not_found', `user ${userId} not found`, site);
  return state;
}

/** `active` is status, kept out of the stored resource (see user-events.ts): a boolean, null (unassigned) or absent. */
function splitActive(resource: JsonObject, site: string): { resource: JsonObject; active: boolean | null | undefined } {
  const { active, ...rest } = resource;
  if (active === undefined || active === null) return { resource: rest, active };
  if (typeof active !== 'boolean') throw new DomainError('invalid_value', 'attribute "active" must be a boolean', site);
  return { resource: rest, active };
}
