import type { ArgumentsHost } from '@nestjs/common';
import pino from 'pino';
import { AuditExceptionFilter } from './audit-exception.filter';
import { badRequest } from './audit-http-error';

/** A (Fastify) reply that records what the filter does with it. */
function fakeResponse() {
  const state = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const response = {
    sent: false,
    raw: { headersSent: false, destroy: () => undefined },
    getHeader: (name: string) => state.headers[name.toLowerCase()],
    header(name: string, value: string) {
      state.headers[name.toLowerCase()] = value;
      return this;
    },
    status(code: number) {
      state.status = code;
      return this;
    },
    send: (body: unknown) => void (state.body = body),
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({}) }),
  } as unknown as ArgumentsHost;
  return { state, host };
}

function filterWithLog() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { filter: new AuditExceptionFilter(logger), lines };
}

describe('the audit API error filter', () => {
  it('logs what it answers 500 (name, message, stack), and answers without them', () => {
    const { filter, lines } = filterWithLog();
    const { state, host } = fakeResponse();
    filter.catch(new TypeError('cannot read x of undefined'), host);
    expect(state).toMatchObject({
      status: 500,
      body: { error: { status: 500, code: 'internal_error', message: 'The audit request failed.' } },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      err: { name: 'TypeError', message: 'cannot read x of undefined', stack: expect.stringContaining('TypeError') },
    });
  });

  it('answers an availability error 503 with Retry-After, logged as a warning', () => {
    const { filter, lines } = filterWithLog();
    const { state, host } = fakeResponse();
    filter.catch(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), host);
    expect(state).toMatchObject({
      status: 503,
      headers: { 'retry-after': '2' },
      body: { error: { status: 503, code: 'unavailable' } },
    });
    expect(lines).toEqual([expect.objectContaining({ level: 40 })]);
  });

  it('does not log a refusal of the request', () => {
    const { filter, lines } = filterWithLog();
    const { state, host } = fakeResponse();
    filter.catch(badRequest('bad_at', 'at must be an ISO-8601 instant'), host);
    expect(state).toMatchObject({ status: 400, body: { error: { status: 400, code: 'bad_at' } } });
    expect(lines).toEqual([]);
  });
});
