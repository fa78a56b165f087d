import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';

/** The operator token the service processes of these tests run with. */
export const operatorToken = (): string => `op_${randomBytes(24).toString('base64url')}`;

export interface ScimTenant {
  tenantId: string;
  scimBase: string;
  apiKey: string;
}

/** A tenant with SCIM on (generic profile), through the admin API. */
export async function provisionTenant(baseUrl: string, token: string, tenantId: string): Promise<ScimTenant> {
  const admin = (method: string, path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const created = await admin('POST', '/admin/tenants', { name: tenantId, id: tenantId });
  if (created.status !== 201) throw new Error(`tenant ${tenantId}: ${created.status} ${await created.text()}`);
  const enabled = await admin('PUT', `/admin/tenants/${tenantId}/scim`, { idpProfile: 'generic' });
  if (!enabled.ok) throw new Error(`scim ${tenantId}: ${enabled.status} ${await enabled.text()}`);
  const { scimBaseUrl, apiKey } = (await enabled.json()) as { scimBaseUrl: string; apiKey: string };
  return { tenantId, scimBase: scimBaseUrl, apiKey };
}

export async function scim(
  tenant: ScimTenant,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 20_000,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${tenant.scimBase}${path}`, {
    method,
    headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/scim+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: response.headers,
  };
}

export const userBody = (userName: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  name: { givenName: 'Ada', familyName: 'Test' },
  active: true,
});

/** One attempted create: when it was sent, when it was answered, and how. */
export interface Attempt {
  sentAt: number;
  answeredAt: number;
  status: number | 'network';
  id?: string;
}

/**
 * Creates users through SCIM from `concurrency` loops until stopped, remembering every attempt.
 * A 201 is an acknowledged write: it must never be lost, whatever happens to the database after.
 */
export class CreateLoad {
  readonly attempts: Attempt[] = [];
  readonly acknowledged = new Map<string, string>();
  private running = false;
  private loops: Array<Promise<void>> = [];
  private counter = 0;

  constructor(
    private readonly tenant: ScimTenant,
    private readonly concurrency = 3,
    private readonly prefix = `u${randomBytes(3).toString('hex')}`,
  ) {}

  start(): void {
    this.running = true;
    this.loops = Array.from({ length: this.concurrency }, () => this.loop());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** The first acknowledged create sent at or after `since`: writes work again. */
  firstSuccessSentAfter(since: number): Attempt | undefined {
    return this.attempts
      .filter((a) => a.status === 201 && a.sentAt >= since)
      .sort((a, b) => a.answeredAt - b.answeredAt)[0];
  }

  statuses(since = 0): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const a of this.attempts)
      if (a.sentAt >= since) counts[String(a.status)] = (counts[String(a.status)] ?? 0) + 1;
    return counts;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const userName = `${this.prefix}-${++this.counter}@load.test`;
      const sentAt = Date.now();
      try {
        const answer = await scim(this.tenant, 'POST', '/Users', userBody(userName));
        const id = typeof answer.body.id === 'string' ? answer.body.id : undefined;
        this.attempts.push({ sentAt, answeredAt: Date.now(), status: answer.status, id });
        if (answer.status === 201 && id) this.acknowledged.set(id, userName);
      } catch {
        this.attempts.push({ sentAt, answeredAt: Date.now(), status: 'network' });
      }
      // An unreachable service answers at once: do not spin.
      if (this.attempts[this.attempts.length - 1]!.status !== 201) await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export interface FollowerPositions {
  head: number;
  projector: number;
  audit: number;
  publisher: number;
}

export async function followerPositions(pool: Pool): Promise<FollowerPositions> {
  const { rows } = await pool.query<{
    head: string;
    projector: string | null;
    audit: string | null;
    publisher: string | null;
  }>(
    `SELECT (SELECT last_position FROM event_store_position WHERE id = 1) AS head,
            (SELECT max(position) FROM projector_checkpoints) AS projector,
            (SELECT max(position) FROM audit_checkpoints_v1) AS audit,
            (SELECT max(position) FROM publisher_checkpoints) AS publisher`,
  );
  const row = rows[0]!;
  return {
    head: Number(row.head),
    projector: Number(row.projector ?? 0),
    audit: Number(row.audit ?? 0),
    publisher: Number(row.publisher ?? 0),
  };
}

/** Every follower has committed `position` (or the head at the call). */
export async function followersReach(pool: Pool, timeoutMs: number, position?: number): Promise<FollowerPositions> {
  const target = position ?? (await followerPositions(pool)).head;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let last: FollowerPositions | undefined;
    try {
      last = await followerPositions(pool);
      if (last.projector >= target && last.audit >= target && last.publisher >= target) return last;
    } catch {
      // the database may still be coming back
    }
    if (Date.now() > deadline)
      throw new Error(`followers did not reach ${target} within ${timeoutMs} ms: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
