import type { ResourceSchema } from '@lib/scim';
import { InvalidValueError, resolveAttribute } from '@lib/scim';
import { sortPrefix } from '../schema/read-model-ddl';
import { pathKey, type ResourceSources, type SqlType } from './attribute-sources';
import { sqlLiteral } from './sql-params';

export interface SortKey {
  /** SQL of the key over `r`; may be NULL (unassigned values sort last ascending, first descending). */
  sql: string;
  type: SqlType;
  /** Text keys compare in the "C" collation so order, keyset and cursors agree byte for byte. */
  collate: string;
  /**
   * The indexed ordering prefix of `sql` (`left(key, 256)`), when an index has it: the order is
   * (prefix, key, id), which the index serves with the full key breaking ties among equal prefixes.
   */
  prefix?: string;
  /** The key is never NULL (NOT NULL columns, creation time). */
  notNull?: boolean;
}

/**
 * sortBy (RFC 7644 §3.4.2.3) -> an ORDER BY key: a column, the primary-or-first value of a
 * child table (`emails.value`), or a single-valued string from the resource JSON. caseExact=false
 * strings sort by their fold (scim_fold, the stored `*_fold` columns where there are some).
 * Default: creation time (stable for paging with `id` as tiebreak).
 */
export function sortKey(sortBy: string | undefined, resourceSchema: ResourceSchema, sources: ResourceSources): SortKey {
  if (!sortBy) return { sql: 'r.created', type: 'timestamptz', collate: '', notNull: true };
  const [schemaOrAttribute, ...rest] = splitSortBy(sortBy);
  const resolved = resolveAttribute(resourceSchema, {
    ...schemaOrAttribute,
    ...(rest[0] !== undefined ? { subAttribute: rest[0] } : {}),
  });
  if (!resolved) throw new InvalidValueError('SCIM-jruh', `sortBy: unknown attribute "${sortBy}"`);
  const definition = resolved.subDefinition ?? resolved.definition;
  const folds = !definition.caseExact && definition.type === 'string';
  const fold = (sql: string, stored?: string) => (folds ? (stored ?? `scim_fold(${sql})`) : sql);
  if (!resolved.inExtension) {
    const column = sources.columns[pathKey(resolved.canonical)];
    if (column) {
      const notNull = column.notNull === true;
      if (column.type !== 'text') return { sql: column.sql, type: column.type, collate: '', notNull };
      const sql = fold(column.sql, column.folded);
      return {
        sql,
        type: 'text',
        collate: ' COLLATE "C"',
        notNull,
        ...(folds && column.prefixIndexed ? { prefix: sortPrefix(sql) } : {}),
      };
    }
    const child = sources.children[resolved.definition.name.toLowerCase()];
    if (child) {
      const sub = child.subAttributes[(resolved.subDefinition?.name ?? 'value').toLowerCase()];
      if (!sub || sub.type !== 'text') throw new InvalidValueError('SCIM-P8Ei', `sortBy: cannot sort by "${sortBy}"`);
      const primary = child.subAttributes.primary ? `${child.subAttributes.primary.sql} IS TRUE DESC, ` : '';
      const ordinal = child.subAttributes.primary ? 'c.ordinal' : 'c.id';
      return {
        sql:
          `(SELECT ${fold(sub.sql, sub.folded)} FROM ${child.from} WHERE ${child.link} ORDER BY ` +
          `${primary}${ordinal} LIMIT 1)`,
        type: 'text',
        collate: ' COLLATE "C"',
      };
    }
  }
  if (definition.type !== 'string' || resolved.definition.multiValued)
    throw new InvalidValueError('SCIM-eWEv', `sortBy: cannot sort by "${sortBy}"`);
  const keys = [
    ...(resolved.inExtension ? [resolved.schemaUrn] : []),
    resolved.definition.name,
    ...(resolved.subDefinition ? [resolved.subDefinition.name] : []),
  ];
  return {
    sql: fold(`(r.resource #>> ARRAY[${keys.map(sqlLiteral).join(', ')}])`),
    type: 'text',
    collate: ' COLLATE "C"',
  };
}

/** `urn:...:User:manager.displayName` -> path parts; the URN is everything before the last ':'. */
function splitSortBy(sortBy: string): [{ schema?: string; attribute: string }, ...string[]] {
  const colon = sortBy.lastIndexOf(':');
  const schema = colon >= 0 ? sortBy.slice(0, colon) : undefined;
  const [attribute, ...subs] = sortBy.slice(colon + 1).split('.');
  return [{ ...(schema ? { schema } : {}), attribute }, ...subs];
}
