import type { ScimApiKeyRevoked, TenantEvent } from '../events/tenant-events';
import { IDP_PROFILES, TenantEventVersions as V } from '../events/tenant-events';
import { DomainError } from '../shared/errors';
import type { TenantCommand } from './tenant.commands';
import { validKeyIds, type TenantState } from './tenant.state';

/** Longest rotation grace an admin may choose: the old key must stop "at once or shortly after". */
export const MAX_ROTATION_GRACE_SECONDS = 7 * 24 * 3600;

export function decideTenant(command: TenantCommand, state: TenantState): TenantEvent[] {
  const { tenantId } = command;
  if (command.type === 'CreateTenant') {
    if (state.status !== 'absent')
      throw new DomainError('conflict', `tenant ${tenantId} exists already`, 'tenant.create.exists');
    if (command.name.trim() === '')
      throw new DomainError('invalid_value', 'tenant name is required', 'tenant.create.name');
    return [{ type: 'TenantCreated', version: V.TenantCreated, data: { tenantId, name: command.name } }];
  }
  if (command.type === 'RecordParkedEventSkip') {
    const { follower, eventId, position, eventType } = command;
    if (!follower || !eventId || !eventType || !Number.isInteger(position) || position < 1) {
      throw new DomainError(
        'invalid_value',
        'a skipped event needs its follower, event id, event type and position',
        'tenant.skip.incomplete',
      );
    }
    return [
      {
        type: 'ParkedEventSkipped',
        version: V.ParkedEventSkipped,
        data: { tenantId, follower, eventId, position, eventType },
      },
    ];
  }
  if (state.status !== 'created')
    throw new DomainError('not_found', `tenant ${tenantId} not found`, 'tenant.not_found');

  switch (command.type) {
    case 'EnableScim':
      if (!IDP_PROFILES.includes(command.idpProfile)) {
        throw new DomainError('invalid_value', `unknown IdP profile "${command.idpProfile}"`, 'tenant.enable.profile');
      }
      if (state.scimEnabled && state.idpProfile === command.idpProfile) return [];
      return [{ type: 'ScimEnabled', version: V.ScimEnabled, data: { tenantId, idpProfile: command.idpProfile } }];

    case 'IssueScimApiKey': {
      if (!state.scimEnabled)
        throw new DomainError('conflict', 'SCIM is not enabled for this tenant', 'tenant.key.scim_disabled');
      if (state.keys[command.keyId])
        throw new DomainError('conflict', `key ${command.keyId} exists already`, 'tenant.key.exists');
      const grace = command.rotation?.graceSeconds ?? 0;
      if (!Number.isInteger(grace) || grace < 0 || grace > MAX_ROTATION_GRACE_SECONDS) {
        throw new DomainError(
          'invalid_value',
          `grace period must be 0..${MAX_ROTATION_GRACE_SECONDS} seconds`,
          'tenant.key.grace',
        );
      }
      const issued: TenantEvent = {
        type: 'ScimApiKeyIssued',
        version: V.ScimApiKeyIssued,
        data: { tenantId, keyId: command.keyId, keyHash: command.keyHash, createdAt: command.at },
      };
      if (!command.rotation) return [issued];
      const effectiveAt = new Date(Date.parse(command.at) + grace * 1000).toISOString();
      return [
        issued,
        ...stillValidKeys(state, command.at, effectiveAt).map((keyId) =>
          revoked(tenantId, keyId, 'rotated', effectiveAt),
        ),
      ];
    }

    case 'RevokeScimApiKey': {
      const key = state.keys[command.keyId];
      if (!key) throw new DomainError('not_found', `key ${command.keyId} not found`, 'tenant.revoke.not_found');
      // Revoking again changes nothing, unless it brings a pending (grace) revocation forward.
      if (key.revokedAt !== null && Date.parse(key.revokedAt) <= Date.parse(command.at)) return [];
      return [revoked(tenantId, command.keyId, 'revoked', command.at)];
    }

    case 'DisableScim':
      if (!state.scimEnabled) return [];
      return [
        ...stillValidKeys(state, command.at, command.at).map((keyId) =>
          revoked(tenantId, keyId, 'scim_disabled', command.at),
        ),
        { type: 'ScimDisabled', version: V.ScimDisabled, data: { tenantId } },
      ];

    case 'ToggleBasicAuth':
      if (state.basicAuthEnabled === command.enabled) return [];
      return [{ type: 'BasicAuthToggled', version: V.BasicAuthToggled, data: { tenantId, enabled: command.enabled } }];
  }
}

/** Keys that are valid at `at` and would still be valid at `until` (no earlier revocation pending). */
function stillValidKeys(state: TenantState, at: string, until: string): string[] {
  if (state.status !== 'created') return [];
  return validKeyIds(state, at).filter((keyId) => {
    const revokedAt = state.keys[keyId]?.revokedAt;
    return revokedAt === null || revokedAt === undefined || Date.parse(revokedAt) > Date.parse(until);
  });
}

function revoked(
  tenantId: string,
  keyId: string,
  reason: ScimApiKeyRevoked['data']['reason'],
  effectiveAt: string,
): TenantEvent {
  return { type: 'ScimApiKeyRevoked', version: V.ScimApiKeyRevoked, data: { tenantId, keyId, reason, effectiveAt } };
}
