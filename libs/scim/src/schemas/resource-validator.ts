import { InvalidSyntaxError, InvalidValueError, MutabilityError } from '../errors';
import { ResourceSchema, findExtension } from './resource-schema';
import { AttributeDefinition } from './attribute-definition';
import { coerceAttributeValue, type CoerceOptions } from './coerce-value';
import { COMMON_ATTRIBUTES } from './common-attributes';
import { RESOURCE_LIMITS } from './limits';
import { allTopLevelAttributes, findAttributeDefinition } from './resolve-attribute';
import { deepEqual, getTopLevelValue, isEmptyValue, isPlainObject, ScimResource } from './resource-values';

export interface ValidateResourceOptions {
  /**
   * The stored resource for a PUT (RFC 7644 §3.5.1): immutable attributes that already have a
   * value must be sent unchanged. Omit for a POST.
   */
  readonly existing?: ScimResource;
  /**
   * What to do with an attribute the resource's schemas do not define, a sub-attribute its
   * definition does not have, or an object under a schema URN the resource type does not register
   * (`urn:…:extension:Microsoft:Entra:2.0:User`): `reject` (400 invalidValue, the default, strict
   * RFC) or `ignore` (drop it).
   */
  readonly unknownAttributes?: 'reject' | 'ignore';
}

/**
 * Checks a resource sent by a client (POST, PUT, or the result of a PATCH) against its schema
 * (RFC 7643 §2, §7; RFC 7644 §3.3, §3.5.1) and returns it normalised: canonical attribute
 * names, coerced values ("True" → true), readOnly attributes dropped (they "SHALL be ignored"),
 * `schemas` listing the core schema and the extensions present.
 *
 * Errors: 400 invalidSyntax when `schemas` is missing or lacks the core schema; 400 invalidValue
 * for a wrong type, a missing required attribute, two primary values, or (in `reject` mode) an
 * unknown attribute, sub-attribute or schema extension object;
 * 400 mutability when a PUT changes an immutable attribute that already has a value.
 */
export function validateResource(
  resource: unknown,
  resourceSchema: ResourceSchema,
  options: ValidateResourceOptions = {},
): ScimResource {
  if (!isPlainObject(resource)) throw new InvalidSyntaxError('SCIM-b4qM', 'The resource must be a JSON object');
  checkSchemas(resource, resourceSchema);
  const reject = (options.unknownAttributes ?? 'reject') === 'reject';
  const result: ScimResource = { schemas: [resourceSchema.core.id] };

  const coerce: CoerceOptions = { unknownAttributes: reject ? 'reject' : 'ignore' };

  for (const [key, value] of Object.entries(resource)) {
    if (key.toLowerCase() === 'schemas') continue;
    const extension = findExtension(resourceSchema, key);
    if (extension) {
      if (!isPlainObject(value))
        throw new InvalidValueError('SCIM-Znzk', `"${key}" must be an object of extension attributes`);
      const container: Record<string, unknown> = {};
      for (const [innerKey, innerValue] of Object.entries(value)) {
        // A `schemas` key inside the object is the client echoing a resource shape, not an attribute.
        if (innerKey.toLowerCase() === 'schemas') continue;
        const definition = findAttributeDefinition(extension.definition.attributes, innerKey);
        if (!definition) {
          if (reject)
            throw new InvalidValueError(
              'SCIM-na3i',
              `Unknown attribute "${innerKey}" of schema ${extension.definition.id}`,
            );
          continue;
        }
        assign(container, definition, innerValue, `${extension.definition.id}:${definition.name}`, coerce);
      }
      if (!isEmptyValue(container)) {
        result[extension.definition.id] = container;
        (result.schemas as string[]).push(extension.definition.id);
      }
      continue;
    }
    if (/^urn:/i.test(key)) {
      // An object under a schema this resource type does not register (RFC 7643 §3: extensions
      // are listed in /ResourceTypes). The core URN as a key carries nothing we read either.
      if (reject && key.toLowerCase() !== resourceSchema.core.id.toLowerCase())
        throw unregisteredExtension(key, resourceSchema);
      continue;
    }
    const definition =
      findAttributeDefinition(COMMON_ATTRIBUTES, key) ?? findAttributeDefinition(resourceSchema.core.attributes, key);
    if (!definition) {
      if (reject) throw new InvalidValueError('SCIM-URcZ', `Unknown attribute "${key}"`);
      continue;
    }
    assign(result, definition, value, definition.name, coerce);
  }

  checkRequired(result, resourceSchema);
  if (options.existing) checkImmutable(result, options.existing, resourceSchema);
  checkSize(result);
  return result;
}

const encoder = new TextEncoder();

/** The whole resource (group members apart: they are stored one by one) within RESOURCE_LIMITS.resourceBytes. */
function checkSize(result: ScimResource): void {
  const { members: _members, ...rest } = result;
  const json = JSON.stringify(rest);
  // At most three bytes of UTF-8 per UTF-16 unit: only a long resource needs encoding to be measured.
  if (json.length * 3 <= RESOURCE_LIMITS.resourceBytes) return;
  const bytes = encoder.encode(json).length;
  if (bytes > RESOURCE_LIMITS.resourceBytes) {
    throw new InvalidValueError(
      'SCIM-ueyK',
      `The resource is ${bytes} bytes as JSON; at most ${RESOURCE_LIMITS.resourceBytes} are accepted.`,
    );
  }
}

function unregisteredExtension(urn: string, resourceSchema: ResourceSchema): InvalidValueError {
  const registered = resourceSchema.extensions.map((extension) => extension.definition.id);
  const known =
    registered.length > 0 ? `; its extensions are ${registered.join(', ')}` : '; it has no schema extensions';
  return new InvalidValueError(
    'SCIM-YxGS',
    `"${urn.slice(0, 200)}" is not a schema extension of ${resourceSchema.name}${known}`,
  );
}

/**
 * In `ignore` mode (CoerceOptions) an unknown sub-attribute is dropped like an unknown attribute
 * (OneLogin's templates send `manager.managerId`), instead of failing the whole resource.
 */
function assign(
  target: Record<string, unknown>,
  definition: AttributeDefinition,
  value: unknown,
  label: string,
  options: CoerceOptions,
): void {
  if (definition.mutability === 'readOnly') return;
  const coerced = coerceAttributeValue(definition, value, label, options);
  if (isEmptyValue(coerced)) return;
  if (definition.multiValued && Array.isArray(coerced)) {
    const primaries = coerced.filter((item) => isPlainObject(item) && item.primary === true);
    if (primaries.length > 1) throw new InvalidValueError('SCIM-zLBC', `Only one value of ${label} may be primary`);
  }
  target[definition.name] = coerced;
}

function checkSchemas(resource: Record<string, unknown>, resourceSchema: ResourceSchema): void {
  const schemas = Object.entries(resource).find(([key]) => key.toLowerCase() === 'schemas')?.[1];
  if (!Array.isArray(schemas) || !schemas.every((item) => typeof item === 'string')) {
    throw new InvalidSyntaxError('SCIM-FG42', '"schemas" must be an array of schema URNs');
  }
  if (!schemas.some((urn) => urn.toLowerCase() === resourceSchema.core.id.toLowerCase())) {
    throw new InvalidSyntaxError('SCIM-ee2P', `"schemas" must contain ${resourceSchema.core.id}`);
  }
}

function checkRequired(result: ScimResource, resourceSchema: ResourceSchema): void {
  for (const attribute of allTopLevelAttributes(resourceSchema)) {
    const { definition } = attribute;
    if (!definition.required || definition.mutability === 'readOnly' || definition.name === 'schemas') continue;
    const extension = attribute.inExtension ? findExtension(resourceSchema, attribute.schemaUrn) : undefined;
    if (extension && !extension.required && result[attribute.schemaUrn] === undefined) continue;
    if (isEmptyValue(getTopLevelValue(result, attribute))) {
      throw new InvalidValueError('SCIM-y4zj', `Attribute ${definition.name} is required`);
    }
  }
  for (const extension of resourceSchema.extensions) {
    if (extension.required && result[extension.definition.id] === undefined) {
      throw new InvalidValueError('SCIM-nujz', `Schema extension ${extension.definition.id} is required`);
    }
  }
}

/**
 * RFC 7644 §3.5.1: "immutable: If one or more values are already set for the attribute, the input
 * value(s) MUST match".
 */
function checkImmutable(result: ScimResource, existing: ScimResource, resourceSchema: ResourceSchema): void {
  for (const attribute of allTopLevelAttributes(resourceSchema)) {
    if (attribute.definition.mutability !== 'immutable') continue;
    const before = getTopLevelValue(existing, attribute);
    const after = getTopLevelValue(result, attribute);
    if (!isEmptyValue(before) && after !== undefined && !deepEqual(before, after)) {
      throw new MutabilityError('SCIM-tKAH', `Attribute ${attribute.definition.name} is immutable`);
    }
  }
}
