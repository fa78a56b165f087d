import { AttributePath } from '../filter/ast';
import { splitAttributePath } from '../filter/attribute-path-text';
import { AttributeDefinition } from '../schemas/attribute-definition';
import { findExtension, ResourceSchema } from '../schemas/resource-schema';
import { allTopLevelAttributes, resolveAttribute, ResolvedAttribute } from '../schemas/resolve-attribute';
import {
  getCaseInsensitive,
  getTopLevelValue,
  isEmptyValue,
  isPlainObject,
  ScimResource,
} from '../schemas/resource-values';

export interface ProjectionOptions {
  /** `attributes` query parameter: a comma-separated string or a list (RFC 7644 §3.4.2.5). */
  readonly attributes?: string | readonly string[];
  /** `excludedAttributes` query parameter. */
  readonly excludedAttributes?: string | readonly string[];
}

/** Which attributes a request names: whole attributes, or some of their sub-attributes. */
type Selection = Map<string, Set<string> | 'all'>;

/**
 * Applies `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5) and the `returned`
 * characteristic (RFC 7643 §7) to a resource:
 * - `always` (id, schemas, meta) is returned whatever the request says;
 * - `never` (password) is never returned;
 * - `default` is returned unless `attributes` is given without it, or it is excluded;
 * - `request` is returned only when named in `attributes`.
 * The same rules apply to sub-attributes and to extension attributes (under their URN key; a
 * bare extension URN in either list selects all its attributes). Names match case-insensitively;
 * unknown names are ignored; attributes that are not in the schema are not returned.
 */
export function projectResource(
  resource: ScimResource,
  resourceSchema: ResourceSchema,
  options: ProjectionOptions = {},
): ScimResource {
  const requested = parseSelection(options.attributes, resourceSchema);
  const excluded = parseSelection(options.excludedAttributes, resourceSchema);
  const result: ScimResource = {};
  for (const attribute of allTopLevelAttributes(resourceSchema)) {
    const value = getTopLevelValue(resource, attribute);
    if (value === undefined) continue;
    const projected = projectAttribute(attribute, value, requested, excluded);
    if (projected === undefined) continue;
    if (attribute.inExtension) {
      const container = (result[attribute.schemaUrn] ??= {}) as Record<string, unknown>;
      container[attribute.definition.name] = projected;
    } else {
      result[attribute.definition.name] = projected;
    }
  }
  return result;
}

function projectAttribute(
  attribute: ResolvedAttribute,
  value: unknown,
  requested: Selection | undefined,
  excluded: Selection | undefined,
): unknown {
  const { definition } = attribute;
  const key = selectionKey(attribute);
  if (definition.returned === 'never') return undefined;
  const named = requested?.get(key);
  if (definition.returned !== 'always') {
    if (requested ? named === undefined : definition.returned === 'request') return undefined;
    if (excluded?.get(key) === 'all') return undefined;
  }
  if (definition.type !== 'complex') return value;
  const excludedSubs = excluded?.get(key);
  const keepSub = (sub: AttributeDefinition): boolean => {
    if (sub.returned === 'never') return false;
    if (sub.returned === 'always') return true;
    const subKey = sub.name.toLowerCase();
    if (excludedSubs instanceof Set && excludedSubs.has(subKey)) return false;
    if (named instanceof Set) return named.has(subKey);
    return sub.returned !== 'request';
  };
  const project = (item: unknown): unknown => {
    if (!isPlainObject(item)) return item;
    const kept: Record<string, unknown> = {};
    for (const sub of definition.subAttributes ?? []) {
      const subValue = getCaseInsensitive(item, sub.name);
      if (subValue !== undefined && keepSub(sub)) kept[sub.name] = subValue;
    }
    return kept;
  };
  const projected = Array.isArray(value) ? value.map(project).filter((item) => !isEmptyValue(item)) : project(value);
  return isEmptyValue(projected) && !isEmptyValue(value) ? undefined : projected;
}

/** Map key of a top-level attribute: lower-cased, URN-qualified for extension attributes. */
function selectionKey(attribute: { inExtension: boolean; schemaUrn: string; definition: { name: string } }): string {
  const name = attribute.definition.name.toLowerCase();
  return attribute.inExtension ? `${attribute.schemaUrn.toLowerCase()}:${name}` : name;
}

function parseSelection(
  list: string | readonly string[] | undefined,
  resourceSchema: ResourceSchema,
): Selection | undefined {
  if (list === undefined) return undefined;
  const items = (typeof list === 'string' ? list.split(',') : list)
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) return undefined;
  const selection: Selection = new Map();
  for (const item of items) {
    const extension = findExtension(resourceSchema, item);
    if (extension) {
      for (const attribute of allTopLevelAttributes(resourceSchema).filter(
        (candidate) => candidate.schemaUrn === extension.definition.id,
      )) {
        selection.set(selectionKey(attribute), 'all');
      }
      continue;
    }
    const path = splitAttributePath(item);
    if (typeof path === 'string') continue;
    const resolved = resolveAttribute(resourceSchema, path as AttributePath);
    if (!resolved) continue;
    const key = selectionKey(resolved);
    if (!resolved.subDefinition) {
      selection.set(key, 'all');
      continue;
    }
    const current = selection.get(key);
    if (current === 'all') continue;
    const subs = current ?? new Set<string>();
    subs.add(resolved.subDefinition.name.toLowerCase());
    selection.set(key, subs);
  }
  return selection;
}
