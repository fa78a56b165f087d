import type { AttributePath } from '@lib/scim';
import type { QualifiedTables } from '../schema/table-names';
import { sqlLiteral } from './sql-params';

/**
 * Where a SCIM attribute lives in the read model: the whitelist that maps resolved (canonical)
 * attribute paths to SQL. Anything not listed here is read from the resource JSON, by keys taken
 * from the schema definitions, never from the request text.
 *
 * - `column`: a single-valued attribute with its own (indexed) column of the main row;
 * - `child`: a multi-valued complex attribute stored as child rows (emails, members, ...);
 *   sub-attributes map to SQL expressions over the child row alias `c`;
 * - otherwise `json`: the resource JSON at the attribute's keys.
 */
export type SqlType = 'text' | 'boolean' | 'timestamptz';

export interface ColumnSource {
  kind: 'column';
  sql: string;
  type: SqlType;
}

export interface ChildSource {
  kind: 'child';
  /** FROM clause of the child rows, alias `c`, and the condition linking them to the main row `r`. */
  from: string;
  link: string;
  subAttributes: Record<string, ColumnSource>;
}

export type AttributeSource = ColumnSource | ChildSource;

export interface ResourceSources {
  /** Keyed by lowercased canonical path: `username`, `meta.created`, `emails` (children). */
  columns: Record<string, ColumnSource>;
  children: Record<string, ChildSource>;
}

const column = (sql: string, type: SqlType = 'text'): ColumnSource => ({ kind: 'column', sql, type });

export function userSources(t: QualifiedTables): ResourceSources {
  const ownedBy = 'c.tenant_id = r.tenant_id AND c.user_id = r.id';
  const multiValued = (table: string): ChildSource => ({
    kind: 'child',
    from: `${table} c`,
    link: ownedBy,
    subAttributes: { value: column('c.value'), type: column('c.type'), display: column('c.display'), primary: column('c."primary"', 'boolean') },
  });
  return {
    columns: {
      id: column('r.id'),
      externalid: column('r.external_id'),
      username: column('r.user_name'),
      displayname: column('r.display_name'),
      active: column('r.active', 'boolean'),
      'meta.created': column('r.created', 'timestamptz'),
      'meta.lastmodified': column('r.last_modified', 'timestamptz'),
      'meta.version': column('r.version'),
      'meta.resourcetype': column(sqlLiteral('User')),
    },
    children: {
      emails: multiValued(t.userEmails),
      phonenumbers: multiValued(t.userPhoneNumbers),
      addresses: {
        kind: 'child',
        from: `${t.userAddresses} c`,
        link: ownedBy,
        subAttributes: {
          formatted: column('c.formatted'),
          streetaddress: column('c.street_address'),
          locality: column('c.locality'),
          region: column('c.region'),
          postalcode: column('c.postal_code'),
          country: column('c.country'),
          type: column('c.type'),
          primary: column('c."primary"', 'boolean'),
        },
      },
      // The user's groups (readOnly) come from the membership rows, like the served `groups`.
      groups: {
        kind: 'child',
        from: `${t.groupMembers} m JOIN ${t.groups} c ON c.tenant_id = m.tenant_id AND c.id = m.group_id`,
        link: 'm.tenant_id = r.tenant_id AND m.user_id = r.id',
        subAttributes: { value: column('c.id'), display: column('c.display_name'), type: column(sqlLiteral('direct')) },
      },
    },
  };
}

export function groupSources(t: QualifiedTables): ResourceSources {
  return {
    columns: {
      id: column('r.id'),
      externalid: column('r.external_id'),
      displayname: column('r.display_name'),
      'meta.created': column('r.created', 'timestamptz'),
      'meta.lastmodified': column('r.last_modified', 'timestamptz'),
      'meta.version': column('r.version'),
      'meta.resourcetype': column(sqlLiteral('Group')),
    },
    children: {
      // Members are users only; `display` is what the served member carries (see queries/member-json.ts).
      members: {
        kind: 'child',
        from: `${t.groupMembers} m JOIN ${t.users} c ON c.tenant_id = m.tenant_id AND c.id = m.user_id`,
        link: 'm.tenant_id = r.tenant_id AND m.group_id = r.id',
        subAttributes: {
          value: column('c.id'),
          display: column(MEMBER_DISPLAY_SQL),
          type: column(sqlLiteral('User')),
        },
      },
    },
  };
}

/** A member's display: the user's displayName, else its userName. Shared by filters and served members. */
export const MEMBER_DISPLAY_SQL = "COALESCE(NULLIF(c.display_name, ''), c.user_name)";

export function pathKey(path: AttributePath): string {
  return [path.attribute, path.subAttribute].filter((part) => part !== undefined).join('.').toLowerCase();
}
