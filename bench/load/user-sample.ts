import { Pool } from 'pg';
import type { UserSample } from './protocol';

/**
 * Ids of `size` random users of the tenant, read from the read model once before a job (so the
 * orchestrator need not send a million ids over IPC). TABLESAMPLE keeps it fast at any size; the
 * sample is topped up from the start of the table when the block sample falls short.
 */
export async function sampleUserIds(sample: UserSample): Promise<string[]> {
  const pool = new Pool({ connectionString: sample.databaseUrl, max: 1 });
  try {
    const total = Number(
      (
        await pool.query<{ n: string }>('SELECT count(*) AS n FROM scim_users_v2 WHERE tenant_id = $1', [
          sample.tenantId,
        ])
      ).rows[0].n,
    );
    if (total === 0) throw new Error(`tenant ${sample.tenantId} has no users in the read model`);
    const percent = Math.min(100, (100 * sample.size * 2) / total);
    const sampled = await pool.query<{ id: string }>(
      `SELECT id FROM scim_users_v2 TABLESAMPLE SYSTEM (${percent.toFixed(6)}) WHERE tenant_id = $1 LIMIT $2`,
      [sample.tenantId, sample.size],
    );
    const ids = sampled.rows.map((r) => r.id);
    if (ids.length < Math.min(sample.size, total)) {
      const more = await pool.query<{ id: string }>('SELECT id FROM scim_users_v2 WHERE tenant_id = $1 LIMIT $2', [
        sample.tenantId,
        sample.size - ids.length,
      ]);
      ids.push(...more.rows.map((r) => r.id));
    }
    return ids;
  } finally {
    await pool.end();
  }
}
