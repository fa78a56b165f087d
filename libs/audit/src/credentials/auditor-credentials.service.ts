import { Inject, Injectable, Optional } from '@nestjs/common';
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  EVENT_STORE,
  WrongExpectedRevisionError,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
} from '@lib/event-store';
import { currentRequest, PG_POOL } from '@lib/platform';
import { isTenantId } from '@lib/tenancy';
import { AuditorEventTypes, auditorStream } from '../model/audit-event';
import type { SqlExecutor } from '../projection/sql';
import { AuditTables } from '../schema/table-names';
import { generateAuditorSecret, hashAuditorSecret, parseAuditorSecret } from './auditor-secret';
import type { AuditorCredentialSummary, IssuedAuditorCredential } from './auditor-credential-answers';

/** Time comes from outside so tests can fix it. */
export interface AuditClock {
  now(): Date;
}
export const AUDIT_CLOCK = Symbol('AUDIT_CLOCK');

export interface AuditorPrincipal {
  tenantId: string;
  credentialId: string;
}

/** One credential as its events say: issued (with the hash of its secret), perhaps revoked. */
interface CredentialState {
  id: string;
  createdAt: string;
  revokedAt: string | null;
  /** Absent for a credential issued before the hash moved into the event: its row holds it. */
  secretHash?: string;
}

const MAX_REVOKE_ATTEMPTS = 3;

/**
 * Read-only, single-tenant credentials for auditors, separate from IdP keys and the operator
 * token. A credential IS its events on the tenant's `auditor-{tenantId}` stream, as a SCIM API
 * key is its tenant-stream events: `AuditorCredentialIssued` carries the SHA-256 of the secret,
 * `AuditorCredentialRevoked` ends it, and authentication folds the stream. Issuing or revoking
 * is therefore one append: a credential never works without its audit record, and a failed
 * append leaves nothing behind. The audit projection chains both events like every other change.
 *
 * Credentials issued before this design live in `audit_auditor_credentials_v1` (their events
 * carry no hash): such a credential works while both its events and its row say it is active.
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
    await this.store.append(auditorStream(tenantId), 'any', [
      this.event(tenantId, AuditorEventTypes.issued, { credentialId: id, createdAt, secretHash }, createdAt),
    ]);
    return { id, tenantId, secret, createdAt };
  }

  /** false when the tenant has no such credential (or it is revoked already). */
  async revoke(tenantId: string, id: string): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const { credentials, revision } = await this.load(tenantId);
      const credential = credentials.get(id);
      if (!credential || credential.revokedAt !== null) return false;
      const revokedAt = this.clock.now().toISOString();
      try {
        // Guarded by the revision read: two concurrent revokes record one revocation.
        await this.store.append(auditorStream(tenantId), revision, [
          this.event(tenantId, AuditorEventTypes.revoked, { credentialId: id, revokedAt }, revokedAt),
        ]);
        return true;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_REVOKE_ATTEMPTS) throw error;
      }
    }
  }

  async list(tenantId: string): Promise<AuditorCredentialSummary[]> {
    const { credentials } = await this.load(tenantId);
    return [...credentials.values()]
      .sort((a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? -1 : 1))
      .map((c) => ({
        id: c.id,
        tenantId,
        createdAt: new Date(c.createdAt).toISOString(),
        revokedAt: c.revokedAt === null ? null : new Date(c.revokedAt).toISOString(),
      }));
  }

  /**
   * The principal of a credential presented for `tenantId` (the URL's), or undefined. One
   * SHA-256 and one constant-time compare on every path (malformed, unknown, revoked, wrong
   * secret, another tenant's), so timing tells nothing.
   */
  /**
   * Whether a credential of this tenant is issued and not revoked (a console session it opened holds only while it is).
   */
  async isActive(tenantId: string, id: string): Promise<boolean> {
    if (!isTenantId(tenantId)) return false;
    const credential = (await this.load(tenantId)).credentials.get(id);
    if (!credential || credential.revokedAt !== null) return false;
    return credential.secretHash !== undefined || (await this.legacyHash(tenantId, credential.id)) !== undefined;
  }

  async verify(presented: string, tenantId: string): Promise<AuditorPrincipal | undefined> {
    const parsed = parseAuditorSecret(presented);
    const credential =
      parsed && isTenantId(tenantId) ? (await this.load(tenantId)).credentials.get(parsed.id) : undefined;
    const hash =
      credential && credential.revokedAt === null
        ? (credential.secretHash ?? (await this.legacyHash(tenantId, credential.id)))
        : undefined;
    const stored = hash ? Buffer.from(hash, 'hex') : undefined;
    const actual = Buffer.from(hashAuditorSecret(presented), 'hex');
    const equal = timingSafeEqual(actual, stored && stored.length === 32 ? stored : this.dummy);
    return equal && stored && parsed ? { tenantId, credentialId: parsed.id } : undefined;
  }

  private async load(
    tenantId: string,
  ): Promise<{ credentials: Map<string, CredentialState>; revision: ExpectedRevision }> {
    const events = await this.store.readStream(auditorStream(tenantId));
    const credentials = new Map<string, CredentialState>();
    for (const event of events) {
      const data = event.data as { credentialId?: string; createdAt?: string; revokedAt?: string; secretHash?: string };
      if (!data.credentialId) continue;
      if (event.type === AuditorEventTypes.issued) {
        credentials.set(data.credentialId, {
          id: data.credentialId,
          createdAt: data.createdAt ?? event.metadata.occurredAt,
          revokedAt: null,
          secretHash: data.secretHash,
        });
      } else if (event.type === AuditorEventTypes.revoked) {
        const credential = credentials.get(data.credentialId);
        if (credential) credential.revokedAt = data.revokedAt ?? event.metadata.occurredAt;
      }
    }
    const last = events[events.length - 1];
    return { credentials, revision: last ? last.streamRevision : 'no_stream' };
  }

  /** The hash of a credential issued before hashes moved into events, while its row is active. */
  private async legacyHash(tenantId: string, id: string): Promise<string | undefined> {
    const { rows } = await this.db.query(
      `SELECT secret_hash FROM ${AuditTables.credentials} WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL`,
      [tenantId, id],
    );
    return rows[0] ? String(rows[0].secret_hash) : undefined;
  }

  private event(tenantId: string, type: string, data: Record<string, unknown>, occurredAt: string): EventToAppend {
    const requestId = currentRequest()?.requestId ?? randomUUID();
    return {
      eventId: randomUUID(),
      type,
      data: { tenantId, ...data },
      metadata: {
        tenantId,
        actor: { kind: 'operator' },
        requestId,
        correlationId: requestId,
        causationId: requestId,
        occurredAt,
        schemaVersion: 1,
      },
    };
  }
}
