import { Inject, Injectable } from '@nestjs/common';
import { parseApiKey } from '../keys/api-key';
import { ApiKeyHasher } from '../keys/api-key-hasher';
import { KeyUsage } from '../keys/key-usage';
import { TENANCY_CLOCK, type Clock } from '../shared/clock';
import { isTenantId } from '../tenants/tenant-id';
import { parseAuthorization } from './credentials';
import type { ScimPrincipal } from './scim-principal';
import { TenantAuthStates } from './tenant-auth-states';

export type AuthOutcome =
  | { ok: true; principal: ScimPrincipal }
  /** `tenantExists` is for the provisioning log only; it must never shape the response. */
  | { ok: false; missing: boolean; tenantExists: boolean };

/** Stands in for a malformed tenant id: it fails the tenant id pattern, so no real tenant has it. */
const NO_TENANT = '.none';

/**
 * Checks a SCIM request's credentials against the tenant named in the URL.
 *
 * The tenant's state (settings, key hashes) comes from TenantAuthStates: a per-process cache of
 * the tenant stream that a change drops in every process as it commits (LISTEN/NOTIFY), read
 * through whenever changes cannot be heard. Every outcome after the header check costs the same:
 * one state lookup (cached or read, for a tenant id that exists or not alike), one SHA-256, one
 * constant-time compare (see ApiKeyHasher), then in-memory checks.
 */
@Injectable()
export class ScimAuthenticator {
  constructor(
    private readonly tenants: TenantAuthStates,
    private readonly hasher: ApiKeyHasher,
    private readonly usage: KeyUsage,
    @Inject(TENANCY_CLOCK) private readonly clock: Clock,
  ) {}

  async authenticate(urlTenantId: string, authorization: string | undefined): Promise<AuthOutcome> {
    if (!authorization) return { ok: false, missing: true, tenantExists: false };
    const credentials = parseAuthorization(authorization);
    const state = await this.tenants.get(isTenantId(urlTenantId) ? urlTenantId : NO_TENANT);
    const keyId = parseApiKey(credentials.key)?.keyId;
    const key = state.status === 'created' && keyId !== undefined ? state.keys[keyId] : undefined;
    const hashMatches = this.hasher.verify(credentials.key, key?.keyHash);

    const now = this.clock.now();
    const tenantExists = state.status === 'created';
    if (!hashMatches || !key || keyId === undefined || state.status !== 'created')
      return { ok: false, missing: false, tenantExists };
    const keyValid = key.revokedAt === null || Date.parse(key.revokedAt) > now.getTime();
    const schemeAllowed =
      credentials.scheme === 'bearer' ||
      (credentials.scheme === 'basic' && state.basicAuthEnabled && credentials.username === urlTenantId);
    if (!state.scimEnabled || state.idpProfile === null || !keyValid || !schemeAllowed)
      return { ok: false, missing: false, tenantExists };

    this.usage.touch(state.tenantId, keyId, now);
    return { ok: true, principal: { tenantId: state.tenantId, keyId, idpProfile: state.idpProfile } };
  }
}
