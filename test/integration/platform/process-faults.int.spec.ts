import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

/** A real process with the service's fault handlers (runService installs the same ones). */
function startFaultProcess(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    ['--require', './test/support/register-ts.js', join(__dirname, 'fixtures', 'fault-process.ts')],
    { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(output: () => string, text: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!output().includes(text)) {
    if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs} ms; output: ${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('an error nobody handled', () => {
  it('keeps the process serving after unhandled rejections and a dead connection, logs and counts each', async () => {
    const process_ = startFaultProcess();
    try {
      await waitFor(process_.output, 'ready');
      process_.child.stdin!.write('rejection\n');
      await waitFor(process_.output, 'alive after rejection: rejections 1, kept 0');
      process_.child.stdin!.write('rejection\n');
      await waitFor(process_.output, 'alive after rejection: rejections 2, kept 0');
      process_.child.stdin!.write('dead-connection\n');
      await waitFor(process_.output, 'alive after dead-connection: rejections 2, kept 1');
      expect(process_.output()).toContain('"fault":"unhandledRejection","outcome":"kept-serving"');
      expect(process_.output()).toContain('"code":"22021"');
      // The message quoted the input; only name, code and frames are logged.
      expect(process_.output()).not.toContain('invalid byte sequence');
      expect(process_.child.exitCode).toBeNull();
    } finally {
      process_.child.kill('SIGKILL');
    }
  });

  it('stops the process (exit code 1, after one log line) on an uncaught programming error', async () => {
    const process_ = startFaultProcess();
    await waitFor(process_.output, 'ready');
    process_.child.stdin!.write('bug\n');
    expect(await process_.exited).toBe(1);
    expect(process_.output()).toContain('"fault":"uncaughtException","outcome":"stopped"');
    expect(process_.output()).toContain('stopping');
  });
});
