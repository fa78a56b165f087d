import { randomBytes, randomInt } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { AUDIT_PROJECTION_NAME, AuditProjector, AuditQueries, AuditTables } from '@lib/audit';
import { rebuildReadModels } from '@lib/read-model';
import { startTestApp, type TestApp } from '../../support/app';
import { serviceEventStore } from '../../support/key-encryption-key';
import { eventually } from '../../support/service-process';
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, PATCH_OP, provisionTenant, user, type ScimTenant } from '../../support/scim';
import { dumpReadModel } from '../read-model/support/read-model-fixture';

/**
 * Issue 18, "done when": a person with distinctive values is provisioned through the service's
 * HTTP API, changed (renamed too), given a role, deactivated and erased. Then no table of the
 * database (every one, listed from information_schema, every column as text) and no record of
 * any topic of the run's Kafka broker holds one of those values in clear; the audit API still
 * answers "who had access at T" before the erasure with the user id and an erased marker; the
 * hash chain verifies; and rebuilding the read model and replaying the audit from the log give
 * the very same state.
 */
jest.setTimeout(300_000);

const WAIT_MS = 90_000;
/** Letters that are not hex digits: the marker cannot turn up by chance in a uuid, a hash or hex ciphertext. */
const marker = Array.from({ length: 10 }, () => 'ghjkmnpqrstvwxyz'[randomInt(16)]).join('');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const first = {
  userName: `${marker}.ferncastle@erasure.example`,
  externalId: `ext-${marker}`,
  givenName: `Zyx${marker}`,
  familyName: `Ferncastle${marker}`,
  email: `private.${marker}@mail.erasure.example`,
  phone: `+44 20 7946 ${marker}`,
  street: `${marker} Larkspur Lane 7`,
  title: `Chief ${marker} Officer`,
  employeeNumber: `E-${marker}`,
  department: `Dept ${marker}`,
};
const changed = {
  userName: `${marker}.renamed@erasure.example`,
  familyName: `Quillbrook${marker}`,
  title: `Head of ${marker}`,
  phone: `+1 555 0100 ${marker}`,
};
const distinctive = [marker, ...Object.values(first), ...Object.values(changed)];

/** A value as it may sit in a text column (any case) or a bytea column (hex, as bytea::text prints it). */
function needles(): string[] {
  return distinctive.flatMap((value) => [
    value.toLowerCase(),
    Buffer.from(value).toString('hex'),
    Buffer.from(value.toLowerCase()).toString('hex'),
  ]);
}

describe('erasure: no personal value left in clear, the audit answers kept (issue 18)', () => {
  let app: TestApp;
  let scim: ScimTenant;
  let pool: Pool;
  let auditorSecret: string;
  let userId: string;
  let groupId: string;
  let beforeErasure: string;
  const suffix = randomBytes(4).toString('hex');
  const topics = {
    lifecycle: `int-erasure-lifecycle-${suffix}`,
    audit: `int-erasure-audit-${suffix}`,
    roles: `int-erasure-roles-${suffix}`,
  };
  const brokers = process.env.SCIM_TEST_KAFKA_BROKERS!.split(',');

  const audit = async (path: string): Promise<Json> => {
    const response = await fetch(`${app.baseUrl}/audit/v1/${scim.tenantId}${path}`, {
      headers: { authorization: `Bearer ${auditorSecret}` },
    });
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return (await response.json()) as Json;
  };

  beforeAll(async () => {
    app = await startTestApp({
      KAFKA_BROKERS: process.env.SCIM_TEST_KAFKA_BROKERS!,
      KAFKA_TOPIC_USER_LIFECYCLE: topics.lifecycle,
      KAFKA_TOPIC_AUDIT_LOG: topics.audit,
      KAFKA_TOPIC_ROLE_CHANGES: topics.roles,
      KAFKA_TOPIC_PARTITIONS: '1',
    });
    pool = new Pool({ connectionString: app.databaseUrl, max: 4 });
    pool.on('error', () => undefined);
    scim = await provisionTenant(app, 'okta');
    const issued = await fetch(`${app.baseUrl}/admin/tenants/${scim.tenantId}/auditors`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.operatorToken}` },
    });
    expect(issued.status).toBe(201);
    auditorSecret = ((await issued.json()) as { secret: string }).secret;
  });
  afterAll(async () => {
    await pool?.end();
    await app?.close();
  });

  it('provisions, changes, gives a role, deactivates and erases the person through the HTTP API', async () => {
    // What an IdP does first: look the userName up (the provisioning log keeps the filter).
    expect(
      (await scim.call('GET', `/Users?filter=${encodeURIComponent(`userName eq "${first.userName}"`)}`)).status,
    ).toBe(200);
    const created = await scim.call<Json>(
      'POST',
      '/Users',
      user(first.userName, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE_SCHEMA],
        externalId: first.externalId,
        name: { givenName: first.givenName, familyName: first.familyName },
        displayName: `${first.givenName} ${first.familyName}`,
        emails: [{ value: first.email, type: 'work', primary: true }],
        phoneNumbers: [{ value: first.phone, type: 'work' }],
        addresses: [{ type: 'work', streetAddress: first.street }],
        title: first.title,
        [ENTERPRISE_SCHEMA]: { employeeNumber: first.employeeNumber, department: first.department },
      }),
    );
    expect(created.status).toBe(201);
    userId = created.body.id;
    const patch = (...Operations: Json[]) => ({ schemas: [PATCH_OP], Operations });
    const renamed = await scim.call(
      'PATCH',
      `/Users/${userId}`,
      patch(
        { op: 'replace', path: 'userName', value: changed.userName },
        { op: 'replace', path: 'name.familyName', value: changed.familyName },
        { op: 'replace', path: 'title', value: changed.title },
        { op: 'replace', path: 'phoneNumbers[type eq "work"].value', value: changed.phone },
      ),
    );
    expect(renamed.status).toBe(200);
    const group = await scim.call<Json>('POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: `Payroll approvers ${suffix}`,
    });
    expect(group.status).toBe(201);
    groupId = group.body.id;
    expect(
      (
        await scim.call(
          'PATCH',
          `/Groups/${groupId}`,
          patch({
            op: 'add',
            path: 'members',
            value: [{ value: userId, display: `${first.givenName} ${first.familyName}` }],
          }),
        )
      ).status,
    ).toBeLessThan(300);
    // Okta sends the member's name as its display: kept as sent, so it is personal data too.
    const members = await scim.call<Json>('GET', `/Groups/${groupId}?attributes=members`);
    expect(members.body.members).toEqual([
      expect.objectContaining({ value: userId, display: `${first.givenName} ${first.familyName}` }),
    ]);
    // "Who had access at T": an instant while the person is active and holds the role.
    await eventually(
      'the role in the audit',
      async () => (await audit(`/users/${userId}/timeline`)).Resources.some((e: Json) => e.action === 'role.granted'),
      WAIT_MS,
    );
    beforeErasure = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(
      (await scim.call('PATCH', `/Users/${userId}`, patch({ op: 'replace', path: 'active', value: false }))).status,
    ).toBe(200);

    // The scan below would see a value left in clear: before the erasure the provisioning log holds the filter.
    // The log is written after the answers, in batches (every 500 ms): wait for the batch, not for a moment.
    await eventually(
      'the filter in the provisioning log',
      async () => {
        const { rows: logged } = await pool.query(
          `SELECT count(*)::int AS n FROM provisioning_log p WHERE lower(p::text) LIKE '%' || $1 || '%'`,
          [first.userName.toLowerCase()],
        );
        return logged[0].n > 0;
      },
      WAIT_MS,
    );

    const erasure = await fetch(`${app.baseUrl}/admin/tenants/${scim.tenantId}/users/${userId}/erasure`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.operatorToken}` },
    });
    expect(erasure.status).toBe(200);
    expect(await erasure.json()).toMatchObject({ tenantId: scim.tenantId, userId, erased: true });
    expect((await scim.call('GET', `/Users/${userId}`)).status).toBe(404);
  });

  it(
    'the audit API answers who had access before the erasure with the user id and an erased ' +
      'marker; the chain verifies',
    async () => {
      await eventually(
        'user.erased in the audit',
        async () => (await audit(`/users/${userId}/timeline`)).Resources.at(-1)?.action === 'user.erased',
        WAIT_MS,
      );
      const { Resources: access } = await audit(`/access?at=${encodeURIComponent(beforeErasure)}`);
      expect(access).toEqual([
        expect.objectContaining({
          userId,
          userName: null,
          erased: true,
          roles: [expect.objectContaining({ groupId })],
        }),
      ]);
      const { Resources: timeline } = await audit(`/users/${userId}/timeline`);
      expect(timeline.map((entry: Json) => entry.action)).toEqual([
        'user.provisioned',
        'user.updated',
        'role.granted',
        'user.deactivated',
        'user.deleted',
        'user.erased',
      ]);
      expect(timeline[4].changes).toEqual([
        { path: 'status', before: 'inactive', after: 'deleted' },
        { path: 'roles', before: [groupId], after: [] },
      ]);
      expect(
        timeline
          .filter((entry: Json) => ['user.provisioned', 'user.updated'].includes(entry.action))
          .every((entry: Json) => entry.erased === true),
      ).toBe(true);
      expect(await audit('/verify')).toMatchObject({ valid: true });
    },
  );

  it('no table of the database holds any of the values in clear', async () => {
    const { rows: tables } = await pool.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
    );
    const names = tables.map((t) => `${t.schema}.${t.name}`);
    // The scan must cover what the issue names: events, read model, audit, provisioning log, checkpoints, keys.
    for (const expected of [
      'events',
      'scim_users_v2',
      AuditTables.records,
      AuditTables.userNames,
      'provisioning_log',
      AuditTables.checkpoints,
      'personal_data_keys',
    ]) {
      expect(names.some((name) => name.endsWith(`.${expected}`))).toBe(true);
    }
    let rowsScanned = 0;
    const found: string[] = [];
    const lookFor = needles();
    for (const { schema, name } of tables) {
      const { rows } = await pool.query<{ row: string }>(`SELECT t::text AS row FROM "${schema}"."${name}" t`);
      rowsScanned += rows.length;
      for (const { row } of rows) {
        const text = row.toLowerCase();
        for (const needle of lookFor)
          if (text.includes(needle.toLowerCase())) found.push(`${schema}.${name}: ${needle}`);
      }
    }
    expect(rowsScanned).toBeGreaterThan(20);
    expect(found).toEqual([]);
    // Sanity of the scan itself: the person's id is there (events, audit), only the values are gone.
    const { rows: withId } = await pool.query(
      `SELECT count(*)::int AS n FROM events e WHERE e::text LIKE '%' || $1 || '%'`,
      [userId],
    );
    expect(withId[0].n).toBeGreaterThan(3);
  });

  it("no record of any topic of the run's Kafka broker holds any of them; user.erased was published", async () => {
    const kafka = new Kafka({ clientId: `int-erasure-${suffix}`, brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const lifecycle: Json[] = [];
    try {
      await eventually(
        'the publisher topics',
        async () => (await admin.listTopics()).includes(topics.lifecycle),
        WAIT_MS,
      );
      // user.erased is the last message of the person: once it is there, everything before it is too.
      await eventually(
        'user.erased on the lifecycle topic',
        async () => {
          lifecycle.splice(
            0,
            lifecycle.length,
            ...(await readTopics(kafka, admin, [topics.lifecycle])).map((r) => JSON.parse(r.value) as Json),
          );
          return lifecycle.some((m) => m.type === 'user.erased' && m.subject?.id === userId);
        },
        WAIT_MS,
        500,
      );
      expect(lifecycle.filter((m) => m.subject?.id === userId).map((m) => m.type)).toEqual([
        'user.deactivated',
        'user.deleted',
        'user.erased',
      ]);
      const all = (await admin.listTopics()).filter((topic) => !topic.startsWith('__'));
      expect(all).toEqual(expect.arrayContaining(Object.values(topics)));
      const records = await readTopics(kafka, admin, all);
      const ofThisRun = records.filter((r) => Object.values(topics).includes(r.topic));
      expect(ofThisRun.length).toBeGreaterThanOrEqual(8);
      const lookFor = needles();
      const found = records.flatMap((r) =>
        lookFor
          .filter((needle) => `${r.key}\n${r.value}\n${r.headers}`.toLowerCase().includes(needle.toLowerCase()))
          .map((needle) => `${r.topic}: ${needle}`),
      );
      expect(found).toEqual([]);
    } finally {
      await admin.disconnect();
    }
  });

  it('a full rebuild from the log gives the same read model and the same audit, hash for hash', async () => {
    const queries = new AuditQueries(pool, serviceEventStore(pool).codec);
    const accessBefore = await queries.accessPage(scim.tenantId, beforeErasure, {}, 1, 1000);
    const timelineBefore = await queries.timeline(scim.tenantId, userId);
    const chain = async () =>
      (await pool.query(`SELECT tenant_id, seq, hash FROM ${AuditTables.records} ORDER BY tenant_id, seq`)).rows;
    const chainBefore = await chain();
    // The service stops (its followers with it): the rebuilds run alone on its database.
    await app.service.stop();
    const readModelBefore = await dumpReadModel(pool);
    const { store } = serviceEventStore(pool);
    try {
      await rebuildReadModels(app.databaseUrl, store);
      expect(await dumpReadModel(pool)).toEqual(readModelBefore);

      const auditTables = [
        AuditTables.userStatus,
        AuditTables.userNames,
        AuditTables.roles,
        AuditTables.roleNames,
        AuditTables.memberships,
        AuditTables.records,
        AuditTables.erasures,
      ];
      await pool.query(`TRUNCATE ${auditTables.join(', ')}`);
      await pool.query(`UPDATE ${AuditTables.checkpoints} SET position = 0 WHERE name = $1`, [AUDIT_PROJECTION_NAME]);
      const replay = new AuditProjector(pool, store, { batchSize: 3 });
      await replay.start();
      try {
        await replay.waitFor(await store.headPosition(), WAIT_MS);
      } finally {
        await replay.stop();
      }
      expect(await chain()).toEqual(chainBefore);
      expect(await queries.accessPage(scim.tenantId, beforeErasure, {}, 1, 1000)).toEqual(accessBefore);
      expect(await queries.timeline(scim.tenantId, userId)).toEqual(timelineBefore);
      expect(await queries.verify(scim.tenantId)).toMatchObject({ valid: true });
    } finally {
      await store.close();
    }
  });
});

interface TopicRecord {
  topic: string;
  key: string;
  value: string;
  headers: string;
}

/** Every record of `topics` up to their current end, read by a consumer of its own. */
async function readTopics(kafka: Kafka, admin: ReturnType<Kafka['admin']>, topics: string[]): Promise<TopicRecord[]> {
  const ends = new Map<string, bigint>();
  for (const topic of topics) {
    for (const { partition, high } of await admin.fetchTopicOffsets(topic))
      if (BigInt(high) > 0n) ends.set(`${topic}/${partition}`, BigInt(high));
  }
  if (ends.size === 0) return [];
  const consumer = kafka.consumer({ groupId: `int-erasure-scan-${randomBytes(6).toString('hex')}` });
  const records: TopicRecord[] = [];
  const remaining = new Set(ends.keys());
  await consumer.connect();
  try {
    await consumer.subscribe({
      topics: topics.filter((topic) => [...ends.keys()].some((k) => k.startsWith(`${topic}/`))),
      fromBeginning: true,
    });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const end = ends.get(`${topic}/${partition}`);
        if (end === undefined || BigInt(message.offset) >= end) return;
        const headers = Object.entries(message.headers ?? {})
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(';');
        records.push({ topic, key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', headers });
        if (BigInt(message.offset) + 1n >= end) remaining.delete(`${topic}/${partition}`);
      },
    });
    await eventually(`the end of ${topics.length} topic(s)`, () => remaining.size === 0, WAIT_MS);
  } finally {
    await consumer.disconnect();
  }
  return records;
}
