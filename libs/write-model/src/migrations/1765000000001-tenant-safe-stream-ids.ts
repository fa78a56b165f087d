import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migratedStreamId, type FirstEventOfStream } from '@lib/domain';

const CHUNK = 5000;

/**
 * Moves the streams of the previous release (`user-{tenantId}-{userId}`, ambiguous when tenant ids
 * prefix each other) to the tenant-safe ids of libs/domain stream-names.ts
 * (`user-{tenantId}:{userId}`). Each new id is built from the stream's first event (tenant and
 * ids), never parsed from the old name. Events keep their positions, revisions, ids and data.
 *
 * Two old userName reservations whose names fold to one key under this release's rule keep the
 * first as the reservation and the other under a `:legacy-…` suffix (listed in the migration's
 * notice); nothing is lost. EventStoreDB stores need the copy described in docs/event-store.md.
 */
export class TenantSafeStreamIds1765000000001 implements MigrationInterface {
  name = 'TenantSafeStreamIds1765000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('LOCK TABLE events, streams IN EXCLUSIVE MODE');
    const firsts: Array<{ stream_id: string; tenant_id: string; data: Record<string, unknown> }> =
      await queryRunner.query(
        `SELECT DISTINCT ON (stream_id) stream_id, metadata ->> 'tenantId' AS tenant_id, data
         FROM events WHERE stream_id NOT LIKE '%:%' AND stream_id NOT LIKE 'tenant-%'
        ORDER BY stream_id, stream_revision`,
      );
    const taken = new Set<string>();
    const moves: Array<[string, string]> = [];
    for (const row of firsts) {
      const first: FirstEventOfStream = { streamId: row.stream_id, tenantId: row.tenant_id, data: row.data };
      let target = migratedStreamId(first);
      if (target === null) continue;
      if (taken.has(target)) {
        target = `${target}:legacy-${row.stream_id.slice(-12)}`;
        console.warn(
          `[migration] ${row.stream_id}: its reservation key is held by another stream ` +
            `under this release's folding; kept as ${target}`,
        );
      }
      taken.add(target);
      moves.push([row.stream_id, target]);
    }
    for (let start = 0; start < moves.length; start += CHUNK) {
      const chunk = moves.slice(start, start + CHUNK);
      const params = [chunk.map(([from]) => from), chunk.map(([, to]) => to)];
      await queryRunner.query(
        'UPDATE events e SET stream_id = m.to_id FROM unnest($1::text[], $2::text[]) AS m(from_id, to_id) ' +
          'WHERE e.stream_id = m.from_id',
        params,
      );
      await queryRunner.query(
        'UPDATE streams s SET stream_id = m.to_id FROM unnest($1::text[], $2::text[]) AS m(from_id, to_id) ' +
          'WHERE s.stream_id = m.from_id',
        params,
      );
    }
  }

  async down(): Promise<void> {
    // The previous names are ambiguous by design; going back would re-open the defect.
    throw new Error('TenantSafeStreamIds1765000000001 cannot be reverted');
  }
}
