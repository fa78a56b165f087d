import { Inject, Injectable, Optional } from '@nestjs/common';
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import { currentRequest, PG_POOL } from '@lib/platform';
import { AuditorEventTypes, auditorStream } from '../model/audit-event';
import type { SqlExecutor } from '../projection/sql';
import { AuditTables } from '../schema/table-names';
import { generateAuditorSecret, hashAuditorSecret, parseAuditorSecret } from './auditor-secret';

/** Time comes from outside so tests can fix it. */
export interface AuditClock {
  now(): Date;
}
export const AUDIT_CLOCK = Symbol('AUDIT_CLOCK');

export interface AuditorPrincipal {
  tenantId: string;
  credentialId: string;
}

export interface IssuedAuditorCredential {
  id: string;
  tenantId: string;
  /** Shown once, never stored. */
  secret: string;
  createdAt: string;
}

export interface AuditorCredentialSummary {
  id: string;
  tenantId: string;
  createdAt: string;
  revokedAt: string | null;
}

/**
 * Read-only, single-tenant credentials for auditors, separate from IdP keys and the operator
 * token. The table is the source of truth for authentication (a credential works the moment it
 * is issued); each issue and revoke is also appended as an event to the tenant's `auditor-`
 * stream, so it lands in the tenant's hash-chained audit log like every other change.
 */
@Injectable()
export class AuditorCredentials {
  /** Stands in for a stored hash when there is none, so every verification costs the same. */
  private readonly dummy = randomBytes(32);
  private readonly clock: AuditClock;

  constructor(
    @Inject(PG_POOL) private readonly db: SqlExecutor,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(AUDIT_CLOCK) clock?: AuditClock,
  ) {
    this.clock = clock ?? { now: () => new Date() };
  }

  async issue(tenantId: string): Promise<IssuedAuditorCredential> {
    const { id, secret, secretHash } = generateAuditorSecret();
    const createdAt = this.clock.now().toISOString();
    const requestId = currentRequest()?.requestId ?? randomUUID();
    await this.db.query(`INSERT INTO ${AuditTables.credentials} (id, tenant_id, secret_hash, created_at, created_request_id) VALUES ($1, $2, $3, $4, $5)`, [
      id,
      tenantId,
      secretHash,
      createdAt,
      requestId,
    ]);
    await this.record(tenantId, AuditorEventTypes.issued, { credentialId: id, createdAt }, createdAt, requestId);
    return { id, tenantId, secret, createdAt };
  }

  /** false when the tenant has no such credential (or it is revoked already). */
  async revoke(tenantId: string, id: string): Promise<boolean> {
    const revokedAt = this.clock.now().toISOString();
    const requestId = currentRequest()?.requestId ?? randomUUID();
    const { rowCount } = await this.db.query(
      `UPDATE ${AuditTables.credentials} SET revoked_at = $3, revoked_request_id = $4 WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL`,
      [tenantId, id, revokedAt, requestId],
    );
    if (!rowCount) return false;
    await this.record(tenantId, AuditorEventTypes.revoked, { credentialId: id, revokedAt }, revokedAt, requestId);
    return true;
  }

  async list(tenantId: string): Promise<AuditorCredentialSummary[]> {
    const { rows } = await this.db.query(`SELECT id, tenant_id, created_at, revoked_at FROM ${AuditTables.credentials} WHERE tenant_id = $1 ORDER BY created_at, id`, [tenantId]);
    return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id, createdAt: new Date(r.created_at).toISOString(), revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null }));
  }

  /**
   * The principal of a presented credential, or undefined. One SHA-256 and one constant-time
   * compare on every path (malformed, unknown, revoked, wrong secret), so timing tells nothing.
   */
  async verify(presented: string): Promise<AuditorPrincipal | undefined> {
    const parsed = parseAuditorSecret(presented);
    const { rows } = parsed
      ? await this.db.query(`SELECT tenant_id, secret_hash FROM ${AuditTables.credentials} WHERE id = $1 AND revoked_at IS NULL`, [parsed.id])
      : { rows: [] as Array<{ tenant_id: string; secret_hash: string }> };
    const stored = rows[0] ? Buffer.from(String(rows[0].secret_hash), 'hex') : undefined;
    const actual = Buffer.from(hashAuditorSecret(presented), 'hex');
    const equal = timingSafeEqual(actual, stored && stored.length === 32 ? stored : this.dummy);
    return equal && stored && parsed ? { tenantId: String(rows[0].tenant_id), credentialId: parsed.id } : undefined;
  }

  private async record(tenantId: string, type: string, data: Record<string, unknown>, occurredAt: string, requestId: string): Promise<void> {
    await this.store.append(auditorStream(tenantId), 'any', [
      {
        eventId: randomUUID(),
        type,
        data: { tenantId, ...data },
        metadata: { tenantId, actor: { kind: 'operator' }, requestId, correlationId: requestId, causationId: requestId, occurredAt, schemaVersion: 1 },
      },
    ]);
  }
}
