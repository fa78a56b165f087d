import type { AttributeDefinition } from './attribute-definition';
import { COMMON_ATTRIBUTES } from './common-attributes';
import { ENTERPRISE_USER_SCHEMA } from './enterprise-user.schema';
import { GROUP_SCHEMA } from './group.schema';
import { USER_SCHEMA } from './user.schema';

/**
 * What one resource may hold, checked before anything is appended: the event log must never
 * accept a value that a projection cannot apply. Every figure is far above what the identity
 * providers send (docs/limits.md gives the reasoning) and low enough that the read model can
 * index the value: a PostgreSQL btree entry holds at most 2,704 bytes, and 3 bytes of UTF-8 per
 * UTF-16 unit puts the longest indexed value (320 for an email) under 1,000 bytes.
 */
export const RESOURCE_LIMITS = {
  /** Any string attribute not listed in ATTRIBUTE_MAX_LENGTH, in characters (Unicode code points). */
  defaultStringLength: 1024,
  /** reference (URL) attributes not listed in ATTRIBUTE_MAX_LENGTH. */
  defaultReferenceLength: 2048,
  /** Values of one multi-valued attribute (emails, roles, ...), except group members. */
  valuesPerAttribute: 100,
  /** Group members named by one request: POST or PUT `members`, or the member values of one PATCH. */
  membersPerRequest: 10_000,
  /** The resource as stored (members excluded), serialised as JSON, in bytes of UTF-8. */
  resourceBytes: 64 * 1024,
  /** Operations of one PatchOp request. */
  patchOperations: 1000,
} as const;

/**
 * Maximum length per attribute, by canonical path (extension attributes under their URN).
 * Attributes the read model indexes are the tightest.
 */
export const ATTRIBUTE_MAX_LENGTH: Readonly<Record<string, number>> = {
  userName: 256,
  displayName: 256,
  externalId: 256,
  nickName: 256,
  title: 256,
  userType: 256,
  preferredLanguage: 64,
  locale: 64,
  timezone: 64,
  'emails.value': 320,
  'phoneNumbers.value': 64,
  'x509Certificates.value': 16_384,
  'members.value': 256,
  'members.display': 256,
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value': 256,
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber': 256,
};

/** Per-attribute maximum number of values, where it differs from valuesPerAttribute. */
const ATTRIBUTE_MAX_VALUES: Readonly<Record<string, number>> = {
  members: RESOURCE_LIMITS.membersPerRequest,
};

interface DefinitionLimits {
  maxLength?: number;
  maxValues?: number;
}

/**
 * Limits by definition object. Each schema builds its own sub-attribute objects (emails.value is
 * not phoneNumbers.value), so a definition identifies its path without the caller naming it.
 */
const LIMITS = new WeakMap<AttributeDefinition, DefinitionLimits>();

function register(definitions: readonly AttributeDefinition[], prefix: string): void {
  for (const definition of definitions) {
    const path = `${prefix}${definition.name}`;
    LIMITS.set(definition, {
      maxLength: ATTRIBUTE_MAX_LENGTH[path] ?? defaultLength(definition),
      maxValues: definition.multiValued
        ? (ATTRIBUTE_MAX_VALUES[path] ?? RESOURCE_LIMITS.valuesPerAttribute)
        : undefined,
    });
    if (definition.subAttributes) register(definition.subAttributes, `${path}.`);
  }
}

function defaultLength(definition: AttributeDefinition): number | undefined {
  if (definition.type === 'reference') return RESOURCE_LIMITS.defaultReferenceLength;
  if (definition.type === 'string' || definition.type === 'binary') return RESOURCE_LIMITS.defaultStringLength;
  return undefined;
}

register(COMMON_ATTRIBUTES, '');
register(USER_SCHEMA.attributes, '');
register(GROUP_SCHEMA.attributes, '');
register(ENTERPRISE_USER_SCHEMA.attributes, `${ENTERPRISE_USER_SCHEMA.id}:`);

/** The longest value the attribute may hold, in code points (undefined: not a string type). */
export function maxLengthOf(definition: AttributeDefinition): number | undefined {
  return LIMITS.get(definition)?.maxLength ?? defaultLength(definition);
}

/** How many values a multi-valued attribute may hold. */
export function maxValuesOf(definition: AttributeDefinition): number {
  return LIMITS.get(definition)?.maxValues ?? RESOURCE_LIMITS.valuesPerAttribute;
}

/** true when `value` has more than `max` Unicode code points (a surrogate pair is one character). */
export function longerThan(value: string, max: number): boolean {
  if (value.length <= max) return false;
  let count = 0;
  for (let index = 0; index < value.length; index++) {
    const unit = value.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < value.length) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
    }
    if (++count > max) return true;
  }
  return false;
}
