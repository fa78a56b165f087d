import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '@lib/event-store';

/**
 * Seeded random histories for the differential tests: users provisioned (re-using userNames that
 * were freed by a delete or a rename), updated, renamed, deactivated, reactivated, their `active`
 * unassigned and assigned again, and deleted;
 * groups created, renamed, updated and deleted; members added and removed; two tenants
 * interleaved. Time only moves forward, often not at all (ties), as one service clock would.
 */
export interface GeneratedEvent {
  streamId: string;
  event: EventToAppend;
}

export interface GeneratedHistory {
  events: GeneratedEvent[];
  tenants: string[];
  /** Every occurredAt used, for picking instants on and around them. */
  instants: string[];
  userIds: Map<string, string[]>;
  groupIds: Map<string, string[]>;
}

/** mulberry32: small, fast, good enough to drive a generator reproducibly from a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface TenantModel {
  users: Map<
    string,
    { name: string; status: 'active' | 'inactive' | 'deleted'; activeAssigned: boolean; title: number }
  >;
  groups: Map<string, { name: string; deleted: boolean }>;
  members: Set<string>;
  freedNames: string[];
  nextUser: number;
  nextGroup: number;
}

export function generateHistory(seed: number, length = 150, startAt = Date.UTC(2025, 0, 1)): GeneratedHistory {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T | undefined =>
    items.length ? items[Math.floor(random() * items.length)] : undefined;
  const tenants = [`ta${seed}`, `tb${seed}`];
  const models = new Map<string, TenantModel>(
    tenants.map((t) => [
      t,
      { users: new Map(), groups: new Map(), members: new Set(), freedNames: [], nextUser: 0, nextGroup: 0 },
    ]),
  );
  const history: GeneratedHistory = { events: [], tenants, instants: [], userIds: new Map(), groupIds: new Map() };
  for (const t of tenants) {
    history.userIds.set(t, []);
    history.groupIds.set(t, []);
  }
  let now = startAt;
  const actors = [
    { kind: 'scim-key', keyId: 'k1', idpProfile: 'entra' },
    { kind: 'scim-key', keyId: 'k2', idpProfile: 'okta' },
    { kind: 'operator' },
  ];

  const emit = (tenantId: string, streamId: string, type: string, data: Record<string, unknown>) => {
    const requestId = `req-${history.events.length}`;
    const occurredAt = new Date(now).toISOString();
    history.instants.push(occurredAt);
    history.events.push({
      streamId,
      event: {
        eventId: randomUUID(),
        type,
        data: { tenantId, ...data },
        metadata: {
          tenantId,
          actor: pick(actors) as EventToAppend['metadata']['actor'],
          requestId,
          correlationId: requestId,
          causationId: requestId,
          occurredAt,
          schemaVersion: 1,
        },
      },
    });
  };

  for (const t of tenants) emit(t, `tenant-${t}`, 'TenantCreated', { name: t });

  while (history.events.length < length) {
    // Ties (same instant) are common on purpose: they are where half-open intervals matter.
    const step = random();
    now += step < 0.3 ? 0 : step < 0.6 ? 1000 : Math.floor(random() * 86_400_000);
    const tenantId = pick(tenants) as string;
    const m = models.get(tenantId) as TenantModel;
    const live = [...m.users].filter(([, u]) => u.status !== 'deleted').map(([id]) => id);
    const groups = [...m.groups].filter(([, g]) => !g.deleted).map(([id]) => id);
    const roll = random();

    if (roll < 0.2 || live.length === 0) {
      const userId = `u${m.nextUser++}-${tenantId}`;
      const name =
        random() < 0.5 && m.freedNames.length ? (m.freedNames.shift() as string) : `user${m.nextUser}@example.com`;
      const active = random() < 0.8;
      m.users.set(userId, { name, status: active ? 'active' : 'inactive', activeAssigned: true, title: 0 });
      history.userIds.get(tenantId)?.push(userId);
      emit(tenantId, `username-${tenantId}-${name}`, 'UserNameReserved', { userId, userName: name });
      emit(tenantId, `user-${tenantId}-${userId}`, 'UserProvisioned', {
        userId,
        userName: name,
        externalId: random() < 0.5 ? `ext-${userId}` : null,
        active,
        resource: { userName: name, displayName: `=User ${userId}`, title: 'title-0' },
      });
    } else if (roll < 0.3) {
      const userId = pick(live) as string;
      const user = m.users.get(userId)!;
      const changes: Array<{ path: string; before: unknown; after: unknown }> = [
        { path: 'title', before: `title-${user.title}`, after: `title-${user.title + 1}` },
      ];
      user.title++;
      if (random() < 0.4) {
        const renamed = `renamed${history.events.length}@example.com`;
        changes.unshift({ path: 'userName', before: user.name, after: renamed });
        m.freedNames.push(user.name);
        user.name = renamed;
      }
      emit(tenantId, `user-${tenantId}-${userId}`, 'UserUpdated', {
        userId,
        userName: user.name,
        changes,
        resource: { userName: user.name, title: `title-${user.title}` },
      });
    } else if (roll < 0.4) {
      const userId = pick(live) as string;
      const user = m.users.get(userId)!;
      const stream = `user-${tenantId}-${userId}`;
      const attribute = (before: boolean | null, after: boolean | null) =>
        emit(tenantId, stream, 'UserActiveAttributeChanged', { userId, userName: user.name, before, after });
      if (user.activeAssigned && random() < 0.25) {
        // `remove active`: unassigned grants access, so an inactive user is reactivated as well.
        attribute(user.status === 'active', null);
        if (user.status === 'inactive') emit(tenantId, stream, 'UserReactivated', { userId, userName: user.name });
        Object.assign(user, { status: 'active', activeAssigned: false });
      } else if (!user.activeAssigned && random() < 0.3) {
        attribute(null, true);
        user.activeAssigned = true;
      } else {
        if (!user.activeAssigned) attribute(null, false); // an unassigned user has access: this deactivates
        const type = user.status === 'active' ? 'UserDeactivated' : 'UserReactivated';
        Object.assign(user, { status: user.status === 'active' ? 'inactive' : 'active', activeAssigned: true });
        emit(tenantId, stream, type, { userId, userName: user.name });
      }
    } else if (roll < 0.47) {
      const userId = pick(live) as string;
      const user = m.users.get(userId)!;
      user.status = 'deleted';
      for (const key of [...m.members]) if (key.endsWith(`\u0000${userId}`)) m.members.delete(key);
      emit(tenantId, `user-${tenantId}-${userId}`, 'UserDeleted', { userId, userName: user.name });
      emit(tenantId, `username-${tenantId}-${user.name}`, 'UserNameReleased', {
        userId,
        userName: user.name,
        reason: 'deleted',
      });
      m.freedNames.push(user.name);
    } else if (roll < 0.55 || groups.length === 0) {
      const groupId = `g${m.nextGroup++}-${tenantId}`;
      const name = `Role ${groupId}`;
      m.groups.set(groupId, { name, deleted: false });
      history.groupIds.get(tenantId)?.push(groupId);
      emit(tenantId, `group-${tenantId}-${groupId}`, 'GroupCreated', {
        groupId,
        displayName: name,
        externalId: null,
        resource: { displayName: name },
      });
    } else if (roll < 0.6) {
      const groupId = pick(groups) as string;
      const group = m.groups.get(groupId)!;
      const renamed = `${group.name}'`;
      emit(tenantId, `group-${tenantId}-${groupId}`, 'GroupRenamed', {
        groupId,
        previousDisplayName: group.name,
        displayName: renamed,
      });
      group.name = renamed;
    } else if (roll < 0.63) {
      const groupId = pick(groups) as string;
      emit(tenantId, `group-${tenantId}-${groupId}`, 'GroupUpdated', {
        groupId,
        changes: [{ path: 'externalId', before: null, after: `x${now}` }],
        resource: {},
      });
    } else if (roll < 0.67) {
      const groupId = pick(groups) as string;
      const group = m.groups.get(groupId)!;
      group.deleted = true;
      for (const key of [...m.members]) if (key.startsWith(`${groupId}\u0000`)) m.members.delete(key);
      emit(tenantId, `group-${tenantId}-${groupId}`, 'GroupDeleted', { groupId, displayName: group.name });
    } else if (roll < 0.87) {
      const groupId = pick(groups) as string;
      const userId = pick(live.filter((u) => !m.members.has(`${groupId}\u0000${u}`)));
      if (!userId) continue;
      m.members.add(`${groupId}\u0000${userId}`);
      emit(tenantId, `membership-${tenantId}-${groupId}-${userId}`, 'GroupMembersAdded', {
        groupId,
        memberIds: [userId],
      });
    } else {
      const key = pick([...m.members]);
      if (!key) continue;
      const [groupId, userId] = key.split('\u0000') as [string, string];
      m.members.delete(key);
      emit(tenantId, `membership-${tenantId}-${groupId}-${userId}`, 'GroupMembersRemoved', {
        groupId,
        memberIds: [userId],
      });
    }
  }
  return history;
}

/** Instants worth asking about: each event time, a millisecond either side, and before/after everything. */
export function interestingInstants(history: GeneratedHistory, random: () => number, count: number): string[] {
  const all = history.instants;
  const first = Date.parse(all[0] as string);
  const last = Date.parse(all[all.length - 1] as string);
  const result = [new Date(first - 1).toISOString(), new Date(last + 1).toISOString()];
  while (result.length < count) {
    const base = Date.parse(all[Math.floor(random() * all.length)] as string);
    const offset = [-1, 0, 0, 1][Math.floor(random() * 4)] as number;
    result.push(new Date(base + offset).toISOString());
  }
  return result;
}
