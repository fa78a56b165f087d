import { ScimError } from '@lib/scim';

/** 429: the tenant sent more requests than its rate limit allows; retry after `retryAfterSeconds`. */
export class TooManyRequestsError extends ScimError {
  constructor(
    site: string,
    readonly retryAfterSeconds: number,
  ) {
    super(site, 429, undefined, `Too many requests for this tenant; retry after ${retryAfterSeconds} s.`);
  }
}
