/** Answers of the audit API (docs/audit.md), as the console uses them. */
export interface AccessEntry {
  userId: string;
  /** null once the person's personal data was erased (then `erased` is true; docs/erasure.md). */
  userName: string | null;
  erased?: true;
  activeSince: string;
  roles: Array<{ groupId: string; displayName: string; grantedAt: string }>;
}

export interface AccessAnswer {
  tenantId: string;
  at: string;
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: AccessEntry[];
}

export interface Actor {
  kind: string;
  keyId?: string;
  idpProfile?: string;
}

export interface TimelineEntry {
  at: string;
  action: string;
  reason?: string | null;
  eventId: string;
  actor: Actor;
  requestId?: string | null;
  groupId?: string | null;
  changes: Array<{ path: string; before: unknown; after: unknown }>;
}

export interface RoleHolding {
  userId: string;
  grantedAt: string;
  grantedBy: Actor;
  grantedRequestId?: string | null;
  revokedAt: string | null;
  revokedBy?: Actor | null;
  revokeReason?: string | null;
}

export interface VerifyAnswer {
  tenantId: string;
  valid: boolean;
  records: number;
  firstBrokenRecord?: { seq: number; eventId: string; reason: string };
}

export function describeActor(actor: Actor | null | undefined): string {
  if (!actor) return '–';
  if (actor.kind === 'scim-key')
    return `SCIM key ${actor.keyId ?? '?'}${actor.idpProfile ? ` (${actor.idpProfile})` : ''}`;
  return actor.kind;
}
