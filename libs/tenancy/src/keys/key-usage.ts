import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@lib/platform';

/** "Last used" is informational, so it is written at most once a minute per key and process. */
const WRITE_EVERY_MS = 60_000;

/** When each key was last used; written off the request path, never blocking authentication. */
@Injectable()
export class KeyUsage {
  private readonly logger = new Logger(KeyUsage.name);
  private readonly lastWritten = new Map<string, number>();

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  touch(tenantId: string, keyId: string, at: Date): void {
    const cacheKey = `${tenantId}\u0000${keyId}`;
    const previous = this.lastWritten.get(cacheKey);
    if (previous !== undefined && at.getTime() - previous < WRITE_EVERY_MS) return;
    if (this.lastWritten.size > 10_000) this.lastWritten.clear();
    this.lastWritten.set(cacheKey, at.getTime());
    this.pool
      .query(
        `INSERT INTO tenancy_key_usage (tenant_id, key_id, last_used_at) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id, key_id) DO UPDATE SET last_used_at = GREATEST(tenancy_key_usage.last_used_at,
           EXCLUDED.last_used_at)`,
        [tenantId, keyId, at],
      )
      .catch((error: unknown) =>
        this.logger.warn(`could not record key usage: ${error instanceof Error ? error.message : String(error)}`),
      );
  }

  async lastUsed(tenantId: string): Promise<Map<string, string>> {
    const { rows } = await this.pool.query<{ key_id: string; last_used_at: Date }>(
      `SELECT key_id, last_used_at FROM tenancy_key_usage WHERE tenant_id = $1`,
      [tenantId],
    );
    return new Map(rows.map((r) => [r.key_id, r.last_used_at.toISOString()]));
  }
}
