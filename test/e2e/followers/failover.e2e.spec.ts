import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import {
  AUDIT_PROJECTION_NAME,
  oracleAccessAt,
  oracleRoleHistory,
  oracleTimeline,
  toAuditEvent,
  AuditQueries,
  type AuditEvent,
} from '@lib/audit';
import type { RecordedEvent } from '@lib/event-store';
import { mapEvent, MembershipState } from '@lib/messaging';
import { startService, validateEnvironment, type RunningService } from '@lib/platform';
import { rebuildReadModels, SCIM_PROJECTION_NAME } from '@lib/read-model';
import { DEFAULT_PUBLISHER_NAME } from '../../../apps/publisher/src/publisher-handler';
import { GatewayModule } from '../../../apps/scim-gateway/src/gateway.module';
import { readTopics } from '../../integration/messaging/support';
import { dumpReadModel } from '../../integration/read-model/support/read-model-fixture';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { serviceEventStore, testKeyEncryptionKey } from '../../support/key-encryption-key';
import { eventually, spawnService, type ServiceApp, type ServiceProcess } from '../../support/service-process';
import { followersReach, operatorToken, provisionTenant, scim, userBody, type ScimTenant } from './support';

jest.setTimeout(420_000);

/** The three followers and the app each runs in. */
const FOLLOWERS: Record<string, ServiceApp> = {
  [SCIM_PROJECTION_NAME]: 'projector',
  [AUDIT_PROJECTION_NAME]: 'projector',
  [DEFAULT_PUBLISHER_NAME]: 'publisher',
};
type FollowerName = string;
const KILLS_PER_FOLLOWER = 5;

interface Lease {
  epoch: number;
  pid: number;
}

/** Users, groups, memberships and deactivations, from two loops, until stopped. */
class MixedLoad {
  statuses: Record<string, number> = {};
  private running = false;
  private loops: Array<Promise<void>> = [];
  private n = 0;
  readonly users: string[] = [];
  private readonly members: Array<{ group: string; user: string }> = [];

  constructor(
    private readonly tenant: ScimTenant,
    private readonly groups: string[],
  ) {}

  start(): void {
    this.running = true;
    this.loops = [this.loop(), this.loop()];
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const i = ++this.n;
      const created = await this.call(
        'POST',
        '/Users',
        userBody(`f${i}-${randomBytes(2).toString('hex')}@failover.test`),
      );
      const id = created?.body.id;
      if (typeof id !== 'string') continue;
      this.users.push(id);
      const group = this.groups[i % this.groups.length]!;
      if (
        i % 2 === 0 &&
        (await this.call('PATCH', `/Groups/${group}`, patch([{ op: 'add', path: 'members', value: [{ value: id }] }])))
          ?.status === 204
      )
        this.members.push({ group, user: id });
      if (i % 5 === 0)
        await this.call('PATCH', `/Users/${id}`, patch([{ op: 'replace', path: 'active', value: false }]));
      const leaving = i % 7 === 0 ? this.members.shift() : undefined;
      if (leaving)
        await this.call(
          'PATCH',
          `/Groups/${leaving.group}`,
          patch([{ op: 'remove', path: `members[value eq "${leaving.user}"]` }]),
        );
      await new Promise((r) => setTimeout(r, 40)); // a steady trickle, not a flood: the point is the kills
    }
  }

  private async call(method: string, path: string, body: unknown) {
    try {
      const answer = await scim(this.tenant, method, path, body);
      this.statuses[answer.status] = (this.statuses[answer.status] ?? 0) + 1;
      return answer;
    } catch {
      this.statuses.network = (this.statuses.network ?? 0) + 1;
      return undefined;
    }
  }
}

const patch = (Operations: unknown[]) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations });

describe(
  'two replicas of each follower (projector app, publisher app); ' +
    `the active one SIGKILLed ${KILLS_PER_FOLLOWER} times per follower during writes`,
  () => {
    let db: TestDatabase;
    let pool: Pool;
    let gateway: RunningService;
    let tenant: ScimTenant;
    let load: MixedLoad;
    const token = operatorToken();
    const run = `failover.${randomBytes(4).toString('hex')}`;
    const topics = { userLifecycle: `${run}.lifecycle`, roleChanges: `${run}.roles`, auditLog: `${run}.audit` };
    const replicas: ServiceProcess[] = [];
    const takeovers: Record<FollowerName, number[]> = Object.fromEntries(
      Object.keys(FOLLOWERS).map((name) => [name, []]),
    );

    const replicaEnv = () => ({
      DATABASE_URL: db.url,
      OPERATOR_TOKEN: token,
      KAFKA_BROKERS: process.env.SCIM_TEST_KAFKA_BROKERS!,
      KAFKA_TOPIC_USER_LIFECYCLE: topics.userLifecycle,
      KAFKA_TOPIC_ROLE_CHANGES: topics.roleChanges,
      KAFKA_TOPIC_AUDIT_LOG: topics.auditLog,
      KAFKA_TOPIC_PARTITIONS: '1',
      PROJECTOR_BATCH_SIZE: '50',
      PUBLISHER_BATCH_SIZE: '50',
    });
    const spawnReplica = async (app: ServiceApp) => {
      const replica = await spawnService(app, replicaEnv());
      replicas.push(replica);
      return replica;
    };
    const leases = async (): Promise<Record<string, Lease>> => {
      const { rows } = await pool.query<{ name: string; epoch: string; holder: string }>(
        'SELECT name, epoch, holder FROM follower_leases',
      );
      return Object.fromEntries(
        rows.map((r) => [r.name, { epoch: Number(r.epoch), pid: Number(r.holder.split(':')[1]) }]),
      );
    };
    const live = () => replicas.filter((r) => r.exit === null);

    beforeAll(async () => {
      db = await createTestDatabase();
      pool = new Pool({ connectionString: db.url, max: 4 });
      const env = validateEnvironment({
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
        OPERATOR_TOKEN: token,
        DATABASE_URL: db.url,
        READ_YOUR_WRITES_TIMEOUT_MS: '15000',
        // The replicas' key (spawnService): every process must unwrap the same data keys.
        KEY_ENCRYPTION_KEY: testKeyEncryptionKey(),
        RATE_LIMIT_PER_SECOND: '100000',
        RATE_LIMIT_BURST: '100000',
      });
      gateway = await startService(
        { name: 'scim-gateway', rootModule: (infrastructure) => GatewayModule.forRoot(infrastructure) },
        env,
      );
      await Promise.all([
        spawnReplica('projector'),
        spawnReplica('projector'),
        spawnReplica('publisher'),
        spawnReplica('publisher'),
      ]);
      await eventually('every follower to have a leader', async () => Object.keys(await leases()).length === 3, 30_000);
      tenant = await provisionTenant(gateway.baseUrl, token, 'failover');
      const groups: string[] = [];
      for (const name of ['Admins', 'Ops', 'Sales']) {
        const group = await scim(tenant, 'POST', '/Groups', {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
          displayName: name,
        });
        expect(group.status).toBe(201);
        groups.push(String(group.body.id));
      }
      load = new MixedLoad(tenant, groups);
      load.start();
    });
    afterAll(async () => {
      await load?.stop();
      await Promise.all(replicas.map((r) => r.kill('SIGKILL')));
      await gateway?.stop();
      await pool?.end();
      await db?.drop();
    });

    it(
      'a standby takes over within 10 s each time ' +
        `(${KILLS_PER_FOLLOWER} kills of each follower's active instance)`,
      async () => {
        for (let round = 1; Object.values(takeovers).some((t) => t.length < KILLS_PER_FOLLOWER); round++) {
          expect(round).toBeLessThanOrEqual(3 * KILLS_PER_FOLLOWER);
          await new Promise((r) => setTimeout(r, 1000)); // writes flow between kills
          const before = await leases();
          const due = Object.keys(FOLLOWERS).filter((name) => takeovers[name].length < KILLS_PER_FOLLOWER);
          const victims = live().filter((r) => due.some((name) => before[name]?.pid === r.pid));
          const killedPids = new Set(victims.map((v) => v.pid));
          await Promise.all(victims.map((v) => v.kill('SIGKILL')));
          const killedAt = Date.now();
          const respawned = Promise.all(victims.map((v) => spawnReplica(v.app)));
          for (const name of Object.keys(FOLLOWERS) as FollowerName[]) {
            if (!killedPids.has(before[name]!.pid)) continue;
            await eventually(
              `${name} taken over after a kill`,
              async () => {
                const now = (await leases())[name]!;
                return now.epoch > before[name]!.epoch && !killedPids.has(now.pid);
              },
              10_000,
              50,
            );
            takeovers[name].push(Date.now() - killedAt);
          }
          await respawned;
        }
        process.stdout.write(
          `[failover] takeover ms: ${JSON.stringify(takeovers)}; writes by status: ${JSON.stringify(load.statuses)}\n`,
        );
        for (const times of Object.values(takeovers)) for (const ms of times) expect(ms).toBeLessThanOrEqual(10_000);
      },
    );

    it('exactly one instance of each follower is active; the others stand by', async () => {
      const states: Record<string, string[]> = {};
      for (const replica of live()) {
        const response = await fetch(`${replica.baseUrl}/health/details`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const { checks } = (await response.json()) as { checks: Record<string, { state?: string }> };
        for (const check of ['projector', 'auditProjection', 'publisher'])
          if (checks[check]?.state) (states[check] ??= []).push(checks[check].state!);
      }
      for (const check of ['projector', 'auditProjection', 'publisher']) {
        expect(states[check]!.sort()).toEqual(['active', 'standby']);
      }
    });

    describe('after the writes stop and every follower reached the head', () => {
      let log: RecordedEvent[];

      beforeAll(async () => {
        await load.stop();
        await followersReach(pool, 60_000);
        // The log as the service reads it: through the personal-data codec.
        const { store } = serviceEventStore(pool);
        log = [];
        for (;;) {
          const page = await store.readAll({ after: log[log.length - 1]?.globalPosition ?? 0, maxCount: 1000 });
          if (page.length === 0) break;
          log.push(...page);
        }
        expect(load.users.length).toBeGreaterThan(30);
      });

      it('the read model equals a full rebuild', async () => {
        const live = await dumpReadModel(pool);
        expect(live.users!.length).toBeGreaterThan(30);
        await rebuildReadModels(db.url, serviceEventStore(pool).store);
        expect(await dumpReadModel(pool)).toEqual(live);
      });

      it('the audit answers equal the audit oracle', async () => {
        const events: AuditEvent[] = log.map(toAuditEvent);
        const queries = new AuditQueries(pool, serviceEventStore(pool).codec);
        const instants = [
          ...new Set(events.filter((e) => e.tenantId === tenant.tenantId).map((e) => e.occurredAt)),
        ].filter((_, i, all) => i % Math.ceil(all.length / 12) === 0);
        for (const at of [...instants, new Date().toISOString()]) {
          expect({ at, entries: (await queries.accessPage(tenant.tenantId, at, {}, 1, 10_000)).entries }).toEqual({
            at,
            entries: oracleAccessAt(events, tenant.tenantId, at),
          });
        }
        for (const userId of load.users)
          expect(await queries.timeline(tenant.tenantId, userId)).toEqual(
            oracleTimeline(events, tenant.tenantId, userId),
          );
        const groups = [...new Set(events.filter((e) => e.type === 'GroupCreated').map((e) => String(e.data.groupId)))];
        for (const groupId of groups)
          expect((await queries.roleHistory(tenant.tenantId, groupId, {}, 1, 10_000))?.holdings).toEqual(
            oracleRoleHistory(events, tenant.tenantId, groupId),
          );
        expect(await queries.verify(tenant.tenantId)).toMatchObject({ valid: true });
      });

      it('every event reached Kafka (duplicates allowed, counted)', async () => {
        const state = new MembershipState();
        const expected = new Set(
          log.flatMap((event) => mapEvent(event, state)).map((routed) => routed.message.messageId),
        );
        const seen = new Set<string>();
        let checked = 0;
        const received = await readTopics(
          process.env.SCIM_TEST_KAFKA_BROKERS!,
          Object.values(topics),
          (messages) => {
            for (; checked < messages.length; checked++)
              seen.add((JSON.parse(messages[checked]!.value) as { messageId: string }).messageId);
            return seen.size >= expected.size && [...expected].every((id) => seen.has(id));
          },
          60_000,
        );
        const ids = received.map((m) => (JSON.parse(m.value) as { messageId: string }).messageId);
        const distinct = new Set(ids);
        process.stdout.write(
          `[failover] Kafka: ${expected.size} messages expected, ${ids.length} received, ` +
            `${ids.length - distinct.size} duplicates\n`,
        );
        expect([...expected].filter((id) => !distinct.has(id))).toEqual([]);
        expect([...distinct].filter((id) => !expected.has(id))).toEqual([]);
      });
    });
  },
);
