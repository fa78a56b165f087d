import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  groupMembershipStream,
  groupStream,
  membershipStream,
  tenantStream,
  userNameReservationStream,
  userStream,
} from '@lib/domain';
import { GroupQueries, rebuildReadModels, UserQueries } from '@lib/read-model';
import { allMigrations } from '../../../libs/platform/src/database/migrations';
import { runMigrations } from '../../../libs/platform/src/database/run-migrations';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { commandsFor, useWriteModel } from './harness';

jest.setTimeout(120_000);

interface Fixture {
  ids: Record<string, string>;
  head: string;
  streams: Array<{ stream_id: string; revision: number }>;
  events: Array<{
    global_position: string;
    stream_id: string;
    stream_revision: number;
    event_id: string;
    type: string;
    data: object;
    metadata: object;
    recorded_at: string;
  }>;
}

const fixture: Fixture = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/event-store/previous-release.events.json'), 'utf8'),
);
const { ids } = fixture;
/** The migrations of the release that wrote the fixture: every one before this release's first. */
const previousRelease = allMigrations.filter((m) => Number(/(\d{13})$/.exec(m.name)?.[1]) < 1765000000000);

/** A store written by the previous release (its schema and its rows), then this release's migrations. */
async function upgradedStore(): Promise<TestDatabase> {
  const db = await createTestDatabase({ migrate: false });
  await runMigrations(db.url, previousRelease);
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const e = fixture.events;
    await client.query(
      `INSERT INTO events (global_position, stream_id, stream_revision, event_id, type, data, metadata, recorded_at)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::uuid[], $5::text[], ` +
        '$6::jsonb[], $7::jsonb[], $8::timestamptz[])',
      [
        e.map((r) => r.global_position),
        e.map((r) => r.stream_id),
        e.map((r) => r.stream_revision),
        e.map((r) => r.event_id),
        e.map((r) => r.type),
        e.map((r) => JSON.stringify(r.data)),
        e.map((r) => JSON.stringify(r.metadata)),
        e.map((r) => r.recorded_at),
      ],
    );
    await client.query('INSERT INTO streams SELECT * FROM unnest($1::text[], $2::int[])', [
      fixture.streams.map((s) => s.stream_id),
      fixture.streams.map((s) => s.revision),
    ]);
    await client.query('UPDATE event_store_position SET last_position = $1', [fixture.head]);
  } finally {
    await client.end();
  }
  await runMigrations(db.url);
  return db;
}

describe('a store written by the previous release, after the tenant-safe stream-id migration', () => {
  const wm = useWriteModel({ database: upgradedStore });
  const [acme, acmeXY] = [commandsFor(wm, 'acme'), commandsFor(wm, 'acme-x-y')];

  it('holds every stream under its tenant-safe id, each with all its events', async () => {
    const { rows } = await wm.pool.query<{ stream_id: string; n: number }>(
      'SELECT stream_id, count(*)::int AS n FROM events GROUP BY stream_id',
    );
    expect(rows).toHaveLength(fixture.streams.length);
    for (const { stream_id } of rows)
      expect(stream_id.startsWith('tenant-') || /^[a-z]+-[A-Za-z0-9._-]+:/.test(stream_id)).toBe(true);
    const byId = new Map(rows.map((r) => [r.stream_id, r.n]));
    expect(byId.get(userStream('acme', ids['acme/ada']))).toBe(1);
    expect(byId.get(userStream('acme', ids['acme/bob']))).toBe(2);
    expect(byId.get(userStream('acme-x', ids['acme-x/xavier']))).toBe(1);
    expect(byId.get(userStream('acme-x-y', ids['acme-x-y/yara']))).toBe(1);
    expect(byId.get(tenantStream('acme-x'))).toBe(3);
    expect(byId.get(groupStream('acme', ids['acme/admins']))).toBe(2);
    expect(byId.get(membershipStream('acme', ids['acme/admins'], ids['acme/bob']))).toBe(2);
    expect(byId.get(userNameReservationStream('acme', 'Émile.X@acme.example'))).toBe(1);
    expect(byId.get(userNameReservationStream('acme-x-y', 'SHARED@example.com'))).toBe(1);
    // The cross-tenant member the old ids allowed stays in acme's history, under acme's name.
    expect(byId.get(`membership-acme:${ids['acme/admins']}:${ids['acme/foreign-member']}`)).toBe(1);
    const { rows: streams } = await wm.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM streams WHERE stream_id NOT LIKE '%:%' AND stream_id NOT LIKE 'tenant-%'`,
    );
    expect(streams[0].n).toBe(0);
  });

  it('keeps working for the write model: uniqueness, updates, memberships', async () => {
    await expect(
      acme.provisionUser({ userId: randomUUID(), resource: { userName: 'ÉMILE.x@ACME.example' } }),
    ).rejects.toMatchObject({ code: 'uniqueness' });
    await expect(
      acmeXY.provisionUser({ userId: randomUUID(), resource: { userName: 'shared@example.com' } }),
    ).rejects.toMatchObject({ code: 'uniqueness' });
    const freed = await acme.provisionUser({ userId: randomUUID(), resource: { userName: 'bob@acme.example' } });
    expect(freed.changed).toBe(true);
    const renamed = await acme.patchUser({
      userId: ids['acme/bob'],
      resource: (current) => ({ ...current, title: 'Boss' }),
    });
    expect(renamed.revision).toBe(2);
    await acme.patchGroup({ groupId: ids['acme/admins'], members: { add: [ids['acme/bob']], remove: [] } });
    expect(await wm.store.readStream(membershipStream('acme', ids['acme/admins'], ids['acme/bob']))).toHaveLength(3);
    expect(await wm.store.readLastEvent(groupMembershipStream('acme', ids['acme/admins']))).toMatchObject({
      type: 'GroupMembershipChanged',
      streamRevision: 0,
    });
    // A group of the previous release has no membership version yet: its replace still sees every member.
    await acmeXY.replaceGroup({ groupId: ids['acme-x-y/staff'], resource: { displayName: 'Staff', members: [] } });
    const [, removed] = await wm.store.readStream(
      membershipStream('acme-x-y', ids['acme-x-y/staff'], ids['acme-x-y/yara']),
    );
    expect(removed.type).toBe('GroupMembersRemoved');
  });

  it('projects into the read model: each tenant sees its own users and groups only', async () => {
    await rebuildReadModels(wm.db.url, wm.store);
    const users = new UserQueries(wm.pool);
    const names = async (tenantId: string) =>
      (await users.list(tenantId, { count: 100 })).resources.map((u) => String(u.userName)).sort();
    expect(await names('acme')).toEqual(
      [
        'ada@acme.example',
        'bob@acme.example',
        'robert@acme.example',
        'shared@example.com',
        'Émile.X@acme.example',
      ].sort(),
    );
    expect(await names('acme-x')).toEqual(['shared@example.com', 'xavier@acme-x.example']);
    expect(await names('acme-x-y')).toEqual(['shared@example.com', 'yara@acme-x-y.example']);
    const members = await new GroupQueries(wm.pool).memberIds('acme', ids['acme/admins']);
    expect(members.sort()).toEqual([ids['acme/ada'], ids['acme/emile'], ids['acme/bob']].sort());
  });
});
