import { ScimError } from '@lib/scim';

/**
 * RFC 7231 §6.5.5 / RFC 7644 §3.12: a method the endpoint exists for but does not support (PUT
 * on /Users, DELETE on /ServiceProviderConfig) is 405, not 404. Controllers declare a catch-all
 * handler after their real routes, so only the methods they do not serve reach it.
 */
export class MethodNotAllowedError extends ScimError {
  constructor(
    site: string,
    method: string,
    /** The `Allow` header's value (RFC 7231 §6.5.5 requires it on a 405). */
    readonly allowed: string,
  ) {
    super(site, 405, undefined, `${method} is not supported on this endpoint; it supports ${allowed}.`);
  }
}
