export const PG_POOL = Symbol('PG_POOL');

/**
 * The pool of read queries that answer clients (SCIM lists and reads, the audit API): its
 * connections carry statement_timeout = QUERY_TIMEOUT_MS, so a query that runs away is cancelled
 * by the server (57014, answered 503) instead of holding a connection and a request forever.
 */
export const QUERY_POOL = Symbol('QUERY_POOL');
