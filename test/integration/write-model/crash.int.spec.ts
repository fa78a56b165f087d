import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { groupStream, membershipStream, userNameReservationStream, userStream } from '@lib/domain';
import { PostgresEventStore, type RecordedEvent } from '@lib/event-store';
import { createTestDatabase, type TestDatabase } from '../../support/database';

// The project-level testTimeout does not reach tests under jest 30's projects; real servers need more than 5 s.
jest.setTimeout(60_000);

type Line =
  | { kind: 'user'; userId: string; userName: string }
  | { kind: 'group'; groupId: string; members: string[] }
  | { kind: 'member'; groupId: string; members: string[] };

const root = resolve(__dirname, '../../..');

/**
 * Process killed mid-request: the store must hold every acknowledged write, and of every command
 * (acknowledged or cut off) either all of its events or none.
 */
describe('crash safety of the write model on PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('SIGKILL during a burst of commands loses no acknowledged write and leaves no half command', async () => {
    const { begun, acked } = await runAndKill(db.url, 60);
    expect(acked.length).toBeGreaterThanOrEqual(60);
    // The kill landed with commands in flight (8 run at once), or the test proves nothing.
    expect(begun.length).toBeGreaterThan(acked.length);

    const store = new PostgresEventStore({ connectionString: db.url, maxConnections: 4 });
    const pool = new Pool({ connectionString: db.url, max: 1 });
    try {
      const read = (streamId: string) => store.readStream(streamId);
      const types = (events: RecordedEvent[]) => events.map((e) => e.type);
      const ackedKeys = new Set(acked.map((a) => JSON.stringify(a)));

      for (const command of begun) {
        const isAcked = ackedKeys.has(JSON.stringify(command));
        if (command.kind === 'user') {
          const user = types(await read(userStream('crash-tenant', command.userId)));
          const reservation = (await read(userNameReservationStream('crash-tenant', command.userName))).filter(
            (e) => e.data.userId === command.userId,
          );
          // Both or neither: a create is the reservation and the user, in one transaction.
          expect({ command, user, reserved: reservation.length }).toEqual(
            user.length > 0 || isAcked
              ? { command, user: ['UserProvisioned'], reserved: 1 }
              : { command, user: [], reserved: 0 },
          );
        } else if (command.kind === 'group') {
          const group = types(await read(groupStream('crash-tenant', command.groupId)));
          const memberships = await Promise.all(
            command.members.map((m) => read(membershipStream('crash-tenant', command.groupId, m))),
          );
          const created = group.length > 0 || isAcked;
          expect({ command, group, members: memberships.map((m) => m.length > 0) }).toEqual({
            command,
            group: created ? ['GroupCreated'] : [],
            members: command.members.map(() => created),
          });
        } else if (isAcked) {
          for (const member of command.members) {
            expect(types(await read(membershipStream('crash-tenant', command.groupId, member)))).toContain(
              'GroupMembersAdded',
            );
          }
        }
      }

      // The log itself: positions 1..head without a hole, and the streams table agrees with the events.
      const { rows } = await pool.query<{ n: string; max: string }>(
        'SELECT count(*) AS n, coalesce(max(global_position), 0) AS max FROM events',
      );
      expect(Number(rows[0].n)).toBe(Number(rows[0].max));
      expect(await store.headPosition()).toBe(Number(rows[0].max));
      const mismatched = await pool.query(
        'SELECT s.stream_id FROM streams s JOIN ' +
          '(SELECT stream_id, max(stream_revision) AS r, count(*) AS n FROM events GROUP BY stream_id) ' +
          `e USING (stream_id)
         WHERE s.revision <> e.r OR e.n <> e.r + 1`,
      );
      expect(mismatched.rows).toEqual([]);
    } finally {
      await store.close();
      await pool.end();
    }
  });
});

/** Runs the burst child until `acks` acknowledgements, then SIGKILLs it mid-flight. */
function runAndKill(url: string, acks: number): Promise<{ begun: Line[]; acked: Line[] }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ['--require', './test/support/register-ts.js', 'test/integration/write-model/fixtures/command-burst.ts', url],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const begun: Line[] = [];
    const acked: Line[] = [];
    let buffer = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`burst did not reach ${acks} acks in time (${acked.length}); stderr: ${stderr}`));
    }, 45_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? ''; // an unfinished line was cut by the kill: not acknowledged
      for (const line of lines) {
        const [tag, ...json] = line.split(' ');
        if (tag === 'BEGIN') begun.push(JSON.parse(json.join(' ')) as Line);
        if (tag === 'ACK') acked.push(JSON.parse(json.join(' ')) as Line);
      }
      if (!killed && acked.length >= acks) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && killed) resolvePromise({ begun, acked });
      else reject(new Error(`burst exited by itself (code ${code}, signal ${signal}); stderr: ${stderr}`));
    });
  });
}
