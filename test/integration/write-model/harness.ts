import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { CommandBus, type Command } from '@nestjs/cqrs';
import { Pool } from 'pg';
import type { CommandMetadata, JsonObject } from '@lib/domain';
import { PostgresEventStore, type AppendToStream, type EventStore } from '@lib/event-store';
import {
  CreateGroupCommand,
  DeleteGroupCommand,
  DeleteUserCommand,
  PatchGroupCommand,
  PatchUserCommand,
  ProvisionUserCommand,
  ReplaceGroupCommand,
  ReplaceUserCommand,
  type WriteResult,
} from '@lib/write-model';
import { writeModelImportsForTests } from '../../../libs/write-model/src/testing';
import { createTestDatabase, type TestDatabase } from '../../support/database';

interface StartOptions {
  /** Wraps the PostgreSQL store the handlers write to (to count, hold back or slip in appends). */
  store?: (inner: EventStore) => EventStore;
  /** The database to write to (by default a fresh, migrated one); dropped on stop. */
  database?: () => Promise<TestDatabase>;
}

interface CommandEnvelope {
  tenantId: string;
  metadata: CommandMetadata;
}

/** A Nest application context with the CQRS write model on a fresh PostgreSQL event store. */
export async function startWriteModel(options: StartOptions = {}) {
  const db: TestDatabase = await (options.database ?? createTestDatabase)();
  const inner = new PostgresEventStore({ connectionString: db.url, maxConnections: 12 });
  const store = options.store ? options.store(inner) : inner;
  const pool = new Pool({ connectionString: db.url, max: 2 });
  const moduleRef = await Test.createTestingModule({
    imports: writeModelImportsForTests(store, pool),
  }).compile();
  const app = await moduleRef.init();
  return {
    db,
    store: inner,
    /** A small pool on the same database, for a test's own queries. */
    pool,
    commandBus: app.get(CommandBus),
    async stop() {
      await app.close();
      await inner.close();
      await pool.end();
      await db.drop();
    },
  };
}

export function metadata(tenantId: string, at = '2026-01-01T00:00:00.000Z'): CommandMetadata {
  const requestId = randomUUID();
  return {
    tenantId,
    actor: { kind: 'scim-key', keyId: 'key-1', idpProfile: 'okta' },
    requestId,
    correlationId: requestId,
    causationId: requestId,
    occurredAt: at,
  };
}

/** The store, with `before` awaited ahead of every appendMany: to slip a write in, or to hold appends back. */
export function beforeEachAppend(
  inner: EventStore,
  before: (requests: AppendToStream[]) => Promise<void> | void,
): EventStore {
  return new Proxy(inner, {
    get: (target, key, receiver) =>
      key === 'appendMany'
        ? async (requests: AppendToStream[]) => {
            await before(requests);
            return target.appendMany(requests);
          }
        : Reflect.get(target, key, receiver),
  });
}

type StartedWriteModel = Awaited<ReturnType<typeof startWriteModel>>;

/** Starts the write model before the describe's tests and stops it after them; read its parts inside tests. */
export function useWriteModel(options: StartOptions = {}): Omit<StartedWriteModel, 'stop'> {
  let started: StartedWriteModel | undefined;
  beforeAll(async () => {
    started = await startWriteModel(options);
  });
  afterAll(() => started?.stop());
  const current = (): StartedWriteModel => {
    if (!started) throw new Error('the write model starts in beforeAll');
    return started;
  };
  return {
    get db() {
      return current().db;
    },
    get store() {
      return current().store;
    },
    get pool() {
      return current().pool;
    },
    get commandBus() {
      return current().commandBus;
    },
  };
}

type TenantInput<Input> = Omit<Input, 'tenantId' | 'metadata'>;

/**
 * The write model's user and group commands for one tenant, each with fresh request metadata: a test
 * says what it sends, not the envelope.
 */
export function commandsFor(wm: Pick<StartedWriteModel, 'commandBus'>, tenantId: string) {
  const send =
    <Input extends CommandEnvelope>(CommandClass: new (input: Input) => Command<WriteResult>) =>
    (input: TenantInput<Input>): Promise<WriteResult> =>
      wm.commandBus.execute(new CommandClass({ ...input, tenantId, metadata: metadata(tenantId) } as Input));
  const commands = {
    provisionUser: send(ProvisionUserCommand),
    replaceUser: send(ReplaceUserCommand),
    patchUser: send(PatchUserCommand),
    deleteUser: send(DeleteUserCommand),
    createGroup: send(CreateGroupCommand),
    replaceGroup: send(ReplaceGroupCommand),
    patchGroup: send(PatchGroupCommand),
    deleteGroup: send(DeleteGroupCommand),
  };
  return {
    ...commands,
    /** A new user of the tenant (its userName derived from its id unless given); answers its id. */
    async newUser(resource: JsonObject = {}): Promise<string> {
      const userId = randomUUID();
      await commands.provisionUser({ userId, resource: { userName: `${userId}@example.test`, ...resource } });
      return userId;
    },
  };
}
