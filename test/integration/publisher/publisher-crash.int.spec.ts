import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { useBeforeEach } from '../../support/hooks';
import { readAll, Seeder, testBrokers, uniqueTopics, usePublisherWorld, waitFor } from './support';

jest.setTimeout(120000);

const root = resolve(__dirname, '..', '..', '..');

function spawnPublisher(env: Record<string, string>): { child: ChildProcess; lines: string[] } {
  const child = spawn(
    process.execPath,
    ['--require', './test/support/register-ts.js', join(__dirname, 'fixtures', 'publisher-process.ts')],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines: string[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
  });
  return { child, lines };
}

const exited = (child: ChildProcess) =>
  new Promise<void>((r) =>
    child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r()),
  );

describe('Publisher killed (SIGKILL) in the middle of a batch', () => {
  const brokers = testBrokers();
  const world = usePublisherWorld();
  const children = useBeforeEach(
    async () => [] as ChildProcess[],
    (spawned) => {
      for (const c of spawned) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    },
  );

  it('loses nothing after a restart; duplicates only of the unacknowledged batch', async () => {
    const topics = uniqueTopics();
    const seed = new Seeder(world.eventStore);
    await seed.createGroup('staff', 'Staff');
    const users = Array.from({ length: 30 }, (_, i) => `user-${i}`);
    for (const u of users) await seed.burstUser(u, 'staff');
    const head = await world.eventStore.headPosition();
    const env = {
      DATABASE_URL: world.db.url,
      KAFKA_BROKERS: brokers,
      TOPICS: JSON.stringify(topics),
      BATCH_SIZE: '10',
    };
    const checkpoint = async () =>
      Number((await world.pool.query('SELECT position FROM publisher_checkpoints')).rows[0]?.position ?? 0);

    // First run: killed after the broker acknowledged its third batch, before that checkpoint commit.
    const first = spawnPublisher({ ...env, SLOW_COMMIT_MS: '1500' });
    children.push(first.child);
    await waitFor(
      () => first.lines.filter((l) => l.startsWith('ACKED')).length >= 3,
      60000,
      'three acknowledged batches',
    );
    first.child.kill('SIGKILL');
    await exited(first.child);
    const [, from, to] = first.lines
      .filter((l) => l.startsWith('ACKED'))[2]!
      .split(' ')
      .map(Number);
    expect(await checkpoint()).toBe(from);

    // Second run: resumes from the checkpoint and catches up.
    const second = spawnPublisher({ ...env, SLOW_COMMIT_MS: '0' });
    children.push(second.child);
    await waitFor(async () => (await checkpoint()) === head, 60000, 'the restarted publisher to catch up');
    second.child.kill('SIGTERM');
    await exited(second.child);

    const expected = users.length * 7 + 1;
    // Every message of the acknowledged-but-not-checkpointed batch is there twice; nothing else is.
    const complete = (read: Array<{ value: string }>) => {
      const distinct = new Map(
        read
          .map((m) => JSON.parse(m.value) as { messageId: string; position: number })
          .map((b) => [b.messageId, b.position]),
      );
      const inBatch = [...distinct.values()].filter((p) => p > from! && p <= to!).length;
      return distinct.size >= expected && read.length >= expected + inBatch;
    };
    const messages = await readAll(brokers, topics, complete, 20000);
    const counts = new Map<string, number>();
    for (const m of messages) counts.set(m.body.messageId, (counts.get(m.body.messageId) ?? 0) + 1);
    expect(counts.size).toBe(expected); // nothing missing
    const duplicatedPositions = messages.filter((m) => counts.get(m.body.messageId)! > 1).map((m) => m.body.position);
    expect(duplicatedPositions.length).toBe(
      messages.filter((m) => m.body.position > from! && m.body.position <= to!).length,
    );
    // only the batch acked but not checkpointed
    expect(duplicatedPositions.every((p) => p > from! && p <= to!)).toBe(true);
  });
});
