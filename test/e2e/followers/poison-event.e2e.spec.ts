import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { AUDIT_PROJECTION_NAME } from '@lib/audit';
import { userStream } from '@lib/domain';
import { PostgresEventStore } from '@lib/event-store';
import { SCIM_PROJECTION_NAME } from '@lib/read-model';
import { run as adminCli } from '../../../apps/admin-cli/main';
import { DEFAULT_PUBLISHER_NAME } from '../../../apps/publisher/src/publisher-handler';
import { useBeforeAll } from '../../support/hooks';
import { useTestApp } from '../../support/scim-harness';
import { eventually } from '../../support/service-process';
import { provisionTenant, scim, userBody, type ScimTenant } from './support';

jest.setTimeout(180_000);

interface ParkedEvent {
  id: number;
  follower: string;
  tenantId: string;
  eventId: string;
  status: string;
  error: string;
}

/** A tenant whose log holds a poison event both projections parked. */
interface PoisonedTenant {
  a: ScimTenant;
  tenantId: string;
  userA: string;
  groupA: string;
  poisonId: string;
}

/**
 * The all-in-one service (publishing to topics of its own) with the steps of the cases: each case
 * poisons a tenant of its own, so no case depends on another or on their order.
 */
function usePoisonService() {
  const run = `poison.${randomUUID().slice(0, 8)}`;
  const app = useTestApp({
    KAFKA_BROKERS: process.env.SCIM_TEST_KAFKA_BROKERS!,
    KAFKA_TOPIC_USER_LIFECYCLE: `${run}.lifecycle`,
    KAFKA_TOPIC_ROLE_CHANGES: `${run}.roles`,
    KAFKA_TOPIC_AUDIT_LOG: `${run}.audit`,
    KAFKA_TOPIC_PARTITIONS: '1',
  });
  const db = useBeforeAll(
    async () => {
      const pool = new Pool({ connectionString: app.databaseUrl, max: 2 });
      return { pool, store: new PostgresEventStore({ pool }) };
    },
    async ({ pool, store }) => {
      await store.close();
      await pool.end();
    },
  );
  const admin = async (method: string, path: string) => {
    const response = await fetch(`${app.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${app.operatorToken}` },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const parked = async (tenantId: string) =>
    (await admin('GET', `/admin/parked-events?tenantId=${tenantId}`)).body.parkedEvents as ParkedEvent[];
  const tenant = () => provisionTenant(app.baseUrl, app.operatorToken, `tenant-${randomUUID().slice(0, 8)}`);

  /** given: a tenant with a user and a group, then the poison, parked by both projections. */
  const givenPoisonedTenant = async (): Promise<PoisonedTenant> => {
    const a = await tenant();
    const tenantId = a.tenantId;
    const before = await scim(a, 'POST', '/Users', userBody('before@a.test'));
    expect(before.status).toBe(201);
    const group = await scim(a, 'POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Admins',
    });
    expect(group.status).toBe(201);
    // The poison: appended straight to the log, as a bug or an old event could have.
    const poisonId = randomUUID();
    const requestId = randomUUID();
    await db.store.append(userStream(tenantId, 'ghost'), 'any', [
      {
        eventId: poisonId,
        type: 'UserUpdated',
        data: {
          tenantId,
          userId: 'ghost',
          userName: 'ghost@a.test',
          changes: [],
          resource: { userName: 'ghost@a.test' },
        },
        metadata: {
          tenantId,
          actor: { kind: 'system' },
          requestId,
          correlationId: requestId,
          causationId: requestId,
          occurredAt: new Date().toISOString(),
          schemaVersion: 1,
        },
      },
    ]);
    await eventually('the projections to park it', async () => (await parked(tenantId)).length === 2, 30_000);
    return { a, tenantId, userA: String(before.body.id), groupA: String(group.body.id), poisonId };
  };

  /** given: a user created in the poisoned tenant, recorded but held (503); its Location. */
  const givenHeldWrite = async ({ a }: PoisonedTenant): Promise<string> => {
    const created = await scim(a, 'POST', '/Users', userBody('held@a.test'));
    expect(created.status).toBe(503);
    return created.headers.get('location')!;
  };

  /** The fix, as an operator would: the user the update is about appears in the read model; then the retry. */
  const fixAndRetry = async ({ tenantId }: PoisonedTenant): Promise<ParkedEvent> => {
    await db.pool.query(
      `INSERT INTO scim_users_v2 (tenant_id, id, user_name, active, resource, version, stream_revision, created, ` +
        `last_modified)\n` +
        `       VALUES ($1, 'ghost', 'ghost@a.test', true, '{"id":"ghost","userName":"ghost@a.test"}', ` +
        `'W/"0"', 0, now(), now())`,
      [tenantId],
    );
    const entry = (await parked(tenantId)).find((p) => p.follower === SCIM_PROJECTION_NAME)!;
    expect((await admin('POST', `/admin/parked-events/${entry.id}/retry`)).status).toBe(202);
    await eventually(
      'the retry',
      async () =>
        (await admin('GET', `/admin/parked-events/${entry.id}`)).body.parkedEvent &&
        ((await admin('GET', `/admin/parked-events/${entry.id}`)).body.parkedEvent as ParkedEvent).status === 'retried',
      20_000,
    );
    return entry;
  };

  return { app, db, admin, parked, tenant, givenPoisonedTenant, givenHeldWrite, fixAndRetry };
}

describe('a poison event in tenant A (an update of a user the projections never saw)', () => {
  const { app, admin, parked, tenant, givenPoisonedTenant, givenHeldWrite, fixAndRetry } = usePoisonService();

  it(
    'is parked by the read-model and audit projectors, with its error; the publisher, which ' + 'can map it, goes on',
    async () => {
      const { tenantId, poisonId } = await givenPoisonedTenant();
      const entries = await parked(tenantId);
      expect(entries.map((p) => p.follower).sort()).toEqual([AUDIT_PROJECTION_NAME, SCIM_PROJECTION_NAME].sort());
      for (const entry of entries) expect(entry).toMatchObject({ tenantId, eventId: poisonId, status: 'parked' });
      expect(entries.find((p) => p.follower === SCIM_PROJECTION_NAME)!.error).toMatch(/user\.not_found/);
      expect(entries.find((p) => p.follower === AUDIT_PROJECTION_NAME)!.error).toMatch(/never provisioned/);
      const cli = await adminCli(['parked', 'list', '--tenant', tenantId, '--url', app.baseUrl], {
        OPERATOR_TOKEN: app.operatorToken,
      });
      expect(cli).toMatchObject({ code: 0, out: expect.stringContaining(SCIM_PROJECTION_NAME) });
    },
  );

  it('tenant B writes and reads as usual', async () => {
    await givenPoisonedTenant();
    const b = await tenant();
    const started = Date.now();
    const created = await scim(b, 'POST', '/Users', userBody('bob@b.test'));
    expect(created.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await scim(b, 'GET', `/Users/${String(created.body.id)}`)).status).toBe(200);
    const found = await scim(b, 'GET', `/Users?filter=${encodeURIComponent('userName eq "bob@b.test"')}`);
    expect(found.body.totalResults).toBe(1);
  });

  it(
    'tenant A answers a write 503 at once, with Retry-After, the Location to check and a ' +
      'detail that says why; a members replace is 503 too, not 500',
    async () => {
      const { a, tenantId, groupA, userA } = await givenPoisonedTenant();
      const started = Date.now();
      const created = await scim(a, 'POST', '/Users', userBody('held@a.test'));
      expect(Date.now() - started).toBeLessThan(3000); // not the 10 s read-your-writes timeout
      expect(created.status).toBe(503);
      expect(created.body).toMatchObject({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '503',
        detail: expect.stringMatching(/recorded.*could not apply.*operator/),
      });
      expect(created.headers.get('retry-after')).toBe('30');
      const heldUserLocation = created.headers.get('location')!;
      expect(heldUserLocation).toMatch(new RegExp(`/scim/v2/${tenantId}/Users/[0-9a-f-]{36}$`));
      expect(String(created.body.detail)).toContain(heldUserLocation);
      // recorded, not visible yet
      expect((await fetch(heldUserLocation, { headers: { authorization: `Bearer ${a.apiKey}` } })).status).toBe(404);

      const replace = await scim(a, 'PUT', `/Groups/${groupA}`, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Admins',
        members: [{ value: userA }],
      });
      expect(replace.status).toBe(503);
      expect(replace.headers.get('retry-after')).toBe('30');
    },
  );

  it('after the fix, a retry applies the parked event and the held writes; tenant A is current again', async () => {
    const poisoned = await givenPoisonedTenant();
    const heldUserLocation = await givenHeldWrite(poisoned);
    const { a } = poisoned;
    const entry = await fixAndRetry(poisoned);
    expect((await fetch(heldUserLocation, { headers: { authorization: `Bearer ${a.apiKey}` } })).status).toBe(200);
    expect((await scim(a, 'POST', '/Users', userBody('after@a.test'))).status).toBe(201);
    expect((await admin('POST', `/admin/parked-events/${entry.id}/retry`)).status).toBe(409); // not parked any more
  });

  // The followers' report counts parked tenants across the service: this case has a service of its own.
  describe('alone in its service', () => {
    const alone = usePoisonService();

    it(
      "a skip passes over the audit projector's parked event, is recorded in the audit log " +
        'with the operator, and the held audit goes on',
      async () => {
        const poisoned = await alone.givenPoisonedTenant();
        const heldUserLocation = await alone.givenHeldWrite(poisoned);
        await alone.fixAndRetry(poisoned);
        const { tenantId, poisonId } = poisoned;
        const entry = (await alone.parked(tenantId)).find((p) => p.follower === AUDIT_PROJECTION_NAME)!;
        expect(entry.status).toBe('parked');
        const cli = await adminCli(['parked', 'skip', String(entry.id), '--url', alone.app.baseUrl], {
          OPERATOR_TOKEN: alone.app.operatorToken,
        });
        expect(cli.code).toBe(0);
        await eventually(
          'the skip',
          async () =>
            ((await alone.admin('GET', `/admin/parked-events/${entry.id}`)).body.parkedEvent as ParkedEvent).status ===
            'skipped',
          20_000,
        );
        const heldUserId = heldUserLocation.split('/').pop()!;
        await eventually(
          'the held user in the audit model',
          async () =>
            (
              await alone.db.pool.query('SELECT 1 FROM audit_user_status_v1 WHERE tenant_id = $1 AND user_id = $2', [
                tenantId,
                heldUserId,
              ])
            ).rowCount === 1,
          20_000,
        );
        const { rows } = await alone.db.pool.query(
          `SELECT action, actor, changes FROM audit_records_v1 WHERE tenant_id = $1 AND action = ` +
            `'follower.event_skipped'`,
          [tenantId],
        );
        expect(rows).toEqual([
          {
            action: 'follower.event_skipped',
            actor: { kind: 'operator' },
            changes: [
              {
                path: `parkedEvents[${AUDIT_PROJECTION_NAME}]`,
                before: expect.objectContaining({ eventId: poisonId }),
                after: 'skipped',
              },
            ],
          },
        ]);
        const followers = (await alone.admin('GET', '/admin/followers')).body.followers as Array<{
          name: string;
          parkedTenants: number;
        }>;
        await eventually(
          'every follower to report no parked tenant',
          async () =>
            ((await alone.admin('GET', '/admin/followers')).body.followers as typeof followers).every(
              (f) => f.parkedTenants === 0,
            ),
          10_000,
        );
        expect(followers.map((f) => f.name).sort()).toEqual(
          [AUDIT_PROJECTION_NAME, DEFAULT_PUBLISHER_NAME, SCIM_PROJECTION_NAME].sort(),
        );
      },
    );
  });
});
