import { Filter } from '../filter/ast';

/**
 * A PATCH `path` (RFC 7644 §3.5.2): `PATH = attrPath / valuePath [subAttr]`, e.g.
 * `name.givenName`, `emails[type eq "work"].value`, `members[value eq "2819c223"]`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`.
 * `valueFilter` is relative to one value of `attribute`.
 */
export interface PatchPath {
  readonly schema?: string;
  readonly attribute: string;
  readonly valueFilter?: Filter;
  readonly subAttribute?: string;
}
