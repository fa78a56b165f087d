import { InvalidPathError, InvalidValueError, MutabilityError, NoTargetError } from '../errors';
import { splitAttributePath } from '../filter/attribute-path-text';
import { parsePatchPath } from '../path/parser';
import { resolvePatchPath, ResolvedPatchPath } from '../path/resolve-path';
import { CoerceOptions } from '../schemas/coerce-value';
import { findExtension, ResourceSchema } from '../schemas/resource-schema';
import { allTopLevelAttributes, ResolvedAttribute } from '../schemas/resolve-attribute';
import {
  cloneJson,
  deepEqual,
  findKeyCaseInsensitive,
  getTopLevelValue,
  isEmptyValue,
  isPlainObject,
  ScimResource,
} from '../schemas/resource-values';
import { nextAttributeValue } from './next-value';
import {
  NormalisedPatchOperation,
  normalisePatchOperation,
  PatchOperation,
  PatchOperationName,
} from './patch-operation';

/** One changed top-level attribute; extension attributes are named `urn:…:attribute`. */
export interface AttributeChange {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
  /** Set for `returned: never` attributes (password): before/after are replaced by "[redacted]". */
  readonly sensitive?: true;
}

export interface PatchResult {
  readonly resource: ScimResource;
  readonly changes: AttributeChange[];
}

const REDACTED = '[redacted]';

/**
 * Applies PATCH operations (RFC 7644 §3.5.2) to a resource, atomically: the input is never
 * modified and any error leaves nothing applied. Returns the new resource and the exact list of
 * top-level attributes that changed, so an operation that changes nothing yields no change.
 *
 * Accepts what real identity providers send: op names in any case, attribute names in any case,
 * "True"/"False" strings for booleans, no-path values with dotted or URN-qualified keys,
 * `members` removal by filter or by value list, and Okta's no-path replace carrying the
 * unchanged `id`. Errors: invalidPath, noTarget, invalidValue, mutability, invalidSyntax.
 */
export interface PatchOptions {
  /**
   * A filtered add/replace whose filter matches no value (`addresses[type eq "work"].locality`)
   * creates the value, as Entra ID expects (true, the default); strict RFC 7644 §3.5.2.3 answers
   * 400 noTarget instead (false).
   */
  readonly createUnmatchedFilteredValues?: boolean;
  /**
   * What a value may carry that the schema does not define, with the same meaning as for a POST
   * body (ValidateResourceOptions): keys of a no-path or extension value object, sub-attributes of
   * a complex value (`members[0].displayName`). `reject` (the default): 400 invalidPath for a key,
   * invalidValue for a sub-attribute; `ignore`: dropped. The `path` of an operation is not a value:
   * an unknown path is 400 invalidPath either way.
   */
  readonly unknownAttributes?: 'reject' | 'ignore';
}

export function applyPatch(
  resource: ScimResource,
  operations: readonly PatchOperation[],
  resourceSchema: ResourceSchema,
  options: PatchOptions = {},
): PatchResult {
  const working = cloneJson(resource);
  const context: PatchContext = {
    resourceSchema,
    createUnmatched: options.createUnmatchedFilteredValues ?? true,
    coerce: { unknownAttributes: options.unknownAttributes ?? 'reject' },
  };
  operations.forEach((operation, index) => applyOperation(working, normalisePatchOperation(operation, index), context));
  syncExtensionSchemas(working, resourceSchema);
  const changes = diffTopLevel(resource, working, resourceSchema);
  checkRequiredKept(changes, resourceSchema);
  return { resource: working, changes };
}

interface PatchContext {
  resourceSchema: ResourceSchema;
  createUnmatched: boolean;
  coerce: CoerceOptions;
}

function applyOperation(resource: ScimResource, operation: NormalisedPatchOperation, context: PatchContext): void {
  const { resourceSchema } = context;
  const { op, path, value } = operation;
  if (path === undefined) {
    if (op === 'remove') throw new NoTargetError('SCIM-XSFg', '"remove" needs a path (RFC 7644 §3.5.2.2)');
    applyValueObject(resource, op, value, context);
    return;
  }
  const extension = findExtension(resourceSchema, path);
  if (extension) {
    // The path is a whole extension: `"path": "urn:…:enterprise:2.0:User"`.
    if (op === 'remove') {
      for (const definition of extension.definition.attributes) {
        applyAtPath(
          resource,
          'remove',
          resolvePatchPath({ schema: extension.definition.id, attribute: definition.name }, resourceSchema),
          undefined,
          context,
        );
      }
      return;
    }
    applyValueObject(resource, op, { [extension.definition.id]: value }, context);
    return;
  }
  applyAtPath(resource, op, resolvePatchPath(parsePatchPath(path), resourceSchema), value, context);
}

/**
 * add/replace without path (RFC 7644 §3.5.2.1 and §3.5.2.3): every key of the value object is an
 * attribute — plain (`displayName`), dotted (`name.givenName`), URN-qualified
 * (`urn:…:User:employeeNumber`) or an extension URN holding an object of its attributes.
 */
function applyValueObject(resource: ScimResource, op: PatchOperationName, value: unknown, context: PatchContext): void {
  const { resourceSchema } = context;
  if (!isPlainObject(value)) throw new InvalidValueError('SCIM-LS4N', `"${op}" without a path needs an object value`);
  for (const [key, attributeValue] of Object.entries(value)) {
    if (isSchemasKey(key)) continue; // managed from the attributes present
    const extension = findExtension(resourceSchema, key);
    const isCoreUrn = key.toLowerCase() === resourceSchema.core.id.toLowerCase();
    if (extension || isCoreUrn) {
      applySchemaObject(
        resource,
        op,
        extension ? extension.definition.id : resourceSchema.core.id,
        key,
        attributeValue,
        context,
      );
      continue;
    }
    const target = valueKeyTarget(() => resolvePatchPath(parsePatchPath(key), resourceSchema), context);
    if (target) applyAtPath(resource, op, target, attributeValue, context);
  }
}

/** The object of one schema's attributes under its URN (`{"urn:…:enterprise:2.0:User": {…}}`). */
function applySchemaObject(
  resource: ScimResource,
  op: PatchOperationName,
  schema: string,
  key: string,
  value: unknown,
  context: PatchContext,
): void {
  if (!isPlainObject(value)) throw new InvalidValueError('SCIM-pcQk', `The value of "${key}" must be an object`);
  for (const [innerKey, innerValue] of Object.entries(value)) {
    // Clients copy the resource's own `schemas` into an extension value: a resource key, never an attribute.
    if (isSchemasKey(innerKey)) continue;
    const target = valueKeyTarget(() => {
      const inner = splitAttributePath(innerKey);
      if (typeof inner === 'string' || inner.schema !== undefined)
        throw new InvalidPathError('SCIM-t2NA', `Invalid attribute "${innerKey}" in "${key}"`);
      return resolvePatchPath({ ...inner, schema }, context.resourceSchema);
    }, context);
    if (target) applyAtPath(resource, op, target, innerValue, context);
  }
}

/** A key of a value object that names no attribute: 400 invalidPath, or dropped under `ignore` (as in a POST body). */
function valueKeyTarget(resolve: () => ResolvedPatchPath, context: PatchContext): ResolvedPatchPath | undefined {
  try {
    return resolve();
  } catch (error) {
    if (context.coerce.unknownAttributes === 'ignore' && error instanceof InvalidPathError) return undefined;
    throw error;
  }
}

const isSchemasKey = (key: string): boolean => key.toLowerCase() === 'schemas';

function applyAtPath(
  resource: ScimResource,
  op: PatchOperationName,
  target: ResolvedPatchPath,
  value: unknown,
  context: PatchContext,
): void {
  const before = getTopLevelValue(resource, target.attribute);
  refuseReadOnlyWrite(op, target, before, value);
  const after = nextAttributeValue(op, target, before, value, {
    createUnmatched: context.createUnmatched,
    coerce: context.coerce,
  });
  if (sameValue(before, after)) return; // Okta's unchanged `id` lands here: readOnly but unchanged is fine.
  checkMutability(op, target, before);
  setTopLevelValue(resource, target.attribute, after);
}

/**
 * A write to a readOnly attribute is refused before its value is coerced (coercion drops readOnly
 * sub-attributes, which would turn `add groups` into a silent no-op). The one accepted case is
 * a whole value sent back unchanged, like Okta's `id` in a no-path replace.
 */
function refuseReadOnlyWrite(op: PatchOperationName, target: ResolvedPatchPath, before: unknown, value: unknown): void {
  const readOnly =
    target.attribute.definition.mutability === 'readOnly' || target.subDefinition?.mutability === 'readOnly';
  if (!readOnly) return;
  const unchangedWholeValue =
    op !== 'remove' && !target.valueFilter && !target.subDefinition && deepEqual(before, value);
  if (!unchangedWholeValue) throw new MutabilityError('SCIM-wbpL', `Attribute ${target.canonical} is readOnly`);
}

/** RFC 7644 §3.5.2: readOnly never changes; immutable may only be set while it has no value. */
function checkMutability(op: PatchOperationName, target: ResolvedPatchPath, before: unknown): void {
  const { definition } = target.attribute;
  if (definition.mutability === 'readOnly')
    throw new MutabilityError('SCIM-H5eb', `Attribute ${target.canonical} is readOnly`);
  if (definition.mutability === 'immutable' && !isEmptyValue(before)) {
    throw new MutabilityError('SCIM-Y4Hq', `Attribute ${target.canonical} is immutable and already has a value`);
  }
  const sub = target.subDefinition;
  if (sub?.mutability === 'readOnly')
    throw new MutabilityError('SCIM-UQmm', `Attribute ${target.canonical} is readOnly`);
  if (sub?.mutability === 'immutable' && op !== 'add')
    throw new MutabilityError('SCIM-kSAk', `Attribute ${target.canonical} is immutable`);
}

function sameValue(before: unknown, after: unknown): boolean {
  return (isEmptyValue(before) && isEmptyValue(after)) || deepEqual(before, after);
}

/** Writes a top-level attribute under its canonical name, dropping any differently-cased key. */
function setTopLevelValue(resource: ScimResource, attribute: ResolvedAttribute, value: unknown): void {
  let container: Record<string, unknown> = resource;
  if (attribute.inExtension) {
    const key = findKeyCaseInsensitive(resource, attribute.schemaUrn);
    const existing = key !== undefined ? resource[key] : undefined;
    if (key !== undefined && key !== attribute.schemaUrn) delete resource[key];
    container = isPlainObject(existing) ? existing : {};
    resource[attribute.schemaUrn] = container;
  }
  let key: string | undefined;
  while ((key = findKeyCaseInsensitive(container, attribute.definition.name)) !== undefined) delete container[key];
  if (value !== undefined) container[attribute.definition.name] = value;
}

/** Lists each extension present in `schemas`, drops empty extension objects (RFC 7643 §3). */
function syncExtensionSchemas(resource: ScimResource, resourceSchema: ResourceSchema): void {
  const original = Array.isArray(resource.schemas) ? (resource.schemas as unknown[]) : undefined;
  const schemas = original ? [...original] : [resourceSchema.core.id];
  for (const extension of resourceSchema.extensions) {
    const urn = extension.definition.id;
    const key = findKeyCaseInsensitive(resource, urn);
    const present = key !== undefined && !isEmptyValue(resource[key]);
    if (key !== undefined && !present) delete resource[key];
    const listed = schemas.findIndex((item) => typeof item === 'string' && item.toLowerCase() === urn.toLowerCase());
    if (present && listed < 0) schemas.push(urn);
    if (!present && listed >= 0 && !extension.required) schemas.splice(listed, 1);
  }
  const changed = original ? !deepEqual(schemas, original) : schemas.length > 1;
  if (changed) resource.schemas = schemas;
}

function diffTopLevel(before: ScimResource, after: ScimResource, resourceSchema: ResourceSchema): AttributeChange[] {
  const changes: AttributeChange[] = [];
  for (const attribute of allTopLevelAttributes(resourceSchema)) {
    const old = getTopLevelValue(before, attribute);
    const current = getTopLevelValue(after, attribute);
    if (sameValue(old, current)) continue;
    const path = attribute.inExtension
      ? `${attribute.schemaUrn}:${attribute.definition.name}`
      : attribute.definition.name;
    if (attribute.definition.returned === 'never') {
      changes.push({
        path,
        before: isEmptyValue(old) ? undefined : REDACTED,
        after: isEmptyValue(current) ? undefined : REDACTED,
        sensitive: true,
      });
    } else {
      changes.push({ path, before: cloneJson(old), after: cloneJson(current) });
    }
  }
  return changes;
}

/** A PATCH may not leave a required attribute without value (e.g. `remove userName`). */
function checkRequiredKept(changes: AttributeChange[], resourceSchema: ResourceSchema): void {
  for (const attribute of allTopLevelAttributes(resourceSchema)) {
    if (!attribute.definition.required || attribute.definition.mutability === 'readOnly') continue;
    const path = attribute.inExtension
      ? `${attribute.schemaUrn}:${attribute.definition.name}`
      : attribute.definition.name;
    const change = changes.find((candidate) => candidate.path === path);
    if (change && isEmptyValue(change.after))
      throw new InvalidValueError('SCIM-XLe4', `Attribute ${path} is required and cannot be removed`);
  }
}
