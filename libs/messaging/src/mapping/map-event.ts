import type { RecordedEvent } from '@lib/event-store';
import { upcasters, type ScimDomainEvent } from '@lib/domain';
import type { TopicRole } from '../contracts/topics';
import type { AuditChange, AuditRecord, IntegrationMessage, RoleRevokedV1 } from '../contracts/integration-messages';

type UserLifecycleType = 'user.deactivated' | 'user.reactivated' | 'user.deleted' | 'user.erased';
import { envelope, groupKey, tenantKey, userKey } from './envelope';
import type { MembershipState, StateKeys } from './membership-state';
import { creationChanges, redactChanges } from './redaction';

/** What a message may say of a change of a person's attributes: the paths, never the values. */
const changedPaths = (changes: ReadonlyArray<{ path: string }>): AuditChange[] => changes.map(({ path }) => ({ path }));

/** A message and where it goes: the topic (by role) and the partition key. */
export interface RoutedMessage {
  topic: TopicRole;
  key: string;
  message: IntegrationMessage;
}

/**
 * Internal event -> integration messages. Pure apart from `state`, which it reads (fan-outs) and
 * updates (memberships, role names) so that the next event of the batch sees this one.
 * Events that are not changes anyone outside cares about (userName reservations) map to [].
 */
export function mapEvent(recorded: RecordedEvent, state: MembershipState): RoutedMessage[] {
  const event = upcasters.upcast<ScimDomainEvent>({
    type: recorded.type,
    version: recorded.metadata.schemaVersion,
    data: recorded.data,
  });
  const tenantId = recorded.metadata.tenantId;
  const audit = (
    key: string,
    subject: { type: 'user' | 'group' | 'tenant'; id: string },
    record: AuditRecord,
    discriminator?: string,
  ): RoutedMessage => {
    const { changes, redactedPaths } = redactChanges(record.changes);
    const data: AuditRecord = { ...record, changes, ...(redactedPaths.length ? { redactedPaths } : {}) };
    return { topic: 'auditLog', key, message: envelope(recorded, 'audit.change', subject, data, discriminator) };
  };
  /** A change of a user, keyed by the user. `omitted` says its personal values were left out. */
  const userAudit = (
    userId: string,
    action: AuditRecord['action'],
    changes: AuditChange[],
    omitted?: { personalValuesOmitted: true },
  ): RoutedMessage =>
    audit(
      userKey(tenantId, userId),
      { type: 'user', id: userId },
      {
        action,
        resource: { type: 'User', id: userId },
        changes,
        ...omitted,
      },
    );
  const personalValuesOmitted = { personalValuesOmitted: true } as const;
  const groupAudit = (
    groupId: string,
    action: AuditRecord['action'],
    resource: AuditRecord['resource'],
    changes: AuditChange[],
  ): RoutedMessage => audit(groupKey(tenantId, groupId), { type: 'group', id: groupId }, { action, resource, changes });
  const lifecycle = (userId: string, type: UserLifecycleType): RoutedMessage => ({
    topic: 'userLifecycle',
    key: userKey(tenantId, userId),
    message: envelope(recorded, type, { type: 'user', id: userId }, { userId }),
  });
  const revoke = (userId: string, groupId: string, reason: RoleRevokedV1['data']['reason']): RoutedMessage => {
    state.remove({ tenantId, groupId, userId });
    const data = { userId, roleId: groupId, roleName: state.roleName(tenantId, groupId), reason };
    return {
      topic: 'roleChanges',
      key: userKey(tenantId, userId),
      message: envelope(recorded, 'role.revoked', { type: 'user', id: userId }, data, groupId),
    };
  };

  switch (event.type) {
    // A person's events are mapped from what stays readable after an erasure (ids, `active`, the
    // paths of changed attributes): no personal value reaches Kafka, and a message re-sent after
    // an erasure is the same message.
    case 'UserProvisioned': {
      const { userId, active } = event.data;
      const changes: AuditChange[] = [{ path: 'active', before: null, after: active }];
      return [userAudit(userId, 'user.provisioned', changes, personalValuesOmitted)];
    }
    case 'UserUpdated': {
      const { userId } = event.data;
      return [userAudit(userId, 'user.updated', changedPaths(event.data.changes), personalValuesOmitted)];
    }
    case 'UserDeactivated':
    case 'UserReactivated': {
      const { userId } = event.data;
      const deactivated = event.type === 'UserDeactivated';
      const type = deactivated ? 'user.deactivated' : 'user.reactivated';
      return [
        lifecycle(userId, type),
        userAudit(userId, type, [{ path: 'active', before: deactivated, after: !deactivated }]),
      ];
    }
    case 'UserActiveAttributeChanged': {
      // An attribute change for the audit log; a change of access follows as its own event.
      // `active` is not personal: its values are published; the userName is not.
      const { userId, before, after } = event.data;
      return [userAudit(userId, 'user.updated', [{ path: 'active', before, after }], personalValuesOmitted)];
    }
    case 'UserDeleted': {
      const { userId } = event.data;
      const revocations = state.groupsOf(tenantId, userId).map((groupId) => revoke(userId, groupId, 'user_deleted'));
      return [lifecycle(userId, 'user.deleted'), ...revocations, userAudit(userId, 'user.deleted', [])];
    }
    case 'UserErased': {
      const { userId } = event.data;
      return [
        lifecycle(userId, 'user.erased'),
        userAudit(userId, 'user.erased', [{ path: 'personalData', before: null, after: 'erased' }]),
      ];
    }
    case 'GroupCreated': {
      const { groupId, displayName, externalId, resource } = event.data;
      state.setRoleName({ tenantId, groupId, displayName });
      const changes = creationChanges({ ...resource, displayName, ...(externalId !== null ? { externalId } : {}) });
      return [groupAudit(groupId, 'group.created', { type: 'Group', id: groupId, displayName }, changes)];
    }
    case 'GroupRenamed': {
      const { groupId, displayName, previousDisplayName } = event.data;
      state.setRoleName({ tenantId, groupId, displayName });
      const changes: AuditChange[] = [{ path: 'displayName', before: previousDisplayName, after: displayName }];
      return [groupAudit(groupId, 'group.renamed', { type: 'Group', id: groupId, displayName }, changes)];
    }
    case 'GroupUpdated': {
      const { groupId, changes } = event.data;
      const displayName = state.roleName(tenantId, groupId);
      const resource = { type: 'Group' as const, id: groupId, ...(displayName !== null ? { displayName } : {}) };
      return [groupAudit(groupId, 'group.updated', resource, changes)];
    }
    case 'GroupDeleted': {
      const { groupId, displayName } = event.data;
      const revocations = state.membersOf(tenantId, groupId).map((userId) => revoke(userId, groupId, 'role_deleted'));
      return [...revocations, groupAudit(groupId, 'group.deleted', { type: 'Group', id: groupId, displayName }, [])];
    }
    case 'GroupMembersAdded':
    case 'GroupMembersRemoved': {
      const { groupId, memberIds } = event.data;
      const added = event.type === 'GroupMembersAdded';
      return memberIds.flatMap((userId) => {
        const wasMember = state.isMember(tenantId, groupId, userId);
        const out: RoutedMessage[] = [];
        const subject = { type: 'user' as const, id: userId };
        // A role change is published only when access really changes (the log may repeat a state).
        if (added && !wasMember) {
          state.add({ tenantId, groupId, userId });
          const data = {
            userId,
            roleId: groupId,
            roleName: state.roleName(tenantId, groupId),
            reason: 'member_added' as const,
          };
          out.push({
            topic: 'roleChanges',
            key: userKey(tenantId, userId),
            message: envelope(recorded, 'role.granted', subject, data, groupId),
          });
        }
        if (!added && wasMember) out.push(revoke(userId, groupId, 'member_removed'));
        const displayName = state.roleName(tenantId, groupId);
        const record: AuditRecord = {
          action: added ? 'group.member_added' : 'group.member_removed',
          resource: { type: 'Group', id: groupId, ...(displayName !== null ? { displayName } : {}) },
          memberId: userId,
          changes: [
            { path: 'members', before: added ? null : { value: userId }, after: added ? { value: userId } : null },
          ],
        };
        out.push(audit(userKey(tenantId, userId), subject, record, groupId));
        return out;
      });
    }
    case 'TenantCreated':
      return [tenantAudit('tenant.created', [{ path: 'name', before: null, after: event.data.name }])];
    case 'ScimEnabled':
      return [
        tenantAudit('tenant.scim_enabled', [
          { path: 'scimEnabled', before: null, after: true },
          { path: 'idpProfile', before: null, after: event.data.idpProfile },
        ]),
      ];
    case 'ScimApiKeyIssued': {
      // The key id and its creation time only: never the hash (nor, of course, the key).
      const { keyId, createdAt } = event.data;
      return [
        tenantAudit('tenant.api_key_issued', [
          { path: `apiKeys[${keyId}]`, before: null, after: { keyId, createdAt } },
        ]),
      ];
    }
    case 'ScimApiKeyRevoked': {
      const { keyId, reason, effectiveAt } = event.data;
      return [
        tenantAudit('tenant.api_key_revoked', [
          { path: `apiKeys[${keyId}]`, before: { keyId }, after: { keyId, revoked: true, reason, effectiveAt } },
        ]),
      ];
    }
    case 'ScimDisabled':
      return [tenantAudit('tenant.scim_disabled', [{ path: 'scimEnabled', before: true, after: false }])];
    case 'BasicAuthToggled':
      return [
        tenantAudit('tenant.basic_auth_toggled', [
          { path: 'basicAuthEnabled', before: !event.data.enabled, after: event.data.enabled },
        ]),
      ];
    case 'UserNameReserved':
    case 'UserNameReleased':
      return [];
    default:
      return [];
  }

  function tenantAudit(action: AuditRecord['action'], changes: AuditChange[]): RoutedMessage {
    return audit(
      tenantKey(tenantId),
      { type: 'tenant', id: tenantId },
      { action, resource: { type: 'Tenant', id: tenantId }, changes },
    );
  }
}

/** What the store must load for `mapEvent` to answer correctly over a whole batch. */
export function requiredState(events: RecordedEvent[]): StateKeys {
  const keys: StateKeys = { groups: [], users: [], pairs: [] };
  for (const e of events) {
    const data = e.data as { groupId?: string; userId?: string; memberIds?: string[] };
    const tenantId = e.metadata.tenantId;
    if (e.type === 'GroupDeleted' && data.groupId) keys.groups.push({ tenantId, groupId: data.groupId });
    if (e.type === 'UserDeleted' && data.userId) keys.users.push({ tenantId, userId: data.userId });
    if ((e.type === 'GroupMembersAdded' || e.type === 'GroupMembersRemoved') && data.groupId) {
      for (const userId of data.memberIds ?? []) keys.pairs.push({ tenantId, groupId: data.groupId, userId });
    }
  }
  return keys;
}
