import { Client } from 'pg';
import type { EventStore, RecordedEvent } from '@lib/event-store';
import { ensureCheckpoint, readCheckpoint, saveCheckpoint } from '../checkpoint/checkpoint-store';
import { applyEvents } from '../projection/apply-events';
import { ReadModelDraft } from '../projection/draft';
import { foldEvents, formatFailure } from '../projection/fold-events';
import { writeDraft } from '../projection/write-draft';
import { readModelDdl } from '../schema/read-model-ddl';
import { qualifiedTables, SCIM_PROJECTION_NAME, TableNames } from '../schema/table-names';

export interface RebuildOptions {
  /** Events per readAll call. */
  readBatchSize?: number;
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
export async function rebuildReadModels(url: string, eventStore: EventStore, options: RebuildOptions = {}): Promise<RebuildReport> {
  const log = options.log ?? (() => undefined);
  const projection = options.projection ?? SCIM_PROJECTION_NAME;
  const readBatchSize = options.readBatchSize ?? 5000;
  const started = Date.now();
  const stamp = `${Date.now()}_${process.pid}`;
  const buildSchema = `rm_build_${stamp}`;
  const oldSchema = `rm_old_${stamp}`;
  const buildTables = qualifiedTables(buildSchema);
  const client = new Client({ connectionString: url, application_name: 'scim-read-model-rebuild' });
  await client.connect();
  try {
    const ddl = readModelDdl(buildSchema);
    await client.query(`CREATE SCHEMA "${buildSchema}"`);
    for (const statement of ddl.tables) await client.query(statement);

    const draft = new ReadModelDraft();
    let position = 0;
    let events = 0;
    const head = await eventStore.headPosition();
    while (position < head) {
      const batch = await eventStore.readAll({ after: position, maxCount: readBatchSize });
      if (batch.length === 0) break;
      const outcome = foldEvents(draft, batch);
      if (outcome.failure) throw new RebuildError(`rebuild stopped at ${formatFailure(outcome.failure)}`);
      events += batch.length;
      position = batch[batch.length - 1].globalPosition;
    }
    log(`folded ${events} events up to position ${position} in ${Date.now() - started} ms`);
    await writeDraft(client, buildTables, draft, { intoEmptyTables: true });
    for (const statement of ddl.indexes) await client.query(statement);
    await client.query(`ANALYZE ${Object.values(buildTables).join(', ')}`);
    log(`wrote and indexed ${buildSchema} in ${Date.now() - started} ms`);

    const finalPosition = await swapIn(client, eventStore, { projection, buildSchema, oldSchema, position });
    await client.query(`DROP SCHEMA "${oldSchema}" CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS "${buildSchema}" CASCADE`);
    const seconds = (Date.now() - started) / 1000;
    const count = async (table: string) => Number((await client.query(`SELECT count(*) AS n FROM public."${table}"`)).rows[0].n);
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
    await client.end();
  }
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
    const batch: RecordedEvent[] = (await eventStore.readAll({ after: position, maxCount: 5000 })).filter((e) => e.globalPosition <= target);
    if (batch.length === 0) break;
    const outcome = await applyEvents(client, qualifiedTables(swap.buildSchema), batch);
    if (outcome.failure) throw new RebuildError(`catch-up stopped at ${formatFailure(outcome.failure)}`);
    position = batch[batch.length - 1].globalPosition;
  }
  await client.query(`CREATE SCHEMA "${swap.oldSchema}"`);
  for (const table of Object.values(TableNames)) await client.query(`ALTER TABLE public."${table}" SET SCHEMA "${swap.oldSchema}"`);
  for (const table of Object.values(TableNames)) await client.query(`ALTER TABLE "${swap.buildSchema}"."${table}" SET SCHEMA public`);
  await saveCheckpoint(client, swap.projection, position, null);
  await client.query('COMMIT');
  return position;
}
