import pino from 'pino';
import { Registry } from 'prom-client';
import { faultOutcome, handleProcessFault, processFaultCount, registerProcessFaultMetric } from './process-faults';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('what the process does with an error nobody handled', () => {
  it('keeps serving after an unhandled rejection, whatever it is', () => {
    expect(faultOutcome('unhandledRejection', new TypeError('x'))).toBe('kept-serving');
    expect(
      faultOutcome('unhandledRejection', Object.assign(new Error('invalid byte sequence'), { code: '22021' })),
    ).toBe('kept-serving');
    expect(faultOutcome('unhandledRejection', 'not even an error')).toBe('kept-serving');
  });

  it('keeps serving after an uncaught availability error (a dead connection), stops after any other', () => {
    expect(faultOutcome('uncaughtException', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(
      'kept-serving',
    );
    expect(faultOutcome('uncaughtException', new Error('Connection terminated unexpectedly'))).toBe('kept-serving');
    expect(faultOutcome('uncaughtException', new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(
      'stopped',
    );
  });

  it('logs name, code and stack frames, never the message (it may quote input), and counts each fault', () => {
    const { logger, lines } = capture();
    const before = processFaultCount('unhandledRejection', 'kept-serving');
    const error = Object.assign(new Error('invalid input syntax for type bigint: "alice@example.com"'), {
      code: '22P02',
    });
    expect(handleProcessFault('unhandledRejection', error, logger)).toBe('kept-serving');
    expect(processFaultCount('unhandledRejection', 'kept-serving')).toBe(before + 1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      fault: 'unhandledRejection',
      outcome: 'kept-serving',
      error: { name: 'Error', code: '22P02' },
    });
    expect((lines[0].error as { frames: string[] }).frames.length).toBeGreaterThan(0);
    expect(JSON.stringify(lines[0])).not.toContain('alice@example.com');
  });

  it('exposes the counts as scim_process_faults_total', async () => {
    const { logger } = capture();
    handleProcessFault('uncaughtException', new TypeError('boom'), logger);
    const registry = new Registry();
    registerProcessFaultMetric(registry);
    const text = await registry.metrics();
    expect(text).toContain(
      `scim_process_faults_total{fault="uncaughtException",outcome="stopped"} ` +
        `${processFaultCount('uncaughtException', 'stopped')}`,
    );
  });
});
