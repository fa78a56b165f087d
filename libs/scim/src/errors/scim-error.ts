import { SCIM_ERROR_URN } from '../messages/urns';

/**
 * `scimType` values of RFC 7644 §3.12, table 9 (all are sent with status 400,
 * except `uniqueness` (409) and `tooMany` / `sensitive` which the RFC also pairs with 400/403).
 */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

/** RFC 7644 §3.12 error response body. `status` is a string, as Okta expects. */
export interface ScimErrorBody {
  schemas: [typeof SCIM_ERROR_URN];
  status: string;
  scimType?: ScimType;
  detail?: string;
}

/**
 * Base class of every SCIM protocol error. The HTTP layer maps it once: `status` is the
 * HTTP status and `toBody()` the response body. Domain code never throws HTTP exceptions.
 */
export class ScimError extends Error {
  constructor(
    /**
     * Greppable id of the throw site, unique in the code base (`SCIM-` and four letters or digits,
     * like ZITADEL's); a mapped domain error keeps its domain site. Not sent in the body.
     */
    readonly site: string,
    readonly status: number,
    readonly scimType: ScimType | undefined,
    readonly detail: string,
  ) {
    super(detail);
    this.name = new.target.name;
  }

  /** Renders the RFC 7644 §3.12 body. */
  toBody(): ScimErrorBody {
    const body: ScimErrorBody = { schemas: [SCIM_ERROR_URN], status: String(this.status) };
    if (this.scimType !== undefined) body.scimType = this.scimType;
    if (this.detail) body.detail = this.detail;
    return body;
  }
}

export function isScimError(error: unknown): error is ScimError {
  return error instanceof ScimError;
}
