import { ERASED, isEnvelope, type SealedPersonalData } from '@lib/personal-data';
import type { TimelineEntry } from '../model/answers';
import { disclosedChanges } from '../model/changes';
import type { SqlExecutor } from '../projection/sql';
import { AuditTables as T } from '../schema/table-names';
import { toTimelineEntry, type RecordRow } from './rows';

/** Opens encrypted personal values (the service's personal-data codec implements it). */
export interface PersonalDataReader {
  open(items: readonly SealedPersonalData[]): Promise<Array<Record<string, unknown> | typeof ERASED>>;
}

export interface ResolvedName {
  userName: string | null;
  erased: boolean;
}

/**
 * The personal values of audit answers: decrypted from the records' ciphertext while the
 * person's key exists; for an erased person (a row in audit_erasures_v1, or a destroyed key) the
 * answer keeps ids, times, status and roles and says `erased: true` instead.
 */
export class PersonalAnswers {
  constructor(
    private readonly db: SqlExecutor,
    private readonly reader: PersonalDataReader | null,
  ) {}

  /** The userName each user had (its newest name row up to the instant asked about). */
  async userNames(
    tenantId: string,
    users: ReadonlyArray<{ user_id: string; user_name: string | null; name_event_id: string | null }>,
  ): Promise<Map<string, ResolvedName>> {
    const erased = await this.erasedAmong(
      tenantId,
      users.map((u) => u.user_id),
    );
    const sealed = users.filter((u) => !erased.has(u.user_id) && u.user_name === null && u.name_event_id !== null);
    const opened = await this.openRecords(
      tenantId,
      sealed.map((u) => u.name_event_id!),
    );
    const names = new Map<string, ResolvedName>();
    for (const user of users) {
      if (erased.has(user.user_id)) names.set(user.user_id, { userName: null, erased: true });
      else if (user.user_name !== null || user.name_event_id === null)
        names.set(user.user_id, { userName: user.user_name, erased: false });
      else {
        const personal = opened.get(user.name_event_id);
        names.set(
          user.user_id,
          personal === ERASED
            ? { userName: null, erased: true }
            : { userName: personal ? String(personal.userName) : null, erased: false },
        );
      }
    }
    return names;
  }

  /** The timeline's entries, with the values of encrypted changes disclosed or marked erased. */
  async timeline(tenantId: string, userId: string, rows: readonly RecordRow[]): Promise<TimelineEntry[]> {
    const entries = rows.map(toTimelineEntry);
    const sealed = rows.filter((row) => isEnvelope(row.sealed));
    if (sealed.length === 0) return entries;
    const erased = (await this.erasedAmong(tenantId, [userId])).has(userId);
    const opened = erased
      ? new Map<string, Record<string, unknown> | typeof ERASED>()
      : await this.open(tenantId, sealed);
    return rows.map((row, i) => {
      const entry = entries[i]!;
      if (!isEnvelope(row.sealed)) return entry;
      const personal = opened.get(row.event_id);
      if (erased || personal === undefined || personal === ERASED) return { ...entry, erased: true as const };
      return { ...entry, changes: disclosedChanges(row.event_type, row.changes, personal) };
    });
  }

  private async erasedAmong(tenantId: string, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const { rows } = await this.db.query(
      `SELECT user_id FROM ${T.erasures} WHERE tenant_id = $1 AND user_id = ANY($2::text[])`,
      [tenantId, userIds],
    );
    return new Set(rows.map((row) => String(row.user_id)));
  }

  private async openRecords(
    tenantId: string,
    eventIds: readonly string[],
  ): Promise<Map<string, Record<string, unknown> | typeof ERASED>> {
    if (eventIds.length === 0) return new Map();
    const { rows } = await this.db.query(
      `SELECT event_id, event_type, user_id, sealed FROM ${T.records} WHERE tenant_id = $1 AND event_id =
        ANY($2::uuid[]) AND sealed IS NOT NULL`,
      [tenantId, eventIds],
    );
    return this.open(tenantId, rows as Array<Pick<RecordRow, 'event_id' | 'event_type' | 'user_id' | 'sealed'>>);
  }

  private async open(
    tenantId: string,
    rows: ReadonlyArray<Pick<RecordRow, 'event_id' | 'event_type' | 'user_id' | 'sealed'>>,
  ): Promise<Map<string, Record<string, unknown> | typeof ERASED>> {
    if (!this.reader)
      throw new Error(
        'the audit holds encrypted personal values: AuditQueries needs the personal-data codec (PERSONAL_DATA_CODEC)',
      );
    const items: SealedPersonalData[] = [];
    for (const row of rows) {
      if (isEnvelope(row.sealed) && row.user_id)
        items.push({
          tenantId,
          userId: row.user_id,
          type: row.event_type,
          eventId: row.event_id,
          envelope: row.sealed,
        });
    }
    const opened = await this.reader.open(items);
    return new Map(items.map((item, i) => [item.eventId, opened[i]!]));
  }
}
