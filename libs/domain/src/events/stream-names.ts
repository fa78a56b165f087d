import { createHash } from 'node:crypto';
import { foldCase } from '@lib/scim';

/**
 * Stream names: `{category}-{tenantId}:{id}[:{id}]`.
 *
 * Tenant ids may contain '-' (`acme`, `acme-x`), so the tenant part ends at a ':' that a tenant
 * id can never contain (letters, digits, '.', '_', '-'), and the ids after it are this service's
 * UUIDs (or a hash), which contain no ':' either. No (tenant, id) pair can therefore spell a
 * stream of another tenant: `user-acme:x-…` and `user-acme-x:…` are different streams. The
 * builders refuse anything else, as the last line of defence behind the input checks.
 *
 * Names are built, never parsed back into ids: events carry their ids in `data`, and the
 * category is the only thing read from a name. The previous release's format
 * (`user-{tenantId}-{userId}`) is moved by a migration (docs/event-store.md).
 */
export const StreamPrefix = {
  tenant: 'tenant',
  user: 'user',
  group: 'group',
  membership: 'membership',
  /** The group's membership version: one marker per membership change, so a replace can guard it. */
  groupMembership: 'groupmembers',
  userName: 'username',
} as const;

/** The characters a tenant id may hold (libs/tenancy validates the full pattern). */
const TENANT_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Ids after the tenant: no separator, no control characters, bounded (the gateway admits UUIDs only). */
// eslint-disable-next-line no-control-regex
const ID_PART = /^[^:\u0000-\u001f\u007f]{1,256}$/u;

export class InvalidStreamNameError extends Error {
  constructor(part: string, value: string) {
    super(`not a valid ${part} for a stream name: ${JSON.stringify(value.slice(0, 80))}`);
    this.name = 'InvalidStreamNameError';
  }
}

const tenantPart = (tenantId: string): string => {
  if (!TENANT_PART.test(tenantId)) throw new InvalidStreamNameError('tenant id', tenantId);
  return tenantId;
};
const idPart = (id: string): string => {
  if (!ID_PART.test(id)) throw new InvalidStreamNameError('id', id);
  return id;
};
const name = (category: string, tenantId: string, ...ids: string[]): string =>
  `${category}-${[tenantPart(tenantId), ...ids.map(idPart)].join(':')}`;

export const tenantStream = (tenantId: string): string => `${StreamPrefix.tenant}-${tenantPart(tenantId)}`;
export const userStream = (tenantId: string, userId: string): string => name(StreamPrefix.user, tenantId, userId);
export const groupStream = (tenantId: string, groupId: string): string => name(StreamPrefix.group, tenantId, groupId);
/** One stream per (group, user) pair: a membership change never touches the other members. */
export const membershipStream = (tenantId: string, groupId: string, userId: string): string =>
  name(StreamPrefix.membership, tenantId, groupId, userId);
/**
 * The group's membership version: every membership change appends one `GroupMembershipChanged`
 * here, so a members replace (which needs the current member set) can expect the version it read.
 */
export const groupMembershipStream = (tenantId: string, groupId: string): string =>
  name(StreamPrefix.groupMembership, tenantId, groupId);

/**
 * The reservation stream of a userName: sha256 of the case-folded name (RFC 7643: userName is
 * caseExact=false), so two spellings of one name meet on one stream and the name itself never
 * appears in a stream id (it may be an email address).
 */
export const userNameReservationStream = (tenantId: string, userName: string): string =>
  name(StreamPrefix.userName, tenantId, userNameKey(userName));

/** The case-insensitive identity of a userName, as used for uniqueness. */
export function userNameKey(userName: string): string {
  return createHash('sha256').update(normalizeUserName(userName), 'utf8').digest('hex');
}

/**
 * The identity of a userName for uniqueness: the service's one folding rule (NFC, Unicode simple
 * case folding, NFC; `foldCase` in @lib/scim), the same that SQL filters (`scim_fold`) and the
 * filter evaluator use, so an IdP always finds the user whose name blocks its create.
 */
export function normalizeUserName(userName: string): string {
  return foldCase(userName);
}

/** The stream category (the prefix before the first '-'): `user`, `group`, `membership`, ... */
export function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}

/** UUIDs, as this service generates for users and groups (any version, case-insensitive). */
const RESOURCE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** true when `id` has the form of a user or group id of this service: checked before any stream is read. */
export function isResourceId(id: unknown): boolean {
  return typeof id === 'string' && RESOURCE_ID.test(id);
}
