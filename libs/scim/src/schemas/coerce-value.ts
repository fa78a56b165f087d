import { InvalidValueError } from '../errors/scim-errors';
import { toBoolean, toInstant, toNumber } from '../filter/comparison';
import { AttributeDefinition } from './attribute-definition';
import { longerThan, maxLengthOf, maxValuesOf } from './limits';
import { findAttributeDefinition } from './resolve-attribute';
import { isPlainObject } from './resource-values';

/** How strictly a value is read: the IdP profile's policy, passed in (this library holds none). */
export interface CoerceOptions {
  /**
   * A sub-attribute the definition does not have (`members[0].displayName`, OneLogin's
   * `manager.managerId`): 400 invalidValue (`reject`, the default, strict RFC) or dropped (`ignore`).
   */
  readonly unknownAttributes?: 'reject' | 'ignore';
}

/**
 * Checks one incoming attribute value against its definition (RFC 7643 §2.3) and returns it in
 * canonical form, or throws 400 invalidValue naming the attribute.
 *
 * Leniencies that real identity providers need, each deliberate:
 * - booleans sent as the strings "True"/"False" (Entra) become booleans;
 * - integers/decimals sent as numeric strings become numbers;
 * - a complex attribute with a `value` sub-attribute sent as a bare string becomes `{ value }`
 *   (Entra sends `manager` this way);
 * - sub-attribute names are matched case-insensitively and rewritten to their canonical names;
 * - unknown sub-attributes are dropped when the caller's policy says `ignore` (lenient IdP profiles);
 * - readOnly sub-attributes (e.g. `manager.displayName`) are dropped: the client cannot set them,
 *   and RFC 7644 §3.3/§3.5.1 say such values SHALL be ignored.
 * `null` means "no value" and is returned as undefined.
 */
export function coerceAttributeValue(
  definition: AttributeDefinition,
  value: unknown,
  label = definition.name,
  options: CoerceOptions = {},
): unknown {
  if (value === null || value === undefined) return undefined;
  if (definition.multiValued) {
    const items = Array.isArray(value) ? value : [value];
    const maxValues = maxValuesOf(definition);
    if (items.length > maxValues)
      throw new InvalidValueError(
        'SCIM-kxHE',
        `Attribute ${label} has ${items.length} values; at most ${maxValues} are accepted.`,
      );
    const coerced = items
      .map((item, index) => coerceSingleValue(definition, item, `${label}[${index}]`, options))
      .filter((item) => item !== undefined);
    return coerced;
  }
  if (Array.isArray(value)) {
    // Some clients wrap a single value in a one-element array.
    if (value.length === 1) return coerceSingleValue(definition, value[0], label, options);
    throw new InvalidValueError('SCIM-jti4', `Attribute ${label} is single-valued; an array was given`);
  }
  return coerceSingleValue(definition, value, label, options);
}

/** Coerces one value (one element of a multi-valued attribute, or a singular attribute). */
export function coerceSingleValue(
  definition: AttributeDefinition,
  value: unknown,
  label = definition.name,
  options: CoerceOptions = {},
): unknown {
  if (value === null || value === undefined) return undefined;
  switch (definition.type) {
    case 'string':
    case 'reference':
    case 'binary':
      if (typeof value !== 'string') throw invalid('SCIM-Dfvc', label, definition, value);
      checkLength(definition, value, label);
      if (definition.type === 'binary' && !/^[A-Za-z0-9+/=\s_-]*$/.test(value))
        throw invalid('SCIM-d5RZ', label, definition, value);
      return value;
    case 'boolean': {
      const result = toBoolean(value);
      if (result === undefined) throw invalid('SCIM-anBr', label, definition, value);
      return result;
    }
    case 'integer': {
      const result = toNumber(value);
      if (result === undefined || !Number.isInteger(result)) throw invalid('SCIM-GvdV', label, definition, value);
      return result;
    }
    case 'decimal': {
      const result = toNumber(value);
      if (result === undefined) throw invalid('SCIM-yi7u', label, definition, value);
      return result;
    }
    case 'dateTime':
      if (toInstant(value) === undefined) throw invalid('SCIM-9HCv', label, definition, value);
      return value;
    case 'complex':
      return coerceComplexValue(definition, value, label, options);
  }
}

function coerceComplexValue(
  definition: AttributeDefinition,
  value: unknown,
  label: string,
  options: CoerceOptions,
): Record<string, unknown> | undefined {
  if (typeof value === 'string' && findAttributeDefinition(definition.subAttributes, 'value')) {
    value = { value };
  }
  if (!isPlainObject(value)) throw invalid('SCIM-eMBB', label, definition, value);
  const result: Record<string, unknown> = {};
  for (const [key, subValue] of Object.entries(value)) {
    const subDefinition = findAttributeDefinition(definition.subAttributes, key);
    if (!subDefinition) {
      if (options.unknownAttributes === 'ignore') continue;
      throw new InvalidValueError('SCIM-u7xv', `Attribute ${label} has no sub-attribute "${key}"`);
    }
    if (subDefinition.mutability === 'readOnly') continue;
    const coerced = coerceAttributeValue(subDefinition, subValue, `${label}.${subDefinition.name}`, options);
    if (coerced !== undefined) result[subDefinition.name] = coerced;
  }
  return result;
}

function checkLength(definition: AttributeDefinition, value: string, label: string): void {
  const max = maxLengthOf(definition);
  if (max !== undefined && longerThan(value, max))
    throw new InvalidValueError('SCIM-KHAu', `Attribute ${label} is longer than ${max} characters.`);
}

function invalid(site: string, label: string, definition: AttributeDefinition, value: unknown): InvalidValueError {
  const shown =
    typeof value === 'string'
      ? JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)
      : Array.isArray(value)
        ? 'an array'
        : typeof value === 'object'
          ? 'an object'
          : String(value);
  return new InvalidValueError(site, `Attribute ${label} must be of type ${definition.type}; got ${shown}`);
}
