/**
 * TypeScript mirror of contracts/kafka/*.schema.json (the public contract). The JSON Schemas
 * are the source of truth; contract tests validate every produced message against them.
 */
export interface MessageActor {
  kind: 'scim-key' | 'operator' | 'system';
  keyId?: string;
  idpProfile?: string;
}

export interface MessageSubject {
  type: 'user' | 'group' | 'tenant';
  id: string;
}

export interface Envelope<TType extends string, TData> {
  messageId: string;
  eventId: string;
  type: TType;
  version: number;
  tenantId: string;
  occurredAt: string;
  actor: MessageActor;
  requestId: string;
  correlationId: string;
  position: number;
  subject: MessageSubject;
  data: TData;
}

export interface UserRef {
  userId: string;
  userName: string;
}

export interface RoleChange {
  userId: string;
  roleId: string;
  roleName: string | null;
}

export type UserDeactivatedV1 = Envelope<'user.deactivated', UserRef>;
export type UserReactivatedV1 = Envelope<'user.reactivated', UserRef>;
export type UserDeletedV1 = Envelope<'user.deleted', UserRef>;
export type RoleGrantedV1 = Envelope<'role.granted', RoleChange & { reason: 'member_added' }>;
export type RoleRevokedV1 = Envelope<'role.revoked', RoleChange & { reason: 'member_removed' | 'role_deleted' | 'user_deleted' }>;

export type AuditAction =
  | 'user.provisioned'
  | 'user.updated'
  | 'user.deactivated'
  | 'user.reactivated'
  | 'user.deleted'
  | 'group.created'
  | 'group.renamed'
  | 'group.updated'
  | 'group.deleted'
  | 'group.member_added'
  | 'group.member_removed'
  | 'tenant.created'
  | 'tenant.scim_enabled'
  | 'tenant.api_key_issued'
  | 'tenant.api_key_revoked'
  | 'tenant.scim_disabled'
  | 'tenant.basic_auth_toggled';

export interface AuditChange {
  path: string;
  before: unknown;
  after: unknown;
}

export interface AuditRecord {
  action: AuditAction;
  resource: { type: 'User' | 'Group' | 'Tenant'; id: string; userName?: string; displayName?: string };
  memberId?: string;
  changes: AuditChange[];
  redactedPaths?: string[];
}

export type AuditChangeV1 = Envelope<'audit.change', AuditRecord>;

export type IntegrationMessage = UserDeactivatedV1 | UserReactivatedV1 | UserDeletedV1 | RoleGrantedV1 | RoleRevokedV1 | AuditChangeV1;
export type IntegrationMessageType = IntegrationMessage['type'];

/** Every message type and its current version: one schema file each, `${type}.v${version}.schema.json`. */
export const MESSAGE_VERSIONS: Readonly<Record<IntegrationMessageType, number>> = {
  'user.deactivated': 1,
  'user.reactivated': 1,
  'user.deleted': 1,
  'role.granted': 1,
  'role.revoked': 1,
  'audit.change': 1,
};
