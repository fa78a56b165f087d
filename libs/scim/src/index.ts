/**
 * @lib/scim — the SCIM 2.0 protocol (RFC 7643, RFC 7644) as pure TypeScript:
 * schemas, filters, attribute paths, PATCH, projection, errors and messages. No framework, no I/O.
 */
export * from './errors';
export * from './filter';
export * from './schemas';
export * from './messages';
export * from './path';
export * from './patch';
export * from './projection';
export * from './text';
