import type { JsonObject } from '../shared/json';

/**
 * User commands as the domain sees them. `resource` is the complete SCIM User after validation
 * and normalisation by the gateway (a PATCH is applied there first), with or without `id`/`meta`.
 */
export type UserCommand = ProvisionUser | UpdateUser | DeleteUser | EraseUser;

export interface ProvisionUser {
  type: 'ProvisionUser';
  tenantId: string;
  userId: string;
  resource: JsonObject;
}

/**
 * PUT and PATCH both arrive here with the new full resource. Its `active`: a boolean sets it,
 * `null` unassigns it (a PATCH that removed it), absent leaves it as it is (a PUT without it).
 */
export interface UpdateUser {
  type: 'UpdateUser';
  tenantId: string;
  userId: string;
  resource: JsonObject;
}

export interface DeleteUser {
  type: 'DeleteUser';
  tenantId: string;
  userId: string;
}

/**
 * Erase the person's personal data (right to erasure): a user that exists or was deleted. A
 * provisioned user is deleted first (its access ends at that instant), then marked erased.
 */
export interface EraseUser {
  type: 'EraseUser';
  tenantId: string;
  userId: string;
}
