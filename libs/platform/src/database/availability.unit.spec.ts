import { EventEmitter } from 'node:events';
import { holdClient, isAvailabilityError } from './availability';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isAvailabilityError', () => {
  it.each([
    ['connection refused', withCode('ECONNREFUSED')],
    ['connection reset', withCode('ECONNRESET')],
    ['admin shutdown (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['cannot connect now (57P03)', withCode('57P03', 'the database system is starting up')],
    ['connection failure (08006)', withCode('08006')],
    ['too many connections', withCode('53300')],
    ['terminated without a code', new Error('Connection terminated unexpectedly')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    ['a cause chain', new Error('wrapped', { cause: withCode('ECONNREFUSED') })],
    [
      'an aggregate of refusals',
      Object.assign(new Error(''), { errors: [withCode('ECONNREFUSED'), withCode('ECONNREFUSED')] }),
    ],
  ])('%s is an availability error', (_name, error) => {
    expect(isAvailabilityError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['an invalid byte sequence', withCode('22021')],
    ['a btree row too large', withCode('54000', 'index row size 3024 exceeds btree version 4 maximum 2704')],
    ['a plain bug', new TypeError('x is undefined')],
    ['not an error', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('%s is not', (_name, error) => {
    expect(isAvailabilityError(error)).toBe(false);
  });
});

describe('holdClient', () => {
  it('keeps an error event of a held client from being unhandled, and lets go when done', () => {
    const client = new EventEmitter();
    const held = holdClient(client);
    const terminated = new Error('Connection terminated unexpectedly');
    expect(() => client.emit('error', terminated)).not.toThrow();
    expect(held.lastError()).toBe(terminated);
    held.done();
    expect(client.listenerCount('error')).toBe(0);
  });
});
