import { randomUUID } from 'node:crypto';
import { groupStream, membershipStream, userStream, type JsonObject } from '@lib/domain';
import type { AppendResult, EventStore, EventToAppend } from '@lib/event-store';

/**
 * Appends SCIM domain events straight to the store, as the write model would after its
 * decisions: the read model's tests need the events, not the command handlers. `clock` gives
 * each event a distinct, increasing occurredAt.
 */
export class ScimEventWriter {
  private tick = Date.UTC(2025, 0, 1);

  constructor(
    private readonly store: EventStore,
    readonly tenantId: string,
  ) {}

  provisionUser(userId: string, resource: JsonObject & { userName: string }, active = true): Promise<AppendResult> {
    const externalId = typeof resource.externalId === 'string' ? resource.externalId : null;
    return this.append(userStream(this.tenantId, userId), 'UserProvisioned', {
      tenantId: this.tenantId,
      userId,
      userName: resource.userName,
      externalId,
      active,
      resource,
    });
  }

  updateUser(userId: string, resource: JsonObject & { userName: string }): Promise<AppendResult> {
    return this.append(userStream(this.tenantId, userId), 'UserUpdated', {
      tenantId: this.tenantId,
      userId,
      userName: resource.userName,
      changes: [],
      resource,
    });
  }

  deactivateUser(userId: string, userName: string): Promise<AppendResult> {
    return this.append(userStream(this.tenantId, userId), 'UserDeactivated', {
      tenantId: this.tenantId,
      userId,
      userName,
    });
  }

  reactivateUser(userId: string, userName: string): Promise<AppendResult> {
    return this.append(userStream(this.tenantId, userId), 'UserReactivated', {
      tenantId: this.tenantId,
      userId,
      userName,
    });
  }

  deleteUser(userId: string, userName: string): Promise<AppendResult> {
    return this.append(userStream(this.tenantId, userId), 'UserDeleted', { tenantId: this.tenantId, userId, userName });
  }

  createGroup(groupId: string, displayName: string, resource: JsonObject = {}): Promise<AppendResult> {
    const externalId = typeof resource.externalId === 'string' ? resource.externalId : null;
    return this.append(groupStream(this.tenantId, groupId), 'GroupCreated', {
      tenantId: this.tenantId,
      groupId,
      displayName,
      externalId,
      resource: { displayName, ...resource },
    });
  }

  renameGroup(groupId: string, previousDisplayName: string, displayName: string): Promise<AppendResult> {
    return this.append(groupStream(this.tenantId, groupId), 'GroupRenamed', {
      tenantId: this.tenantId,
      groupId,
      previousDisplayName,
      displayName,
    });
  }

  updateGroup(groupId: string, resource: JsonObject): Promise<AppendResult> {
    return this.append(groupStream(this.tenantId, groupId), 'GroupUpdated', {
      tenantId: this.tenantId,
      groupId,
      changes: [],
      resource,
    });
  }

  deleteGroup(groupId: string, displayName: string): Promise<AppendResult> {
    return this.append(groupStream(this.tenantId, groupId), 'GroupDeleted', {
      tenantId: this.tenantId,
      groupId,
      displayName,
    });
  }

  /** A v1 add (no display), or a v2 add carrying the display the client sent. */
  addMember(groupId: string, userId: string, display?: string): Promise<AppendResult> {
    const streamId = membershipStream(this.tenantId, groupId, userId);
    const data = { tenantId: this.tenantId, groupId, memberIds: [userId] };
    if (display === undefined) return this.append(streamId, 'GroupMembersAdded', data);
    return this.store.append(streamId, 'any', [
      this.event('GroupMembersAdded', { ...data, displays: { [userId]: display } }, 2),
    ]);
  }

  /** `remove active`: the attribute unassigned; an inactive user gets access back (UserReactivated). */
  async unassignActive(userId: string, userName: string, wasActive: boolean): Promise<AppendResult> {
    const result = await this.append(userStream(this.tenantId, userId), 'UserActiveAttributeChanged', {
      tenantId: this.tenantId,
      userId,
      userName,
      before: wasActive,
      after: null,
    });
    return wasActive ? result : this.reactivateUser(userId, userName);
  }

  removeMember(groupId: string, userId: string): Promise<AppendResult> {
    return this.append(membershipStream(this.tenantId, groupId, userId), 'GroupMembersRemoved', {
      tenantId: this.tenantId,
      groupId,
      memberIds: [userId],
    });
  }

  /** Any event, e.g. a malformed one for failure tests. */
  append(streamId: string, type: string, data: Record<string, unknown>): Promise<AppendResult> {
    return this.store.append(streamId, 'any', [this.event(type, data)]);
  }

  event(type: string, data: Record<string, unknown>, schemaVersion = 1): EventToAppend {
    const requestId = randomUUID();
    this.tick += 1000;
    return {
      eventId: randomUUID(),
      type,
      data,
      metadata: {
        tenantId: this.tenantId,
        actor: { kind: 'scim-key', keyId: 'test-key', idpProfile: 'generic' },
        requestId,
        correlationId: requestId,
        causationId: requestId,
        occurredAt: new Date(this.tick).toISOString(),
        schemaVersion,
      },
    };
  }
}
