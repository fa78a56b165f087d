import { chainHash, GENESIS_HASH, type ChainedRecord } from '../chain/hash-chain';
import { AuditTables } from '../schema/table-names';
import type { SqlExecutor } from './sql';

export type RecordBody = Omit<ChainedRecord, 'seq'>;

/**
 * Appends records to each tenant's hash chain inside the projection's transaction. One per
 * transaction: the chain heads it caches are only valid until that transaction ends (a rollback
 * discards them with it). The checkpoint row lock makes the projection the only writer.
 */
export class ChainAppender {
  private readonly heads = new Map<string, { seq: number; hash: string }>();

  constructor(private readonly db: SqlExecutor) {}

  async append(body: RecordBody): Promise<void> {
    const head = await this.head(body.tenantId);
    const record: ChainedRecord = { ...body, seq: head.seq + 1 };
    const hash = chainHash(head.hash, record);
    await this.db.query(
      `INSERT INTO ${AuditTables.records}
         (tenant_id, seq, position, event_id, event_type, action, user_id, group_id, occurred_at, actor, request_id, correlation_id, changes, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        record.tenantId,
        record.seq,
        record.position,
        record.eventId,
        record.eventType,
        record.action,
        record.userId,
        record.groupId,
        record.occurredAt,
        JSON.stringify(record.actor),
        record.requestId,
        record.correlationId,
        JSON.stringify(record.changes),
        head.hash,
        hash,
      ],
    );
    this.heads.set(body.tenantId, { seq: record.seq, hash });
  }

  private async head(tenantId: string): Promise<{ seq: number; hash: string }> {
    const cached = this.heads.get(tenantId);
    if (cached) return cached;
    const { rows } = await this.db.query(`SELECT seq, hash FROM ${AuditTables.records} WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1`, [tenantId]);
    const head = rows[0] ? { seq: Number(rows[0].seq), hash: String(rows[0].hash) } : { seq: 0, hash: GENESIS_HASH };
    this.heads.set(tenantId, head);
    return head;
  }
}
