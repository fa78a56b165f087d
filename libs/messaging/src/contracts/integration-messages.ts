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

/**
 * v1 carried the userName too. From v2 no message carries a person's personal values (docs/kafka.md,
 * docs/erasure.md): ids, status, role ids and names, and the names of changed attributes only. A
 * consumer that needs the values reads the user from the SCIM API.
 */
export interface UserRef {
  userId: string;
}

export interface RoleChange {
  userId: string;
  roleId: string;
  roleName: string | null;
}

export type UserDeactivatedV2 = Envelope<'user.deactivated', UserRef>;
export type UserReactivatedV2 = Envelope<'user.reactivated', UserRef>;
export type UserDeletedV2 = Envelope<'user.deleted', UserRef>;
/** The person's personal data was erased here: erase yours (copies, caches, exports). */
export type UserErasedV1 = Envelope<'user.erased', UserRef>;
export type RoleGrantedV1 = Envelope<'role.granted', RoleChange & { reason: 'member_added' }>;
export type RoleRevokedV1 = Envelope<
  'role.revoked',
  RoleChange & { reason: 'member_removed' | 'role_deleted' | 'user_deleted' }
>;

export type AuditAction =
  | 'user.provisioned'
  | 'user.updated'
  | 'user.deactivated'
  | 'user.reactivated'
  | 'user.deleted'
  | 'user.erased'
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

/** `before`/`after` are absent for a person's attribute: personal values never travel (v2). */
export interface AuditChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditRecord {
  action: AuditAction;
  resource: { type: 'User' | 'Group' | 'Tenant'; id: string; displayName?: string };
  memberId?: string;
  changes: AuditChange[];
  /**
   * true on user.provisioned / user.updated: the values of the changed attributes were left out (read them from the
   * SCIM API).
   */
  personalValuesOmitted?: true;
  redactedPaths?: string[];
}

export type AuditChangeV2 = Envelope<'audit.change', AuditRecord>;

export type IntegrationMessage =
  | UserDeactivatedV2
  | UserReactivatedV2
  | UserDeletedV2
  | UserErasedV1
  | RoleGrantedV1
  | RoleRevokedV1
  | AuditChangeV2;
export type IntegrationMessageType = IntegrationMessage['type'];

/** Every message type and its current version: one schema file each, `${type}.v${version}.schema.json`. */
export const MESSAGE_VERSIONS: Readonly<Record<IntegrationMessageType, number>> = {
  'user.deactivated': 2,
  'user.reactivated': 2,
  'user.deleted': 2,
  'user.erased': 1,
  'role.granted': 1,
  'role.revoked': 1,
  'audit.change': 2,
};
