import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore, type EventToAppend } from '@lib/event-store';
import { ContractValidator, KafkaJsProducer, type TopicNames } from '@lib/messaging';
import { groupStream, membershipStream, tenantStream, userStream } from '@lib/domain';
import { Publisher, type PublisherOptions } from '../../../apps/publisher/src';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { useBeforeEach } from '../../support/hooks';
import { readTopics, uniqueName, type ReadMessage } from '../messaging/support';

export { readTopics, testBrokers, uniqueName, type ReadMessage } from '../messaging/support';

export const validator = new ContractValidator();

export function uniqueTopics(): TopicNames {
  const run = uniqueName('t');
  return { userLifecycle: `${run}.user-lifecycle`, roleChanges: `${run}.role-changes`, auditLog: `${run}.audit-log` };
}

/** A fresh database (all migrations) with the PostgreSQL event store on it. */
export interface PublisherWorld {
  db: TestDatabase;
  pool: Pool;
  eventStore: PostgresEventStore;
  close(): Promise<void>;
}

export async function createWorld(): Promise<PublisherWorld> {
  const db = await createTestDatabase();
  const pool = new Pool({ connectionString: db.url, max: 5 });
  const eventStore = new PostgresEventStore({ pool });
  return {
    db,
    pool,
    eventStore,
    async close() {
      await eventStore.close();
      await pool.end();
      await db.drop();
    },
  };
}

export function createPublisher(
  world: PublisherWorld,
  brokers: string,
  options: Partial<PublisherOptions> & { topics: TopicNames },
): { publisher: Publisher; producer: KafkaJsProducer } {
  const producer = new KafkaJsProducer({ brokers, clientId: 'publisher-test', logLevel: 'nothing' });
  const publisher = new Publisher(world.pool, world.eventStore, producer, {
    partitions: 3,
    batchSize: 50,
    initialBackoffMs: 100,
    maxBackoffMs: 1000,
    ...options,
  });
  return { publisher, producer };
}

const metadata = (tenantId: string, type: string) => {
  const requestId = randomUUID();
  return {
    tenantId,
    actor: { kind: 'scim-key' as const, keyId: 'key-1', idpProfile: 'okta' },
    requestId,
    correlationId: requestId,
    causationId: requestId,
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
    type,
  };
};

const event = (tenantId: string, type: string, data: Record<string, unknown>): EventToAppend => {
  const { type: _ignored, ...meta } = metadata(tenantId, type);
  return { eventId: randomUUID(), type, data: { tenantId, ...data }, metadata: meta };
};

/** Appends domain events the way the write model does (stream per aggregate, per membership). */
export class Seeder {
  constructor(
    private readonly store: PostgresEventStore,
    readonly tenantId = `tenant-${randomUUID().slice(0, 8)}`,
  ) {}

  tenant(name = 'Acme') {
    return this.store.append(tenantStream(this.tenantId), 'any', [event(this.tenantId, 'TenantCreated', { name })]);
  }
  provision(userId: string, resource: Record<string, unknown> = {}) {
    const userName = `${userId}@example.com`;
    return this.store.append(userStream(this.tenantId, userId), 'any', [
      event(this.tenantId, 'UserProvisioned', {
        userId,
        userName,
        externalId: null,
        active: true,
        resource: { userName, ...resource },
      }),
    ]);
  }
  deactivate(userId: string) {
    return this.store.append(userStream(this.tenantId, userId), 'any', [
      event(this.tenantId, 'UserDeactivated', { userId, userName: `${userId}@example.com` }),
    ]);
  }
  reactivate(userId: string) {
    return this.store.append(userStream(this.tenantId, userId), 'any', [
      event(this.tenantId, 'UserReactivated', { userId, userName: `${userId}@example.com` }),
    ]);
  }
  deleteUser(userId: string) {
    return this.store.append(userStream(this.tenantId, userId), 'any', [
      event(this.tenantId, 'UserDeleted', { userId, userName: `${userId}@example.com` }),
    ]);
  }
  createGroup(groupId: string, displayName: string, resource: Record<string, unknown> = {}) {
    return this.store.append(groupStream(this.tenantId, groupId), 'any', [
      event(this.tenantId, 'GroupCreated', {
        groupId,
        displayName,
        externalId: null,
        resource: { displayName, ...resource },
      }),
    ]);
  }
  deleteGroup(groupId: string, displayName: string) {
    return this.store.append(groupStream(this.tenantId, groupId), 'any', [
      event(this.tenantId, 'GroupDeleted', { groupId, displayName }),
    ]);
  }
  addMember(groupId: string, userId: string) {
    return this.store.append(membershipStream(this.tenantId, groupId, userId), 'any', [
      event(this.tenantId, 'GroupMembersAdded', { groupId, memberIds: [userId] }),
    ]);
  }
  removeMember(groupId: string, userId: string) {
    return this.store.append(membershipStream(this.tenantId, groupId, userId), 'any', [
      event(this.tenantId, 'GroupMembersRemoved', { groupId, memberIds: [userId] }),
    ]);
  }

  /** The burst the fault tests use: per user provisioned, granted a role, deactivated, reactivated. */
  async burstUser(userId: string, groupId: string) {
    await this.provision(userId);
    await this.addMember(groupId, userId);
    await this.deactivate(userId);
    await this.reactivate(userId);
  }
}

export async function waitFor(
  condition: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface ParsedMessage extends ReadMessage {
  body: {
    messageId: string;
    eventId: string;
    type: string;
    position: number;
    subject: { id: string };
    data: Record<string, unknown>;
  };
}

/** Reads every topic until `count` messages arrived, and checks each against its JSON Schema. */
export async function readAll(
  brokers: string,
  topics: TopicNames,
  count: (messages: ReadMessage[]) => boolean,
  timeoutMs = 30000,
): Promise<ParsedMessage[]> {
  const read = await readTopics(brokers, Object.values(topics), count, timeoutMs);
  return read.map((m) => {
    const body = JSON.parse(m.value);
    const problems = validator.problems(body);
    if (problems.length) throw new Error(`message on ${m.topic} breaks its schema: ${problems.join('; ')}`);
    return { ...m, body };
  });
}

/** Per key, the positions must not go backwards once duplicates are dropped. */
export function assertPerKeyOrder(messages: ParsedMessage[]): void {
  const byKey = new Map<string, ParsedMessage[]>();
  for (const m of messages) byKey.set(`${m.topic}|${m.key}`, [...(byKey.get(`${m.topic}|${m.key}`) ?? []), m]);
  for (const [key, list] of byKey) {
    const firstSeen: number[] = [];
    const seen = new Set<string>();
    for (const m of list) {
      if (seen.has(m.body.messageId)) continue;
      seen.add(m.body.messageId);
      firstSeen.push(m.body.position);
    }
    const sorted = [...firstSeen].sort((a, b) => a - b);
    if (firstSeen.join() !== sorted.join()) throw new Error(`out of order on ${key}: ${firstSeen.join(',')}`);
  }
}

/** A fresh publisher world for each test of a describe block (beforeEach / afterEach). */
export function usePublisherWorld(): PublisherWorld {
  return useBeforeEach(createWorld, (world) => world.close());
}
