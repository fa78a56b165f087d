import { allTopLevelAttributes, isEmptyValue, type ResourceSchema, type ScimResource } from '@lib/scim';

/** One top-level attribute as the default projection writes it, worked out once per schema. */
interface AttributePlan {
  /** Canonical name, and lower-cased for the case-insensitive lookup. */
  name: string;
  lower: string;
  /** The extension URN the attribute lives under, if any. */
  container: { urn: string; lower: string } | undefined;
  /** Sub-attributes kept (complex attributes only): canonical and lower-cased names. */
  subAttributes: Array<{ name: string; lower: string }> | undefined;
}

type Projector = (resource: ScimResource) => ScimResource;

const compiled = new WeakMap<ResourceSchema, Projector>();

/**
 * The projection of a request without `attributes` or `excludedAttributes` (the one IdPs send
 * on every lookup): exactly what `projectResource(resource, schema)` of the protocol library
 * returns, with the schema walked once per resource schema instead of once per resource. Which
 * attributes are returned and which sub-attributes they keep depends only on the schema
 * (`returned`), so it is decided here, once; per resource only the values are looked up
 * (canonical key first, then case-insensitively, as the library does). A differential test
 * (default-projection.unit.spec.ts) holds the two equal on generated resources.
 */
export function defaultProjection(schema: ResourceSchema): Projector {
  let projector = compiled.get(schema);
  if (!projector) {
    projector = compile(schema);
    compiled.set(schema, projector);
  }
  return projector;
}

function compile(schema: ResourceSchema): Projector {
  const plans: AttributePlan[] = [];
  for (const attribute of allTopLevelAttributes(schema)) {
    const { definition } = attribute;
    if (definition.returned === 'never' || definition.returned === 'request') continue;
    plans.push({
      name: definition.name,
      lower: definition.name.toLowerCase(),
      container: attribute.inExtension
        ? { urn: attribute.schemaUrn, lower: attribute.schemaUrn.toLowerCase() }
        : undefined,
      subAttributes:
        definition.type === 'complex'
          ? (definition.subAttributes ?? [])
              .filter((sub) => sub.returned !== 'never' && sub.returned !== 'request')
              .map((sub) => ({ name: sub.name, lower: sub.name.toLowerCase() }))
          : undefined,
    });
  }
  return (resource) => {
    const result: ScimResource = {};
    const top = new Lookup(resource);
    let extension: { urn: string; lookup: Lookup } | undefined;
    for (const plan of plans) {
      let source = top;
      if (plan.container) {
        if (extension?.urn !== plan.container.urn)
          extension = {
            urn: plan.container.urn,
            lookup: new Lookup(top.get(plan.container.urn, plan.container.lower)),
          };
        source = extension.lookup;
      }
      const value = source.get(plan.name, plan.lower);
      if (value === undefined) continue;
      const projected = plan.subAttributes ? projectComplex(value, plan.subAttributes) : value;
      if (projected === undefined) continue;
      if (plan.container) ((result[plan.container.urn] ??= {}) as Record<string, unknown>)[plan.name] = projected;
      else result[plan.name] = projected;
    }
    return result;
  };
}

function projectComplex(value: unknown, subAttributes: NonNullable<AttributePlan['subAttributes']>): unknown {
  const project = (item: unknown): unknown => {
    if (!isObject(item)) return item;
    const lookup = new Lookup(item);
    const kept: Record<string, unknown> = {};
    for (const sub of subAttributes) {
      const subValue = lookup.get(sub.name, sub.lower);
      if (subValue !== undefined) kept[sub.name] = subValue;
    }
    return kept;
  };
  const projected = Array.isArray(value) ? value.map(project).filter((item) => !isEmptyValue(item)) : project(value);
  return isEmptyValue(projected) && !isEmptyValue(value) ? undefined : projected;
}

/**
 * Reads keys of one object the way the library's getCaseInsensitive does (the exact key if
 * present, else the first key equal to it case-insensitively), lower-casing the object's keys at
 * most once however many names are looked up.
 */
class Lookup {
  private lowered: Map<string, string> | undefined;
  private readonly object: Record<string, unknown> | undefined;

  constructor(object: unknown) {
    this.object = isObject(object) ? object : undefined;
  }

  get(name: string, lower: string): unknown {
    const object = this.object;
    if (!object) return undefined;
    if (name in object) return object[name];
    if (!this.lowered) {
      this.lowered = new Map();
      for (const key of Object.keys(object)) {
        const folded = key.toLowerCase();
        if (!this.lowered.has(folded)) this.lowered.set(folded, key);
      }
    }
    const key = this.lowered.get(lower);
    return key === undefined ? undefined : object[key];
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
