import { readModelTables } from './read-model-tables';
import { qualifiedTables, READ_MODEL_VERSION, TableNames } from './table-names';

/**
 * The DDL of the v2 read-model tables, parameterised by schema so that the migration (schema
 * `public`) and the rebuild (a fresh `rm_build_<ts>` schema) create exactly the same tables.
 * Tables and indexes are separate so the rebuild can load rows first and index once afterwards,
 * which is much faster than maintaining the indexes row by row.
 *
 * v2 holds any value a log can contain (a 20,000-character userName from before the gateway's
 * limits): no btree holds a whole unbounded value.
 * - caseExact=false columns have a STORED folded twin (`*_fold` = scim_fold(column), the one
 *   folding rule, see scim-fold-function.ts): folded once per write instead of in every index
 *   expression, every equality recheck and every sorted page;
 * - equality and uniqueness: btree on `scim_key(value)` (sha256, 32 bytes), the query rechecks the
 *   full value; ordering and ranges: btree on the first SORT_PREFIX_LENGTH characters in the "C"
 *   collation, the full value breaking ties in the query; co/sw/ew: trigram GIN (any length).
 *
 * Frozen with v2: a changed table shape is a new version (new table names), never an edit here,
 * because the v2 migration runs this code.
 */
export interface ReadModelDdl {
  tables: string[];
  indexes: string[];
}

/** Characters of a folded value in its ordering index: at most 4 × 256 bytes, well under btree's 2,704. */
export const SORT_PREFIX_LENGTH = 256;

/** The indexed ordering prefix of a text expression, exactly as the indexes spell it (the planner matches the text). */
export function sortPrefix(expression: string): string {
  return `left(${expression}, ${SORT_PREFIX_LENGTH})`;
}

export function readModelDdl(schema = 'public'): ReadModelDdl {
  const t = qualifiedTables(schema);
  const folded = (column: string) => `${column}_fold text GENERATED ALWAYS AS (scim_fold(${column})) STORED`;
  const tables = readModelTables(t, folded);
  const ix = (suffix: string) => `"rm_${READ_MODEL_VERSION}_${suffix}"`;
  const ordering = (column: string) => `(${sortPrefix(column)}) COLLATE "C"`;
  const indexes = [
    // Entra and Okta look users up by userName eq before every create. UNIQUE among live users
    // per tenant mirrors the write model's reservation (a safety net); sha256 so that no crafted
    // collision can make the projector fail on it.
    `CREATE UNIQUE INDEX ${ix('users_user_name_key')} ON ${t.users} (tenant_id, scim_key(user_name_fold))`,
    `CREATE INDEX ${ix('users_user_name_order')} ON ${t.users} (tenant_id, ${ordering('user_name_fold')})`,
    // co / sw / ew on userName without a full scan.
    `CREATE INDEX ${ix('users_user_name_trgm')} ON ${t.users} USING gin (user_name_fold gin_trgm_ops)`,
    `CREATE INDEX ${ix('users_external_id_key')} ON ${t.users} (tenant_id, scim_key(external_id))`,
    `CREATE INDEX ${ix('users_display_name_key')} ON ${t.users} (tenant_id, scim_key(display_name_fold))`,
    `CREATE INDEX ${ix('users_display_name_order')} ON ${t.users} (tenant_id, ${ordering('display_name_fold')})`,
    `CREATE INDEX ${ix('users_created_id')} ON ${t.users} (tenant_id, created, id COLLATE "C")`,
    `CREATE INDEX ${ix('email_value_key')} ON ${t.userEmails} (tenant_id, scim_key(value_fold))`,
    `CREATE INDEX ${ix('email_value_trgm')} ON ${t.userEmails} USING gin (value_fold gin_trgm_ops)`,
    `CREATE INDEX ${ix('groups_display_name_key')} ON ${t.groups} (tenant_id, scim_key(display_name_fold))`,
    `CREATE INDEX ${ix('groups_display_name_order')} ON ${t.groups} (tenant_id, ${ordering('display_name_fold')})`,
    `CREATE INDEX ${ix('groups_external_id_key')} ON ${t.groups} (tenant_id, scim_key(external_id))`,
    `CREATE INDEX ${ix('groups_created_id')} ON ${t.groups} (tenant_id, created, id COLLATE "C")`,
    `CREATE INDEX ${ix('members_user')} ON ${t.groupMembers} (tenant_id, user_id)`,
  ];
  return { tables, indexes };
}

/**
 * Nullable columns added to the v2 tables after v2 shipped, each by its own migration (readModelDdl
 * stays as the v2 migration ran it). NULL means what every row projected before the column meant,
 * so no replay is needed; a rebuild creates them with its fresh tables.
 */
export function readModelDdlAdditions(schema = 'public'): string[] {
  return [groupMemberDisplayDdl(schema), ...dropUserChildForeignKeysDdl(schema)];
}

/** A member's `display` as the client sent it with the add (issue 15); NULL: computed from the user. */
export function groupMemberDisplayDdl(schema = 'public'): string {
  return `ALTER TABLE ${qualifiedTables(schema).groupMembers} ADD COLUMN IF NOT EXISTS display text`;
}

/** The user child tables, whose rows belong to one user row each. */
export const USER_CHILD_TABLES = ['userEmails', 'userPhoneNumbers', 'userAddresses'] as const;

/**
 * The child tables' foreign keys to their user, as v2 created them (PostgreSQL's default names). Every inserted
 * child row paid a `SELECT ... FOR KEY SHARE` of its user (a fifth of PostgreSQL's time per SCIM create) to protect
 * derived data that one writer, the projector, keeps consistent itself: it deletes a user's child rows with the user
 * (write-draft.ts) in the same statement.
 */
export function dropUserChildForeignKeysDdl(schema = 'public'): string[] {
  const tables = qualifiedTables(schema);
  return USER_CHILD_TABLES.map(
    (key) => `ALTER TABLE ${tables[key]} DROP CONSTRAINT IF EXISTS "${TableNames[key]}_tenant_id_user_id_fkey"`,
  );
}

/** The checkpoint table: one row per projection; lives outside the swapped read-model tables. */
export const CHECKPOINT_DDL = `
  CREATE TABLE IF NOT EXISTS projector_checkpoints (
    name text PRIMARY KEY,
    position bigint NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now(),
    status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'failed')),
    last_error text
  )`;
