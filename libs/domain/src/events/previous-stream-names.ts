import { StreamPrefix, userNameKey } from './stream-names';

/** The first event of a stream written by the previous release, as the stream-id migration reads it. */
export interface FirstEventOfStream {
  streamId: string;
  /** metadata.tenantId: the tenant that wrote it. */
  tenantId: string;
  data: Record<string, unknown>;
}

export class UnmappableStreamError extends Error {
  constructor(streamId: string, why: string) {
    super(`stream ${JSON.stringify(streamId)} cannot be moved to a tenant-safe id: ${why}`);
    this.name = 'UnmappableStreamError';
  }
}

/**
 * This release's id of a stream the previous release named `{category}-{tenantId}-{ids}`, built
 * from what its first event says (tenant and ids), never by parsing the old name, which is
 * ambiguous (the reason for the change). The old name must be exactly what the previous release
 * would have built from those values, else the stream is not what it seems and the migration
 * stops. null: nothing to move (tenant streams keep `tenant-{tenantId}`; new-format ids;
 * categories this service does not write).
 *
 * The ids are put in as stored (the previous release accepted member values like `x-<uuid>`), so
 * this builds the name directly instead of through the validating builders.
 */
export function migratedStreamId(first: FirstEventOfStream): string | null {
  const { streamId, tenantId, data } = first;
  const dash = streamId.indexOf('-');
  const category = dash < 0 ? streamId : streamId.slice(0, dash);
  if (category === StreamPrefix.tenant || streamId.slice(dash + 1).startsWith(`${tenantId}:`)) return null;
  const text = (name: string): string => {
    const value = data[name];
    if (typeof value !== 'string' || value === '')
      throw new UnmappableStreamError(streamId, `its first event has no ${name}`);
    return value;
  };
  const expect = (oldName: string, newName: string): string => {
    if (oldName !== streamId)
      throw new UnmappableStreamError(streamId, `expected the previous release's name ${JSON.stringify(oldName)}`);
    return newName;
  };
  switch (category) {
    case StreamPrefix.user:
      return expect(`user-${tenantId}-${text('userId')}`, `user-${tenantId}:${text('userId')}`);
    case StreamPrefix.group:
      return expect(`group-${tenantId}-${text('groupId')}`, `group-${tenantId}:${text('groupId')}`);
    case StreamPrefix.membership: {
      const memberIds = data.memberIds;
      if (!Array.isArray(memberIds) || memberIds.length !== 1 || typeof memberIds[0] !== 'string')
        throw new UnmappableStreamError(streamId, 'its first event has not exactly one member id');
      return expect(
        `membership-${tenantId}-${text('groupId')}-${memberIds[0]}`,
        `membership-${tenantId}:${text('groupId')}:${memberIds[0]}`,
      );
    }
    case StreamPrefix.userName: {
      const oldKey = streamId.slice(`username-${tenantId}-`.length);
      if (!/^[0-9a-f]{64}$/.test(oldKey))
        throw new UnmappableStreamError(streamId, 'no userName hash after the tenant');
      return expect(`username-${tenantId}-${oldKey}`, `username-${tenantId}:${userNameKey(text('userName'))}`);
    }
    default:
      return null;
  }
}
