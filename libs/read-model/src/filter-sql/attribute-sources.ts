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
  /** The stored scim_fold of the column (`*_fold`), which caseExact=false comparisons read. */
  folded?: string;
  /** A btree on (tenant_id, scim_key(compared value)) serves `eq` (the value is rechecked in full). */
  keyIndexed?: boolean;
  /** A btree on (tenant_id, left(compared value, SORT_PREFIX_LENGTH) COLLATE "C") serves ordering and ranges. */
  prefixIndexed?: boolean;
  /** NOT NULL in the table: a cursor after a row needs no "or NULL" branch, so its bound can use the index. */
  notNull?: boolean;
}

interface ColumnTraits {
  keyIndexed?: boolean;
  prefixIndexed?: boolean;
  notNull?: boolean;
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

const column = (sql: string, type: SqlType = 'text', traits: ColumnTraits = {}): ColumnSource => ({
  kind: 'column',
  sql,
  type,
  ...traits,
});
/** A caseExact=false text column with its stored fold: `r.user_name` -> `r.user_name_fold`. */
const foldedColumn = (sql: string, traits: ColumnTraits = {}): ColumnSource => ({
  ...column(sql, 'text', traits),
  folded: `${sql}_fold`,
});
const INDEXED: ColumnTraits = { keyIndexed: true, prefixIndexed: true };
const NOT_NULL: ColumnTraits = { notNull: true };
/**
 * A member's display folded: the membership row's `m.display` folded here, else the stored folds of the user row `c`
 * (only '' folds to '').
 */
const MEMBER_DISPLAY_FOLDED_SQL =
  "COALESCE(scim_fold(NULLIF(m.display, '')), NULLIF(c.display_name_fold, ''), c.user_name_fold)";

export function userSources(t: QualifiedTables): ResourceSources {
  const ownedBy = 'c.tenant_id = r.tenant_id AND c.user_id = r.id';
  const multiValued = (table: string): ChildSource => ({
    kind: 'child',
    from: `${table} c`,
    link: ownedBy,
    subAttributes: {
      value: column('c.value'),
      type: column('c.type'),
      display: column('c.display'),
      primary: column('c."primary"', 'boolean'),
    },
  });
  const emails = multiValued(t.userEmails);
  emails.subAttributes.value = foldedColumn('c.value', { keyIndexed: true });
  return {
    columns: {
      id: column('r.id', 'text', NOT_NULL),
      externalid: column('r.external_id', 'text', { keyIndexed: true }),
      username: foldedColumn('r.user_name', { ...INDEXED, ...NOT_NULL }),
      displayname: foldedColumn('r.display_name', INDEXED),
      // `active` as served: NULL once a PATCH unassigned it, while the column keeps the access it grants (true).
      active: column(ACTIVE_AS_SERVED_SQL, 'boolean'),
      'meta.created': column('r.created', 'timestamptz', NOT_NULL),
      'meta.lastmodified': column('r.last_modified', 'timestamptz', NOT_NULL),
      'meta.version': column('r.version'),
      'meta.resourcetype': column(sqlLiteral('User')),
    },
    children: {
      emails,
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
        subAttributes: {
          value: column('c.id'),
          display: foldedColumn('c.display_name'),
          type: column(sqlLiteral('direct')),
        },
      },
    },
  };
}

export function groupSources(t: QualifiedTables): ResourceSources {
  return {
    columns: {
      id: column('r.id', 'text', NOT_NULL),
      externalid: column('r.external_id', 'text', { keyIndexed: true }),
      displayname: foldedColumn('r.display_name', { ...INDEXED, ...NOT_NULL }),
      'meta.created': column('r.created', 'timestamptz', NOT_NULL),
      'meta.lastmodified': column('r.last_modified', 'timestamptz', NOT_NULL),
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
          display: { ...column(MEMBER_DISPLAY_SQL), folded: MEMBER_DISPLAY_FOLDED_SQL },
          type: column(sqlLiteral('User')),
        },
      },
    },
  };
}

/** The served `active` of the user row `r`: its value, or NULL when unassigned (absent from the resource). */
export const ACTIVE_AS_SERVED_SQL = "CASE WHEN r.resource ? 'active' THEN r.active END";

/**
 * A member's display: the one the client sent with the add (membership row `m`), else the user's
 * displayName, else its userName. Shared by filters and served members.
 */
export const MEMBER_DISPLAY_SQL = "COALESCE(NULLIF(m.display, ''), NULLIF(c.display_name, ''), c.user_name)";

export function pathKey(path: AttributePath): string {
  return [path.attribute, path.subAttribute]
    .filter((part) => part !== undefined)
    .join('.')
    .toLowerCase();
}
