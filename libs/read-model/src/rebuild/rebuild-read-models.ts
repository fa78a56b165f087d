import { Client, Pool } from 'pg';
import type { EventStore, RecordedEvent } from '@lib/event-store';
import { ensureCheckpoint, readCheckpoint, saveCheckpoint } from '../checkpoint/checkpoint-store';
import { applyEvents } from '../projection/apply-events';
import { ReadModelDraft, splitKey } from '../projection/draft';
import { foldEvents, formatFailure } from '../projection/fold-events';
import { writeDraft } from '../projection/write-draft';
import { readModelDdl, readModelDdlAdditions } from '../schema/read-model-ddl';
import { qualifiedTables, SCIM_PROJECTION_NAME, TableNames } from '../schema/table-names';

export interface RebuildOptions {
  /** Events per readAll call. */
  readBatchSize?: number;
  /** Connections used to read the log, write rows and build indexes in parallel. */
  parallelism?: number;
  projection?: string;
  log?: (line: string) => void;
}

export interface RebuildReport {
  events: number;
  /** The checkpoint the swapped-in tables are at. */
  position: number;
  seconds: number;
  eventsPerSecond: number;
  users: number;
  groups: number;
}

export class RebuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RebuildError';
  }
}

/**
 * Builds the read models from the whole log into NEW tables in a fresh schema, then swaps them
 * in atomically while the gateway keeps reading the old ones until the swap commits:
 *
 * 1. fold every event in memory (the same reducers as the projector), write the rows with
 *    multi-row statements into `rm_build_<ts>`, then create the indexes once;
 * 2. in ONE transaction: lock the checkpoint row (waits for an in-flight projector batch and
 *    holds the projector off), apply what the live projector committed after our read, move the
 *    live tables out and the new ones in (ALTER TABLE ... SET SCHEMA), save the checkpoint;
 * 3. drop the old tables.
 */
export async function rebuildReadModels(
  url: string,
  eventStore: EventStore,
  options: RebuildOptions = {},
): Promise<RebuildReport> {
  const log = options.log ?? (() => undefined);
  const projection = options.projection ?? SCIM_PROJECTION_NAME;
  const readBatchSize = options.readBatchSize ?? 5000;
  const parallelism = options.parallelism ?? 2;
  const started = Date.now();
  const stamp = `${Date.now()}_${process.pid}`;
  const buildSchema = `rm_build_${stamp}`;
  const oldSchema = `rm_old_${stamp}`;
  const buildTables = qualifiedTables(buildSchema);
  const client = new Client({ connectionString: url, application_name: 'scim-read-model-rebuild' });
  await client.connect();
  const workers = new Pool({ connectionString: url, max: parallelism, application_name: 'scim-read-model-rebuild' });
  workers.on('connect', (worker) => void worker.query("SET maintenance_work_mem = '256MB'").catch(() => undefined));
  try {
    const ddl = readModelDdl(buildSchema);
    await client.query(`CREATE SCHEMA "${buildSchema}"`);
    for (const statement of [...ddl.tables, ...readModelDdlAdditions(buildSchema)]) await client.query(statement);

    const draft = new ReadModelDraft();
    let position = 0;
    let events = 0;
    const head = await eventStore.headPosition();
    for await (const batch of readLog(eventStore, head, readBatchSize, parallelism)) {
      const fresh = batch.filter((event) => event.globalPosition > position);
      if (fresh.length === 0) continue;
      const outcome = foldEvents(draft, fresh);
      if (outcome.failure) throw new RebuildError(`rebuild stopped at ${formatFailure(outcome.failure)}`);
      events += fresh.length;
      position = fresh[fresh.length - 1].globalPosition;
    }
    log(`folded ${events} events up to position ${position} in ${Date.now() - started} ms`);
    await Promise.all(
      partition(draft, parallelism).map(async (part) => {
        const worker = await workers.connect();
        try {
          await writeDraft(worker, buildTables, part, { intoEmptyTables: true });
        } finally {
          worker.release();
        }
      }),
    );
    log(`wrote rows into ${buildSchema} in ${Date.now() - started} ms`);
    // CREATE INDEX takes a SHARE lock: several can build on one table at the same time.
    await Promise.all(ddl.indexes.map((statement) => workers.query(statement)));
    await client.query(`ANALYZE ${Object.values(buildTables).join(', ')}`);
    log(`wrote and indexed ${buildSchema} in ${Date.now() - started} ms`);

    const finalPosition = await swapIn(client, eventStore, { projection, buildSchema, oldSchema, position });
    await client.query(`DROP SCHEMA "${oldSchema}" CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS "${buildSchema}" CASCADE`);
    const seconds = (Date.now() - started) / 1000;
    const count = async (table: string) =>
      Number((await client.query(`SELECT count(*) AS n FROM public."${table}"`)).rows[0].n);
    return {
      events,
      position: finalPosition,
      seconds,
      eventsPerSecond: Math.round(events / Math.max(seconds, 0.001)),
      users: await count(TableNames.users),
      groups: await count(TableNames.groups),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.query(`DROP SCHEMA IF EXISTS "${buildSchema}" CASCADE`).catch(() => undefined);
    throw error;
  } finally {
    await workers.end();
    await client.end();
  }
}

/**
 * The log from the start up to `head`, in order, reading `parallelism` windows ahead at once.
 * Window i asks for the events after `base + i * size`: positions are unique and increasing, so a
 * full window always reaches the start of the next one (overlap, filtered by the caller, but
 * never a hole); a short window means the head was reached.
 */
async function* readLog(
  eventStore: EventStore,
  head: number,
  size: number,
  parallelism: number,
): AsyncGenerator<RecordedEvent[]> {
  let base = 0;
  while (base < head) {
    const windows = Array.from({ length: parallelism }, (_, i) => base + i * size)
      .filter((after) => after < head)
      .map((after) => eventStore.readAll({ after, maxCount: size }));
    let reachedEnd = false;
    let last = base;
    for (const window of windows) {
      const batch = await window;
      if (batch.length > 0) {
        last = Math.max(last, batch[batch.length - 1].globalPosition);
        yield batch;
      }
      if (batch.length < size) {
        reachedEnd = true;
        break;
      }
    }
    if (reachedEnd || last <= base) return;
    base = last;
  }
}

/** Splits a complete draft into `parts` drafts with disjoint rows, written on separate connections. */
function partition(draft: ReadModelDraft, parts: number): ReadModelDraft[] {
  const drafts = Array.from({ length: parts }, () => new ReadModelDraft());
  let i = 0;
  for (const user of draft.users.values()) if (user) drafts[i++ % parts].putUser(user);
  for (const group of draft.groups.values()) if (group) drafts[i++ % parts].putGroup(group);
  for (const [pair, isMember] of draft.memberships) {
    if (!isMember) continue;
    const [tenantId, groupId, userId] = splitKey(pair);
    drafts[i++ % parts].setMember(tenantId, groupId, userId, true, draft.memberDisplays.get(pair));
  }
  return drafts;
}

async function swapIn(
  client: Client,
  eventStore: EventStore,
  swap: { projection: string; buildSchema: string; oldSchema: string; position: number },
): Promise<number> {
  await ensureCheckpoint(client, swap.projection);
  await client.query('BEGIN');
  const checkpoint = await readCheckpoint(client, swap.projection, { forUpdate: true });
  let position = swap.position;
  // The live projector may have committed past our read: bring the new tables to its position
  // so that its next batch continues seamlessly on them.
  const target = checkpoint?.position ?? 0;
  while (position < target) {
    const batch: RecordedEvent[] = (await eventStore.readAll({ after: position, maxCount: 5000 })).filter(
      (e) => e.globalPosition <= target,
    );
    if (batch.length === 0) break;
    const outcome = await applyEvents(client, qualifiedTables(swap.buildSchema), batch);
    if (outcome.failure) throw new RebuildError(`catch-up stopped at ${formatFailure(outcome.failure)}`);
    position = batch[batch.length - 1].globalPosition;
  }
  await client.query(`CREATE SCHEMA "${swap.oldSchema}"`);
  for (const table of Object.values(TableNames))
    await client.query(`ALTER TABLE public."${table}" SET SCHEMA "${swap.oldSchema}"`);
  for (const table of Object.values(TableNames))
    await client.query(`ALTER TABLE "${swap.buildSchema}"."${table}" SET SCHEMA public`);
  await saveCheckpoint(client, swap.projection, position, null);
  await client.query('COMMIT');
  return position;
}
