import { join } from 'node:path';
import pino from 'pino';
import type { Environment } from '@lib/platform';
import { FollowerThread } from './follower-thread';

const fakeWorker = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'test',
  'fixtures',
  'follower-thread',
  'fake-follower-worker.js',
);
const silentLogger = pino({ level: 'silent' });

/** A FollowerThread running the fake worker (a real worker thread, no database). */
function thread(behaviour: 'serve' | 'fail-start'): FollowerThread {
  const env = { behaviour } as unknown as Environment;
  return new FollowerThread({ group: 'projections', env, databaseUrl: 'postgres://unused' }, silentLogger, fakeWorker);
}

async function eventually<T>(probe: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('FollowerThread (a real worker thread running a fake follower script)', () => {
  let running: FollowerThread | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('relays the thread readiness checks, liveness and metrics to the main thread', async () => {
    running = thread('serve');
    await running.start();
    expect(running.readiness).toEqual(['projector']);
    expect(running.livenessChecks()).toEqual(['projector']);
    const readiness = await running.checkReadiness('projector');
    expect(readiness).toEqual({
      up: true,
      details: { check: 'projector', threadId: expect.any(Number), thread: 'projections' },
    });
    expect(readiness.details!.threadId).not.toBe(0);
    expect(await running.metrics()).toEqual([
      expect.objectContaining({ name: 'fake_thread_id', values: [{ value: readiness.details!.threadId, labels: {} }] }),
    ]);
    expect(running.isAlive('projector')).toBe(true);
    expect(running.isAlive('publisher')).toBe(false);
  });

  it('starts a thread that ended on its own again, and counts it', async () => {
    running = thread('serve');
    await running.start();
    const first = (await running.checkReadiness('projector')).details!.threadId;
    await expect(running.checkReadiness('crash')).rejects.toThrow('follower thread ended');
    expect(running.isAlive('projector')).toBe(false);
    const second = await eventually(async () => (await running!.checkReadiness('projector')).details!.threadId);
    expect(second).not.toBe(first);
    expect(running.restartCount).toBe(1);
    expect(running.isAlive('projector')).toBe(true);
  });

  it('fails the start with the thread error when the first start fails, and does not retry it', async () => {
    running = thread('fail-start');
    await expect(running.start()).rejects.toThrow('follower thread projections failed to start: no database');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(running.restartCount).toBe(0);
    await expect(running.checkReadiness('projector')).rejects.toThrow('is not running');
  });

  it('answers a question the thread leaves unanswered with an error after its bound', async () => {
    running = thread('serve');
    await running.start();
    await expect(running.checkReadiness('silent')).rejects.toThrow('no answer within 2500 ms');
    expect((await running.checkReadiness('projector')).up).toBe(true);
  });

  it('stops the thread when asked and does not start it again', async () => {
    const stopped = thread('serve');
    await stopped.start();
    await stopped.stop();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(stopped.restartCount).toBe(0);
    expect(stopped.isAlive('projector')).toBe(false);
    await expect(stopped.metrics()).rejects.toThrow('is not running');
  });
});
