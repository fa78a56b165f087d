import type { RecordedEvent } from '@lib/event-store';
import type { QualifiedTables } from '../schema/table-names';
import { foldEvents, type FoldOutcome } from './fold-events';
import { loadDraft } from './load-draft';
import type { SqlExecutor } from './sql-executor';
import { writeDraft } from './write-draft';

/**
 * Applies a batch of events to the read-model tables on `db` (inside the caller's transaction):
 * load what the batch touches, fold, write back. Returns how far it got and the failing event.
 */
export async function applyEvents(
  db: SqlExecutor,
  tables: QualifiedTables,
  events: readonly RecordedEvent[],
): Promise<FoldOutcome> {
  const draft = await loadDraft(db, tables, events);
  const outcome = foldEvents(draft, events);
  await writeDraft(db, tables, draft);
  return outcome;
}
