import type { TenantEvent } from '../events/tenant-events';
import { fold } from '../shared/decider';
import { spec } from '../testing/given-when-then';
import { tenantDecider } from './tenant.decider';
import { validKeyIds } from './tenant.state';

const tenantId = 't1';
const tenant = spec(tenantDecider);
const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T01:00:00.000Z';
const created: TenantEvent = { type: 'TenantCreated', version: 1, data: { tenantId, name: 'Acme' } };
const enabled: TenantEvent = { type: 'ScimEnabled', version: 1, data: { tenantId, idpProfile: 'okta' } };
const key1: TenantEvent = {
  type: 'ScimApiKeyIssued',
  version: 1,
  data: { tenantId, keyId: 'k1', keyHash: 'h1', createdAt: T0 },
};
const key2: TenantEvent = {
  type: 'ScimApiKeyIssued',
  version: 1,
  data: { tenantId, keyId: 'k2', keyHash: 'h2', createdAt: T1 },
};
const revoked = (keyId: string, reason: 'rotated' | 'revoked' | 'scim_disabled', effectiveAt: string): TenantEvent => ({
  type: 'ScimApiKeyRevoked',
  version: 1,
  data: { tenantId, keyId, reason, effectiveAt },
});

describe('tenant decider', () => {
  it('creates a tenant once, with a name', () => {
    tenant.given([]).when({ type: 'CreateTenant', tenantId, name: 'Acme' }).then([created]);
    tenant.given([created]).when({ type: 'CreateTenant', tenantId, name: 'Acme' }).thenFails('conflict');
    tenant.given([]).when({ type: 'CreateTenant', tenantId, name: ' ' }).thenFails('invalid_value');
  });

  it('rejects every other command for an unknown tenant', () => {
    tenant.given([]).when({ type: 'EnableScim', tenantId, idpProfile: 'okta' }).thenFails('not_found');
  });

  it('enables SCIM with a known IdP profile, switches profile, and ignores a repeat', () => {
    tenant.given([created]).when({ type: 'EnableScim', tenantId, idpProfile: 'okta' }).then([enabled]);
    tenant.given([created, enabled]).when({ type: 'EnableScim', tenantId, idpProfile: 'okta' }).then([]);
    tenant
      .given([created, enabled])
      .when({ type: 'EnableScim', tenantId, idpProfile: 'entra' })
      .then([{ type: 'ScimEnabled', version: 1, data: { tenantId, idpProfile: 'entra' } }]);
    tenant
      .given([created])
      .when({ type: 'EnableScim', tenantId, idpProfile: 'nope' as never })
      .thenFails('invalid_value');
  });

  it('issues a key (hash only) when SCIM is enabled, never twice under one id', () => {
    const issue = { type: 'IssueScimApiKey', tenantId, keyId: 'k1', keyHash: 'h1', at: T0 } as const;
    tenant.given([created, enabled]).when(issue).then([key1]);
    tenant
      .given([created])
      .when(issue)
      .thenFails('conflict', /not enabled/);
    tenant
      .given([created, enabled, key1])
      .when(issue)
      .thenFails('conflict', /exists/);
  });

  it('rotates: the new key is issued and the old one revoked at once or after the grace period', () => {
    const rotate = (graceSeconds: number) =>
      ({ type: 'IssueScimApiKey', tenantId, keyId: 'k2', keyHash: 'h2', at: T1, rotation: { graceSeconds } }) as const;
    tenant
      .given([created, enabled, key1])
      .when(rotate(0))
      .then([key2, revoked('k1', 'rotated', T1)]);
    tenant
      .given([created, enabled, key1])
      .when(rotate(300))
      .then([key2, revoked('k1', 'rotated', '2026-01-01T01:05:00.000Z')]);
    tenant.given([created, enabled, key1]).when(rotate(-1)).thenFails('invalid_value');
    tenant.given([created, enabled, key1]).when(rotate(1e9)).thenFails('invalid_value');
  });

  it('revokes a key, brings a pending revocation forward, and ignores a repeat', () => {
    const revoke = { type: 'RevokeScimApiKey', tenantId, keyId: 'k1', at: T1 } as const;
    tenant
      .given([created, enabled, key1])
      .when(revoke)
      .then([revoked('k1', 'revoked', T1)]);
    tenant
      .given([created, enabled, key1, revoked('k1', 'rotated', '2026-01-02T00:00:00.000Z')])
      .when(revoke)
      .then([revoked('k1', 'revoked', T1)]);
    tenant
      .given([created, enabled, key1, revoked('k1', 'revoked', T0)])
      .when(revoke)
      .then([]);
    tenant.given([created, enabled]).when(revoke).thenFails('not_found');
  });

  it('disables SCIM: every valid key is revoked, then ScimDisabled; a repeat changes nothing', () => {
    const disable = { type: 'DisableScim', tenantId, at: T1 } as const;
    tenant
      .given([created, enabled, key1, key2])
      .when(disable)
      .then([
        revoked('k1', 'scim_disabled', T1),
        revoked('k2', 'scim_disabled', T1),
        { type: 'ScimDisabled', version: 1, data: { tenantId } },
      ]);
    tenant.given([created]).when(disable).then([]);
  });

  it('toggles basic auth only when it changes', () => {
    tenant
      .given([created])
      .when({ type: 'ToggleBasicAuth', tenantId, enabled: true })
      .then([{ type: 'BasicAuthToggled', version: 1, data: { tenantId, enabled: true } }]);
    tenant.given([created]).when({ type: 'ToggleBasicAuth', tenantId, enabled: false }).then([]);
  });

  it(
    "records an operator's skip of a parked event, whether or not the tenant exists, " +
      'and never changes the settings',
    () => {
      const skip = {
        type: 'RecordParkedEventSkip',
        tenantId,
        follower: 'audit-v1',
        eventId: 'e1',
        position: 42,
        eventType: 'UserDeactivated',
      } as const;
      const skipped: TenantEvent = {
        type: 'ParkedEventSkipped',
        version: 1,
        data: { tenantId, follower: 'audit-v1', eventId: 'e1', position: 42, eventType: 'UserDeactivated' },
      };
      tenant.given([created, enabled]).when(skip).then([skipped]);
      tenant.given([]).when(skip).then([skipped]);
      tenant
        .given([])
        .when({ ...skip, position: 0 })
        .thenFails('invalid_value');
      expect(fold(tenantDecider, [created, enabled, skipped])).toEqual(fold(tenantDecider, [created, enabled]));
    },
  );

  it('knows which keys are valid at an instant (grace periods included)', () => {
    const state = fold(tenantDecider, [
      created,
      enabled,
      key1,
      key2,
      revoked('k1', 'rotated', '2026-01-01T01:05:00.000Z'),
    ]);
    expect(validKeyIds(state, T1)).toEqual(['k1', 'k2']);
    expect(validKeyIds(state, '2026-01-01T01:05:00.000Z')).toEqual(['k2']);
  });
});
