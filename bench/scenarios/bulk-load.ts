import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import {
  membershipStream,
  PERSONAL_DATA_FIELD,
  userNameReservationStream,
  userStream,
  streamCategory,
} from '@lib/domain';
import type { AppendToStream, EventToAppend } from '@lib/event-store';
import { loadedUserName } from '../load/protocol';
import { benchEventStore } from '../stack/event-store';
import type { BenchTenant } from '../stack/service';

export interface LoadedData {
  userIds: string[];
  bigGroupId: string;
  smallGroupId: string;
  /** Users of the small group, loaded ones (the template user is a member too). */
  smallMemberIds: string[];
  events: number;
  appendSeconds: number;
  method: string;
}

interface Captured {
  streamId: string;
  type: string;
  data: string;
  metadata: string;
}

const TEMPLATE_USER = 'template@load.bench';
const USERS_PER_APPEND = 2000;
const MEMBERSHIPS_PER_APPEND = 5000;

/**
 * Loads `users` users, a group with all of them as members and a group of 10, without HTTP:
 *
 * 1. one user, two groups and one membership are created over SCIM, so the service's own write
 *    model decides their events; those events are read back from the event store as templates;
 * 2. the templates are cloned with fresh ids and names (stream ids rebuilt with the domain's
 *    stream-name functions) and appended with the PostgreSQL event store adapter's appendMany,
 *    2,000 users (all their streams) per transaction, through the personal-data codec with the
 *    service's key-encryption key (each user gets its own data key, as over SCIM);
 * 3. the read model is then built by a full rebuild (scenario 4), which swaps it in; the running
 *    service's publisher and audit projector catch up from the log.
 */
export async function bulkLoad(
  pool: Pool,
  tenant: BenchTenant,
  users: number,
  log: (line: string) => void,
): Promise<LoadedData> {
  const store = benchEventStore(pool);
  const scim = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${tenant.scimBase}${path}`, {
      method,
      headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as { id?: string };
  };
  // Read through the codec: the templates in clear (their envelopes name the template's key and ids).
  const capture = async (after: number): Promise<Captured[]> =>
    (await store.readAll({ after, maxCount: 10_000 })).map((e) => {
      const { [PERSONAL_DATA_FIELD]: _sealed, ...data } = e.data as Record<string, unknown>;
      return { streamId: e.streamId, type: e.type, data: JSON.stringify(data), metadata: JSON.stringify(e.metadata) };
    });

  let mark = await store.headPosition();
  const template = await scim('POST', '/Users', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: TEMPLATE_USER,
    name: { givenName: 'Ada', familyName: 'Template' },
    emails: [{ value: TEMPLATE_USER, type: 'work', primary: true }],
    active: true,
  });
  const templateId = template.id!;
  const userEvents = await capture(mark);
  const big = await scim('POST', '/Groups', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    displayName: 'bench-large',
  });
  const small = await scim('POST', '/Groups', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    displayName: 'bench-small',
  });
  mark = await store.headPosition();
  await scim('PATCH', `/Groups/${small.id}`, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'add', path: 'members', value: [{ value: templateId }] }],
  });
  const memberEvents = await capture(mark);
  const unexpected = memberEvents.filter((e) => streamCategory(e.streamId) !== 'membership');
  if (unexpected.length > 0)
    log(
      `  note: a member add also wrote ${unexpected
        .map((e) => `${e.type}@${streamCategory(e.streamId)}`)
        .join(', ')}; only membership streams are cloned`,
    );
  const memberTemplate = memberEvents.filter((e) => streamCategory(e.streamId) === 'membership');

  const replaceAll = (text: string, from: string, to: string) => text.split(from).join(to);
  const clone = (e: Captured, map: (text: string) => string): EventToAppend => ({
    eventId: randomUUID(),
    type: e.type,
    data: JSON.parse(map(e.data)) as Record<string, unknown>,
    metadata: JSON.parse(map(e.metadata)) as EventToAppend['metadata'],
  });
  const userStreamFor = (category: string, userId: string, userName: string) => {
    if (category === 'user') return userStream(tenant.tenantId, userId);
    if (category === 'username') return userNameReservationStream(tenant.tenantId, userName);
    throw new Error(`template user write touched an unexpected stream category: ${category}`);
  };

  const started = Date.now();
  let events = 0;
  const userIds: string[] = [];
  for (let from = 0; from < users; from += USERS_PER_APPEND) {
    const requests: AppendToStream[] = [];
    for (let i = from; i < Math.min(users, from + USERS_PER_APPEND); i++) {
      const userId = randomUUID();
      const userName = loadedUserName(i);
      userIds.push(userId);
      const map = (text: string) => replaceAll(replaceAll(text, templateId, userId), TEMPLATE_USER, userName);
      const byStream = new Map<string, EventToAppend[]>();
      for (const e of userEvents) {
        const streamId = userStreamFor(streamCategory(e.streamId), userId, userName);
        byStream.set(streamId, [...(byStream.get(streamId) ?? []), clone(e, map)]);
      }
      for (const [streamId, list] of byStream) requests.push({ streamId, expectedRevision: 'no_stream', events: list });
    }
    await store.appendMany(requests);
    events += requests.reduce((n, r) => n + r.events.length, 0);
  }
  const smallMemberIds = userIds.slice(0, 9);
  const memberships: Array<{ groupId: string; userId: string }> = [
    ...userIds.map((userId) => ({ groupId: big.id!, userId })),
    ...smallMemberIds.map((userId) => ({ groupId: small.id!, userId })),
  ];
  for (let from = 0; from < memberships.length; from += MEMBERSHIPS_PER_APPEND) {
    const requests: AppendToStream[] = memberships
      .slice(from, from + MEMBERSHIPS_PER_APPEND)
      .map(({ groupId, userId }) => ({
        streamId: membershipStream(tenant.tenantId, groupId, userId),
        expectedRevision: 'no_stream',
        events: memberTemplate.map((e) =>
          clone(e, (text) => replaceAll(replaceAll(text, small.id!, groupId), templateId, userId)),
        ),
      }));
    await store.appendMany(requests);
    events += requests.reduce((n, r) => n + r.events.length, 0);
  }
  const appendSeconds = (Date.now() - started) / 1000;
  log(`  appended ${events} events in ${appendSeconds.toFixed(1)} s (${Math.round(events / appendSeconds)} events/s)`);
  return {
    userIds,
    bigGroupId: big.id!,
    smallGroupId: small.id!,
    smallMemberIds,
    events,
    appendSeconds,
    method:
      `${users} users + ${users + 9} memberships loaded as events: the service's own events for one user and one ` +
      `member add, ` +
      `cloned and appended with PostgresEventStore.appendMany through the personal-data codec (${USERS_PER_APPEND} ` +
      `users per transaction), ` +
      `followed by the service's projector, audit projector and publisher as it is appended; then the time until ` +
      `all three reach the head (catch-up), and after that the full rebuild of the read model (scenario 4)`,
  };
}
