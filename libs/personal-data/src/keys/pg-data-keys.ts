import { newKey } from '../crypto/aes-gcm';
import { KeyEncryptionKeyError, type KeyEncryptionKeyProvider } from '../kek/key-encryption-key-provider';
import { PersonalDataTables as T } from '../migrations/table-names';
import {
  ERASED,
  subjectKey,
  uniqueSubjects,
  wrapContext,
  type DataKeys,
  type KeyOrErased,
  type Subject,
} from './data-keys';
import { KeyCache } from './key-cache';

/** The subset of pg's Pool this store uses. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>>; rowCount?: number | null }>;
}

export interface PgDataKeysOptions {
  /** Unwrapped keys kept in memory (default 20,000: about 4 MB). */
  cacheSize?: number;
  /** How long a cached key is used before the store is asked again (default 60 s). */
  cacheTtlMs?: number;
  /**
   * `flushed-with-the-events` (only when the events are appended to the same PostgreSQL server,
   * after the key is created): a new key's commit does not wait for its own WAL flush, because the
   * synchronous commit of the events that use it flushes the WAL past it (WAL is flushed in order),
   * so no event is ever durable without its key. `durable` (default, and for EventStoreDB): every
   * key insert waits for its own flush.
   */
  keyCommit?: 'durable' | 'flushed-with-the-events';
}

export interface KeyStatus {
  /** The KEK new keys are wrapped with (a rewrap moves every live key to it). */
  currentKeyEncryptionKey: string;
  /** Live data keys per key-encryption key. */
  byKek: Array<{ kekId: string; keys: number; current: boolean }>;
  erased: number;
}

interface Waiting {
  subjects: Subject[];
  resolve(keys: Map<string, KeyOrErased>): void;
  reject(error: unknown): void;
}

/**
 * Data keys in PostgreSQL (`personal_data_keys`), wrapped by the KEK provider, cached in memory.
 * Keys are created in batches: the creations requested while one INSERT is in flight share the
 * next one, so a burst of provisionings pays one commit for many keys.
 */
export class PgDataKeys implements DataKeys {
  private readonly cache: KeyCache;
  private queue: Waiting[] = [];
  private creating: Promise<void> | null = null;

  private readonly keyCommit: NonNullable<PgDataKeysOptions['keyCommit']>;

  constructor(
    private readonly db: Queryable,
    private readonly kek: KeyEncryptionKeyProvider,
    options: PgDataKeysOptions = {},
  ) {
    this.cache = new KeyCache({ maxEntries: options.cacheSize ?? 20_000, ttlMs: options.cacheTtlMs ?? 60_000 });
    this.keyCommit = options.keyCommit ?? 'durable';
  }

  async forReading(subjects: readonly Subject[]): Promise<Map<string, KeyOrErased>> {
    const { found, missing } = this.fromCache(subjects);
    if (missing.length === 0) return found;
    for (const [key, value] of await this.load(missing)) {
      this.cache.set(key, value);
      found.set(key, value);
    }
    for (const subject of missing) if (!found.has(subjectKey(subject))) found.set(subjectKey(subject), ERASED);
    return found;
  }

  async forWriting(subjects: readonly Subject[]): Promise<Map<string, KeyOrErased>> {
    const { found, missing } = this.fromCache(subjects);
    if (missing.length === 0) return found;
    const created = await new Promise<Map<string, KeyOrErased>>((resolve, reject) => {
      this.queue.push({ subjects: missing, resolve, reject });
      if (!this.creating) this.creating = this.drain();
    });
    for (const [key, value] of created) found.set(key, value);
    return found;
  }

  async destroy(subject: Subject): Promise<void> {
    await this.db.query(
      `INSERT INTO ${T.keys} (tenant_id, user_id, kek_id, wrapped_key, erased_at) VALUES ($1, $2, NULL, NULL, now())
       ON CONFLICT (tenant_id, user_id) DO UPDATE SET kek_id = NULL, wrapped_key = NULL, erased_at =
       coalesce(${T.keys}.erased_at, now())`,
      [subject.tenantId, subject.userId],
    );
    this.cache.set(subjectKey(subject), ERASED);
    // The old row version (with the wrapped key) stays in the table file until VACUUM reclaims it.
    await this.db.query(`VACUUM ${T.keys}`).catch(() => undefined);
  }

  /** Live keys per KEK and erased ones (for operators before and after a rotation). */
  async status(): Promise<KeyStatus> {
    const { rows } = await this.db.query(
      `SELECT kek_id, count(*)::int AS n FROM ${T.keys} GROUP BY kek_id ORDER BY kek_id NULLS LAST`,
    );
    const byKek = rows
      .filter((r) => r.kek_id !== null)
      .map((r) => ({ kekId: String(r.kek_id), keys: Number(r.n), current: r.kek_id === this.kek.currentKeyId }));
    return {
      currentKeyEncryptionKey: this.kek.currentKeyId,
      byKek,
      erased: Number(rows.find((r) => r.kek_id === null)?.n ?? 0),
    };
  }

  /**
   * Throws unless every KEK that wraps a stored key is configured: a wrong KEK must stop the start, not erase everyone.
   */
  async assertKeksAvailable(): Promise<void> {
    const { rows } = await this.db.query(`SELECT DISTINCT kek_id FROM ${T.keys} WHERE kek_id IS NOT NULL`);
    const unknown = rows.map((r) => String(r.kek_id)).filter((id) => !this.kek.canUnwrap(id));
    if (unknown.length > 0) {
      throw new KeyEncryptionKeyError(
        `data keys are wrapped by key-encryption key ${unknown.join(', ')}, which is not configured ` +
          `(KEY_ENCRYPTION_KEY / KEY_ENCRYPTION_KEY_FILE, or KEY_ENCRYPTION_KEY_PREVIOUS during a rotation)`,
      );
    }
  }

  /**
   * Rewraps every live data key under the current KEK (after a rotation), `batchSize` rows per
   * transaction-less UPDATE guarded by the old KEK id (a concurrent rewrap or erasure wins).
   */
  async rewrap(batchSize = 500): Promise<{ rewrapped: number }> {
    let rewrapped = 0;
    for (;;) {
      const { rows } = await this.db.query(
        `SELECT tenant_id, user_id, kek_id, wrapped_key FROM ${T.keys} WHERE kek_id IS NOT NULL AND kek_id <> $1 ` +
          `LIMIT $2`,
        [this.kek.currentKeyId, batchSize],
      );
      if (rows.length === 0) return { rewrapped };
      const updates = await Promise.all(
        rows.map(async (row) => {
          const subject = { tenantId: String(row.tenant_id), userId: String(row.user_id) };
          const key = await this.kek.unwrap(
            { kekId: String(row.kek_id), wrapped: row.wrapped_key as Buffer },
            wrapContext(subject),
          );
          return { ...subject, oldKekId: String(row.kek_id), wrapped: await this.kek.wrap(key, wrapContext(subject)) };
        }),
      );
      const result = await this.db.query(
        `UPDATE ${T.keys} k SET kek_id = u.kek_id, wrapped_key = u.wrapped_key
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bytea[]) AS u(tenant_id, user_id,
           old_kek_id, kek_id, wrapped_key)
          WHERE k.tenant_id = u.tenant_id AND k.user_id = u.user_id AND k.kek_id = u.old_kek_id`,
        [
          updates.map((u) => u.tenantId),
          updates.map((u) => u.userId),
          updates.map((u) => u.oldKekId),
          updates.map((u) => u.wrapped.kekId),
          updates.map((u) => u.wrapped.wrapped),
        ],
      );
      rewrapped += result.rowCount ?? 0;
    }
  }

  private fromCache(subjects: readonly Subject[]): { found: Map<string, KeyOrErased>; missing: Subject[] } {
    const found = new Map<string, KeyOrErased>();
    const missing: Subject[] = [];
    for (const subject of uniqueSubjects(subjects)) {
      const cached = this.cache.get(subjectKey(subject));
      if (cached === undefined) missing.push(subject);
      else found.set(subjectKey(subject), cached);
    }
    return { found, missing };
  }

  private async load(subjects: readonly Subject[]): Promise<Map<string, KeyOrErased>> {
    const { rows } = await this.db.query(
      `SELECT k.tenant_id, k.user_id, k.kek_id, k.wrapped_key FROM ${T.keys} k
         JOIN unnest($1::text[], $2::text[]) AS s(tenant_id, user_id) ON k.tenant_id = s.tenant_id AND k.user_id =
         s.user_id`,
      [subjects.map((s) => s.tenantId), subjects.map((s) => s.userId)],
    );
    return this.unwrapRows(rows);
  }

  private async unwrapRows(rows: Array<Record<string, unknown>>): Promise<Map<string, KeyOrErased>> {
    const keys = new Map<string, KeyOrErased>();
    await Promise.all(
      rows.map(async (row) => {
        const subject = { tenantId: String(row.tenant_id), userId: String(row.user_id) };
        if (row.wrapped_key === null) keys.set(subjectKey(subject), ERASED);
        else
          keys.set(
            subjectKey(subject),
            await this.kek.unwrap(
              { kekId: String(row.kek_id), wrapped: row.wrapped_key as Buffer },
              wrapContext(subject),
            ),
          );
      }),
    );
    return keys;
  }

  /** Creates the keys of everything queued, one INSERT per round, until the queue is empty. */
  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        const keys = await this.create(uniqueSubjects(batch.flatMap((w) => w.subjects)));
        for (const waiting of batch)
          waiting.resolve(new Map(waiting.subjects.map((s) => [subjectKey(s), keys.get(subjectKey(s))!])));
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.creating = null;
  }

  /**
   * Inserts a fresh key for each subject that has none; a subject that has one (created by
   * another process, or erased) keeps it, and that stored key is what is returned.
   */
  private async create(subjects: Subject[]): Promise<Map<string, KeyOrErased>> {
    const candidates = await Promise.all(
      subjects.map(async (subject) => {
        const key = newKey();
        return { subject, key, wrapped: await this.kek.wrap(key, wrapContext(subject)) };
      }),
    );
    // One statement, so set_config(..., true) holds for exactly its implicit transaction (and its commit).
    const commit = this.keyCommit === 'durable' ? 'on' : 'off';
    const { rows } = await this.db.query(
      `WITH commit_mode AS (SELECT set_config('synchronous_commit', '${commit}', true))
       INSERT INTO ${T.keys} (tenant_id, user_id, kek_id, wrapped_key)
       SELECT u.tenant_id, u.user_id, u.kek_id, u.wrapped_key
         FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[]) AS u(tenant_id, user_id, kek_id,
         wrapped_key), commit_mode
       ON CONFLICT (tenant_id, user_id) DO NOTHING
       RETURNING tenant_id, user_id`,
      [
        candidates.map((c) => c.subject.tenantId),
        candidates.map((c) => c.subject.userId),
        candidates.map((c) => c.wrapped.kekId),
        candidates.map((c) => c.wrapped.wrapped),
      ],
    );
    const inserted = new Set(
      rows.map((row) => subjectKey({ tenantId: String(row.tenant_id), userId: String(row.user_id) })),
    );
    const keys = new Map<string, KeyOrErased>();
    for (const { subject, key } of candidates)
      if (inserted.has(subjectKey(subject))) keys.set(subjectKey(subject), key);
    const existing = subjects.filter((s) => !inserted.has(subjectKey(s)));
    if (existing.length > 0) for (const [k, v] of await this.load(existing)) keys.set(k, v);
    for (const subject of subjects) {
      const value = keys.get(subjectKey(subject));
      if (value === undefined)
        throw new Error(`data key of ${subject.tenantId}/${subject.userId} neither created nor found`);
      this.cache.set(subjectKey(subject), value);
    }
    return keys;
  }
}
