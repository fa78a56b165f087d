import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@lib/platform';
import type { TenantSummary } from './tenant-answers';
import type { LoadedTenant } from './tenant-stream';

/**
 * The list of tenants, refreshed from the tenant stream after every successful append. The
 * stream stays the truth: every later command of a tenant rewrites its row from the folded
 * state, so a row missed by a crash between append and upsert is repaired by the next change.
 */
@Injectable()
export class TenantDirectory {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async save({ state, revision, createdAt }: LoadedTenant, now: string): Promise<void> {
    if (state.status !== 'created' || typeof revision !== 'number') return;
    await this.pool.query(
      `INSERT INTO tenancy_tenants (tenant_id, name, created_at, scim_enabled, idp_profile, basic_auth_enabled,
        stream_revision, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (tenant_id) DO UPDATE SET
         name = EXCLUDED.name, scim_enabled = EXCLUDED.scim_enabled, idp_profile = EXCLUDED.idp_profile,
         basic_auth_enabled = EXCLUDED.basic_auth_enabled, stream_revision = EXCLUDED.stream_revision,
           updated_at = EXCLUDED.updated_at
       WHERE tenancy_tenants.stream_revision <= EXCLUDED.stream_revision`,
      [
        state.tenantId,
        state.name,
        createdAt ?? now,
        state.scimEnabled,
        state.idpProfile,
        state.basicAuthEnabled,
        revision,
        now,
      ],
    );
  }

  async list(): Promise<TenantSummary[]> {
    const { rows } = await this.pool.query<{
      tenant_id: string;
      name: string;
      created_at: Date;
      scim_enabled: boolean;
      idp_profile: string | null;
      basic_auth_enabled: boolean;
    }>(
      `SELECT tenant_id, name, created_at, scim_enabled, idp_profile, basic_auth_enabled FROM tenancy_tenants ORDER BY
        created_at, tenant_id`,
    );
    return rows.map((r) => ({
      tenantId: r.tenant_id,
      name: r.name,
      createdAt: r.created_at.toISOString(),
      scimEnabled: r.scim_enabled,
      idpProfile: r.idp_profile,
      basicAuthEnabled: r.basic_auth_enabled,
    }));
  }

  async isEmpty(): Promise<boolean> {
    const { rows } = await this.pool.query(`SELECT 1 FROM tenancy_tenants LIMIT 1`);
    return rows.length === 0;
  }
}
