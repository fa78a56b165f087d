import { createHash } from 'node:crypto';

/**
 * Stream names. Every stream carries the tenant id so no stream is shared between tenants, and
 * a stream id alone tells which tenant (and aggregate) it belongs to.
 *
 * Names are built, never parsed back into ids (ids may contain '-'): events carry their ids in
 * `data`, and the stream category is the only thing read from a name.
 */
export const StreamPrefix = {
  tenant: 'tenant',
  user: 'user',
  group: 'group',
  membership: 'membership',
  userName: 'username',
} as const;

export const tenantStream = (tenantId: string): string => `tenant-${tenantId}`;
export const userStream = (tenantId: string, userId: string): string => `user-${tenantId}-${userId}`;
export const groupStream = (tenantId: string, groupId: string): string => `group-${tenantId}-${groupId}`;
/** One stream per (group, user) pair: a membership change never touches the other members. */
export const membershipStream = (tenantId: string, groupId: string, userId: string): string =>
  `membership-${tenantId}-${groupId}-${userId}`;

/**
 * The reservation stream of a userName: sha256 of the lowercased name (RFC 7643: userName is
 * caseExact=false), so two spellings of one name meet on one stream and the name itself never
 * appears in a stream id (it may be an email address).
 */
export const userNameReservationStream = (tenantId: string, userName: string): string =>
  `username-${tenantId}-${userNameKey(userName)}`;

/** The case-insensitive identity of a userName, as used for uniqueness. */
export function userNameKey(userName: string): string {
  return createHash('sha256').update(normalizeUserName(userName), 'utf8').digest('hex');
}

/** Case folding for uniqueness: lower case after Unicode NFC, so composed and decomposed forms meet. */
export function normalizeUserName(userName: string): string {
  return userName.normalize('NFC').toLowerCase();
}

/** The stream category (the prefix before the first '-'): `user`, `group`, `membership`, ... */
export function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}
