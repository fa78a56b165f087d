import type { QualifiedTables } from '../schema/table-names';
import { MEMBER_DISPLAY_SQL } from '../filter-sql/attribute-sources';

/**
 * The served resources, assembled in SQL from the row's JSON plus the membership rows:
 * a user's readOnly `groups`, a group's `members` (omitted when empty, as SCIM omits empty
 * multi-valued attributes). `$ref` and meta.location need the public base URL: the gateway adds them.
 */
export function userResourceSql(t: QualifiedTables, includeGroups: boolean): string {
  if (!includeGroups) return 'r.resource';
  return (
    `r.resource || COALESCE((
    SELECT jsonb_build_object('groups', jsonb_agg(` +
    `jsonb_build_object('value', c.id, 'display', c.display_name, 'type', 'direct') ORDER BY c.id))
    FROM ${t.groupMembers} m JOIN ${t.groups} c ON c.tenant_id = m.tenant_id AND c.id = m.group_id
    WHERE m.tenant_id = r.tenant_id AND m.user_id = r.id HAVING count(*) > 0), '{}'::jsonb)`
  );
}

export function groupResourceSql(t: QualifiedTables, includeMembers: boolean): string {
  if (!includeMembers) return 'r.resource';
  return (
    `r.resource || COALESCE((
    SELECT jsonb_build_object('members', jsonb_agg(` +
    `jsonb_build_object('value', c.id, 'display', ${MEMBER_DISPLAY_SQL}, 'type', 'User') ORDER BY c.id))
    FROM ${t.groupMembers} m JOIN ${t.users} c ON c.tenant_id = m.tenant_id AND c.id = m.user_id
    WHERE m.tenant_id = r.tenant_id AND m.group_id = r.id HAVING count(*) > 0), '{}'::jsonb)`
  );
}
