/**
 * Availability errors: the database (or the network to it) is not answering right now. They say
 * nothing about the request or the event being handled, so callers answer 503 (HTTP) or back off
 * and try again (followers); they are never a reason to reject input or park an event.
 *
 * Everything else (a constraint, a bad value, a bug) is deterministic and handled as such.
 */

/** Node socket errors that mean "the server is not reachable or went away". */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENOTCONN',
]);

/** SQLSTATEs of a server that is unavailable, shutting down, overloaded or lost our session. */
const UNAVAILABLE_SQLSTATES = new Set([
  '53300', // too_many_connections
  '53400', // configuration_limit_exceeded
  '55P03', // lock_not_available (lock_timeout)
  '40001', // serialization_failure: retrying is the documented answer
  '40P01', // deadlock_detected: likewise
  '57014', // query_canceled: statement_timeout (the query pool's bound) or an operator's cancel
]);

/** Messages of node-postgres and its pool that carry no code. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Client was closed',
  'Cannot use a pool after calling end',
  'the database system is starting up',
  'the database system is shutting down',
  'terminating connection',
  'Query read timeout',
];

/** true when `error` (or its cause chain) means "not available now, try again later". */
export function isAvailabilityError(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    if (isUnavailable(current as ErrorLike)) return true;
    const aggregate = (current as { errors?: unknown }).errors;
    if (Array.isArray(aggregate) && aggregate.length > 0 && aggregate.every(isAvailabilityError)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
}

function isUnavailable(error: ErrorLike): boolean {
  const code = typeof error.code === 'string' ? error.code : '';
  if (NETWORK_CODES.has(code)) return true;
  // Class 08: connection exception; class 57P: operator intervention (admin shutdown, crash, cannot connect now).
  if (/^08[0-9A-Z]{3}$/.test(code) || /^57P[0-9A-Z]{2}$/.test(code) || UNAVAILABLE_SQLSTATES.has(code)) return true;
  const message = typeof error.message === 'string' ? error.message : '';
  return UNAVAILABLE_MESSAGES.some((fragment) => message.includes(fragment));
}

/**
 * A checked-out pg client loses the pool's 'error' listener while it is out, so a server that
 * terminates the connection between two statements would raise an unhandled 'error' event and
 * end the process. Attach this for as long as the client is held; the failing query rejects on
 * its own, and `release(error)` then discards the client.
 */
export function holdClient<
  T extends {
    on(event: 'error', listener: (error: Error) => void): unknown;
    removeListener(event: 'error', listener: (error: Error) => void): unknown;
  },
>(client: T): { client: T; lastError(): Error | undefined; done(): void } {
  let last: Error | undefined;
  const listener = (error: Error) => {
    last = error;
  };
  client.on('error', listener);
  return { client, lastError: () => last, done: () => void client.removeListener('error', listener) };
}
