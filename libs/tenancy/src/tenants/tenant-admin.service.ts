import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import {
  DomainError,
  validKeyIds,
  type CommandMetadata,
  type IdpProfile,
  type TenantCommand,
  type TenantState,
} from '@lib/domain';
import { tenantBusCommand } from '@lib/write-model';
import type { Pool } from 'pg';
import { APP_CONFIG, currentRequest, PG_POOL, scimBaseUrl, type Environment } from '@lib/platform';
import { TENANT_CHANGED_CHANNEL } from '../auth/tenant-change-listener';
import { TenantAuthStates } from '../auth/tenant-auth-states';
import { generateApiKey } from '../keys/api-key';
import { KeyUsage } from '../keys/key-usage';
import { TENANCY_CLOCK, type Clock } from '../shared/clock';
import type { KeyInfo, KeyStatus, RotatedKey, ScimSetup, TenantDetails } from './tenant-answers';
import { TenantDirectory } from './tenant-directory';
import { assertTenantId } from './tenant-id';
import { TenantStream, type LoadedTenant } from './tenant-stream';

/** Tenancy's own bound on rotation grace: the old key stops "at once or shortly after" (the domain allows more). */
export const MAX_GRACE_SECONDS = 24 * 3600;
export const BOOTSTRAP_TENANT_ID = 'default';

/**
 * Tenant SCIM settings as commands on the tenant stream, sent over the CommandBus to the write
 * model's tenant handlers (libs/write-model/src/tenants); then the tenant's directory row is
 * refreshed. Every event carries the operator as actor and the request id, so the audit log says
 * who changed SCIM settings and when.
 */
@Injectable()
export class TenantAdminService {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly stream: TenantStream,
    private readonly directory: TenantDirectory,
    private readonly usage: KeyUsage,
    @Inject(APP_CONFIG) private readonly config: Environment,
    @Inject(TENANCY_CLOCK) private readonly clock: Clock,
    private readonly authStates: TenantAuthStates,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async createTenant(name: string, tenantId: string = randomUUID()): Promise<TenantDetails> {
    assertTenantId(tenantId);
    return this.details(
      tenantId,
      await this.execute(tenantId, () => [{ type: 'CreateTenant', tenantId, name: name.trim() }]),
    );
  }

  async listTenants(): Promise<TenantDetails[]> {
    const tenants = await this.directory.list();
    return tenants.map((t) => ({ ...t, scimBaseUrl: scimBaseUrl(this.config, t.tenantId) }));
  }

  async getTenant(tenantId: string): Promise<TenantDetails> {
    return this.details(tenantId, await this.load(tenantId));
  }

  /**
   * Turns SCIM on with an IdP profile and issues the first key: two appends to the tenant stream
   * (EnableScim, then IssueScimApiKey). Should the second fail, SCIM is on without a working key
   * and enabling again issues one. When SCIM is on already with a working key, only the profile
   * changes and no key is issued (rotate for one).
   */
  async enableScim(tenantId: string, idpProfile: IdpProfile): Promise<ScimSetup> {
    const key = generateApiKey();
    let issued = false;
    await this.execute(tenantId, (state, at) => {
      const commands: TenantCommand[] = [{ type: 'EnableScim', tenantId, idpProfile }];
      issued = state.status !== 'created' || !state.scimEnabled || !hasWorkingKey(state, at);
      if (issued) commands.push({ type: 'IssueScimApiKey', tenantId, keyId: key.keyId, keyHash: key.keyHash, at });
      return commands;
    });
    const setup: ScimSetup = { tenantId, idpProfile, scimBaseUrl: scimBaseUrl(this.config, tenantId) };
    return issued ? { ...setup, apiKey: key.secret, keyId: key.keyId } : setup;
  }

  /** A new key; every other working key stops at once, or after `graceSeconds` (≤ 24 h). */
  async rotateKey(tenantId: string, options: { graceSeconds?: number } = {}): Promise<RotatedKey> {
    const graceSeconds = options.graceSeconds ?? 0;
    if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_GRACE_SECONDS) {
      throw new DomainError(
        'invalid_value',
        `graceSeconds must be an integer from 0 to ${MAX_GRACE_SECONDS}`,
        'tenancy.rotate.grace',
      );
    }
    const key = generateApiKey();
    let previous: string[] = [];
    await this.execute(tenantId, (state, at) => {
      previous = validKeyIds(state, at);
      return [
        { type: 'IssueScimApiKey', tenantId, keyId: key.keyId, keyHash: key.keyHash, at, rotation: { graceSeconds } },
      ];
    });
    const { state } = await this.stream.load(tenantId);
    const revoked =
      state.status === 'created'
        ? previous.map((keyId) => ({ keyId, effectiveAt: state.keys[keyId]?.revokedAt ?? '' }))
        : [];
    return { tenantId, scimBaseUrl: scimBaseUrl(this.config, tenantId), apiKey: key.secret, keyId: key.keyId, revoked };
  }

  /** Revokes one key at once (also ends a pending grace period early). */
  async revokeKey(tenantId: string, keyId: string): Promise<void> {
    await this.execute(tenantId, (_state, at) => [{ type: 'RevokeScimApiKey', tenantId, keyId, at }]);
  }

  /** Never the secret or its hash. */
  async listKeys(tenantId: string): Promise<KeyInfo[]> {
    const [{ state }, lastUsed] = await Promise.all([this.load(tenantId), this.usage.lastUsed(tenantId)]);
    if (state.status !== 'created') throw notFound(tenantId);
    const now = this.clock.now().getTime();
    return Object.entries(state.keys)
      .map(([keyId, key]): KeyInfo => {
        const ends = key.revokedAt === null ? null : Date.parse(key.revokedAt);
        const status: KeyStatus = ends === null ? 'active' : ends > now ? 'expiring' : 'revoked';
        return {
          keyId,
          createdAt: key.createdAt,
          lastUsedAt: lastUsed.get(keyId) ?? null,
          status,
          revokedAt: key.revokedAt,
        };
      })
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** Deletes the SCIM setup: every key stops at once; users, groups and history stay. */
  async disableScim(tenantId: string): Promise<void> {
    await this.execute(tenantId, (_state, at) => [{ type: 'DisableScim', tenantId, at }]);
  }

  /** HTTP Basic (user = tenant id, password = an API key): for test instances, never production. */
  async setBasicAuth(tenantId: string, enabled: boolean): Promise<{ tenantId: string; basicAuthEnabled: boolean }> {
    await this.execute(tenantId, () => [{ type: 'ToggleBasicAuth', tenantId, enabled }]);
    return { tenantId, basicAuthEnabled: enabled };
  }

  /**
   * Quickstart: with no tenant at all, create "default" with SCIM on (generic profile) and
   * return its key once. Safe when several processes start together: one wins, the rest see it.
   */
  async bootstrapFirstTenant(): Promise<{ tenantId: string; scimBaseUrl: string; apiKey: string } | undefined> {
    if (!(await this.directory.isEmpty())) return undefined;
    try {
      await this.createTenant('default', BOOTSTRAP_TENANT_ID);
    } catch (error) {
      if (error instanceof Error && (error as { code?: string }).code === 'conflict') return undefined;
      throw error;
    }
    const setup = await this.enableScim(BOOTSTRAP_TENANT_ID, 'generic');
    if (!setup.apiKey) return undefined;
    return { tenantId: BOOTSTRAP_TENANT_ID, scimBaseUrl: setup.scimBaseUrl, apiKey: setup.apiKey };
  }

  private async load(tenantId: string): Promise<LoadedTenant> {
    assertTenantId(tenantId);
    return this.stream.load(tenantId);
  }

  /**
   * Runs commands in turn through the write model's tenant handlers (read, fold, decide, append
   * at the expected revision, re-decide on a lost race), then refreshes the directory row.
   * `commands` sees the state before the first one, and the instant to use.
   */
  private async execute(
    tenantId: string,
    commands: (state: TenantState, at: string) => TenantCommand[],
  ): Promise<LoadedTenant> {
    assertTenantId(tenantId);
    const at = this.clock.now().toISOString();
    const before = await this.stream.load(tenantId);
    const requestId = currentRequest()?.requestId ?? randomUUID();
    try {
      for (const command of commands(before.state, at)) {
        const metadata: CommandMetadata = {
          tenantId,
          actor: { kind: 'operator' },
          requestId,
          correlationId: requestId,
          causationId: randomUUID(),
          occurredAt: at,
        };
        await this.commandBus.execute(tenantBusCommand(command, metadata));
      }
    } finally {
      // Also after a failure: an earlier command of the list may have been appended.
      await this.announceChange(tenantId);
    }
    const after = await this.stream.load(tenantId);
    await this.directory.save(after, at);
    return after;
  }

  /**
   * Authentication caches must drop the tenant: this process's at once. On the PostgreSQL event
   * store every other process hears it from the append's own trigger (NotifyTenantChanges, at
   * commit); on EventStoreDB the appending process announces it on the same channel.
   */
  private async announceChange(tenantId: string): Promise<void> {
    this.authStates.changed(tenantId);
    if (this.config.EVENT_STORE === 'postgres') return;
    // Not announced (the database is unreachable right now): the caches' TTL bounds the delay.
    await this.pool.query('SELECT pg_notify($1, $2)', [TENANT_CHANGED_CHANNEL, tenantId]).catch(() => undefined);
  }

  private details(tenantId: string, { state, createdAt }: LoadedTenant): TenantDetails {
    if (state.status !== 'created') throw notFound(tenantId);
    return {
      tenantId: state.tenantId,
      name: state.name,
      createdAt: createdAt ?? '',
      scimEnabled: state.scimEnabled,
      idpProfile: state.idpProfile,
      basicAuthEnabled: state.basicAuthEnabled,
      scimBaseUrl: scimBaseUrl(this.config, state.tenantId),
    };
  }
}

function hasWorkingKey(state: TenantState, at: string): boolean {
  if (state.status !== 'created') return false;
  return Object.values(state.keys).some((k) => k.revokedAt === null || Date.parse(k.revokedAt) > Date.parse(at));
}

function notFound(tenantId: string): DomainError {
  return new DomainError('not_found', `tenant ${tenantId} not found`, 'tenancy.tenant.not_found');
}
