import type { Pool } from 'pg';
import { StreamPrefix } from '@lib/domain';
import type { MemberDirectory } from '../shared/tokens';

/**
 * FOR TESTS ONLY: a MemberDirectory that reads the PostgreSQL event store's `events` table
 * directly (the latest event of each membership stream of the group). Exact, never lagging, but
 * a scan of the group's membership streams; production uses the read model's implementation.
 * `atLeast` needs no wait here: the table is the store itself.
 */
export class EventsTableMemberDirectoryForTests implements MemberDirectory {
  constructor(private readonly pool: Pool) {}

  async currentMembers(tenantId: string, groupId: string): Promise<string[]> {
    const prefix = `${StreamPrefix.membership}-${tenantId}:${groupId}:`;
    const result = await this.pool.query<{ type: string; data: { memberIds: string[] } }>(
      `SELECT DISTINCT ON (stream_id) type, data FROM events
       WHERE stream_id LIKE $1 ESCAPE '\\' ORDER BY stream_id, stream_revision DESC`,
      [`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`],
    );
    return result.rows.filter((r) => r.type === 'GroupMembersAdded').flatMap((r) => r.data.memberIds);
  }
}
