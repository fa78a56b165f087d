import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { readTopics, testBrokers, uniqueName } from './support';

jest.setTimeout(90_000);

const root = join(__dirname, '..', '..', '..');

function produceInChildProcess(env: Record<string, string>): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--require', './test/support/register-ts.js', join(__dirname, 'fixtures', 'produce-process.ts')],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`producer exited ${code}: ${err}`)))),
  );
}

/**
 * The producer adapter replaces kafkajs' record encoder with one that allocates one pooled
 * buffer per record (record-encoder.ts; its unit test compares bytes with kafkajs'). Here the
 * records it writes go to the real broker and come back through a plain kafkajs consumer.
 */
describe('records written by our encoder, through the pinned broker', () => {
  it('are read back with their keys, values and headers', async () => {
    const brokers = testBrokers();
    const topic = uniqueName('encoder');
    const count = 1000;
    const out = await produceInChildProcess({ BROKERS: brokers, TOPIC: topic, COUNT: String(count) });
    expect(out).toContain('encoder ours');
    const read = await readTopics(brokers, [topic], (messages) => messages.length >= count);
    expect(read).toHaveLength(count);
    const byId = new Map(read.map((m) => [m.headers.messageId, m]));
    for (let i = 0; i < count; i++) {
      const message = byId.get(`m${i}`)!;
      expect(message).toBeDefined();
      expect(message.key).toBe(`tenant-é:${i % 7}`);
      expect(JSON.parse(message.value)).toEqual({ i, text: 'zoë 🦉'.repeat(i % 5) });
      expect(message.headers).toEqual({
        messageId: `m${i}`,
        type: 'user.deactivated',
        version: '1',
        tenantId: 'tenant-é',
        empty: '',
      });
    }
  });
});
