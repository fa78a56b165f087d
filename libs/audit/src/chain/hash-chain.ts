import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The previous hash of a tenant's first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** What is hashed of an audit record: everything an auditor reads from it. */
export interface ChainedRecord {
  tenantId: string;
  seq: number;
  position: number;
  eventId: string;
  eventType: string;
  action: string;
  userId: string | null;
  groupId: string | null;
  occurredAt: string;
  actor: unknown;
  requestId: string;
  correlationId: string;
  changes: unknown;
  /** The event's encrypted personal values, when it has any (absent: records of clear events hash as before). */
  sealed?: unknown;
}

/** sha256(prev_hash || canonical JSON of the record), hex. */
export function chainHash(prevHash: string, record: ChainedRecord): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalJson(record), 'utf8').digest('hex');
}

export interface StoredChainRecord extends ChainedRecord {
  prevHash: string;
  hash: string;
}

export interface BrokenLink {
  seq: number;
  eventId: string;
  reason: 'sequence_gap' | 'prev_hash_mismatch' | 'hash_mismatch';
}

/**
 * Verifies records in seq order, chunk by chunk: feed each chunk to `check`, which keeps the
 * running state, so a tenant of any size verifies in constant memory.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  records = 0;
  broken: BrokenLink | undefined;

  /** false once a broken link is found (later records are not checked). */
  check(chunk: readonly StoredChainRecord[]): boolean {
    for (const record of chunk) {
      if (this.broken) return false;
      this.records++;
      const link = { seq: record.seq, eventId: record.eventId };
      if (record.seq !== this.expectedSeq) this.broken = { ...link, reason: 'sequence_gap' };
      else if (record.prevHash !== this.prevHash) this.broken = { ...link, reason: 'prev_hash_mismatch' };
      else if (chainHash(record.prevHash, stripHashes(record)) !== record.hash)
        this.broken = { ...link, reason: 'hash_mismatch' };
      this.expectedSeq = record.seq + 1;
      this.prevHash = record.hash;
    }
    return !this.broken;
  }
}

function stripHashes(record: StoredChainRecord): ChainedRecord {
  const { prevHash: _prev, hash: _hash, ...rest } = record;
  return rest;
}
