import { SCHEMA_URNS } from '../messages/urns';
import { attribute, multiValuedSubAttributes, SchemaDefinition } from './attribute-definition';

const text = (name: string, description: string) => attribute(name, 'string', { description });

/** RFC 7643 §4.1 and §8.7.1: the core User schema. */
export const USER_SCHEMA: SchemaDefinition = {
  schemas: [SCHEMA_URNS.schema],
  id: SCHEMA_URNS.user,
  name: 'User',
  description: 'User Account',
  attributes: [
    attribute('userName', 'string', {
      description:
        'Unique identifier for the User, typically used by the user to directly authenticate to the service provider.',
      required: true,
      uniqueness: 'server',
    }),
    attribute('name', 'complex', {
      description: "The components of the user's real name.",
      subAttributes: [
        text('formatted', 'The full name, including all middle names, titles, and suffixes, formatted for display.'),
        text('familyName', 'The family name of the User.'),
        text('givenName', 'The given name of the User.'),
        text('middleName', 'The middle name(s) of the User.'),
        text('honorificPrefix', 'The honorific prefix(es) of the User.'),
        text('honorificSuffix', 'The honorific suffix(es) of the User.'),
      ],
    }),
    text('displayName', 'The name of the User, suitable for display to end-users.'),
    text('nickName', 'The casual way to address the user in real life.'),
    attribute('profileUrl', 'reference', {
      description: "A fully qualified URL pointing to the User's online profile.",
      referenceTypes: ['external'],
    }),
    text('title', 'The user\'s title, such as "Vice President".'),
    text('userType', 'Used to identify the relationship between the organization and the user.'),
    text('preferredLanguage', "Indicates the User's preferred written or spoken language (RFC 7231 Accept-Language)."),
    text('locale', "Used to indicate the User's default location for localization purposes."),
    text('timezone', "The User's time zone in the 'Olson' time zone database format."),
    attribute('active', 'boolean', { description: "A Boolean value indicating the User's administrative status." }),
    attribute('password', 'string', {
      description: "The User's cleartext password; never returned.",
      mutability: 'writeOnly',
      returned: 'never',
    }),
    attribute('emails', 'complex', {
      description: 'Email addresses for the user.',
      multiValued: true,
      subAttributes: multiValuedSubAttributes('string', ['work', 'home', 'other']),
    }),
    attribute('phoneNumbers', 'complex', {
      description: 'Phone numbers for the User.',
      multiValued: true,
      subAttributes: multiValuedSubAttributes('string', ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
    }),
    attribute('ims', 'complex', {
      description: 'Instant messaging addresses for the User.',
      multiValued: true,
      subAttributes: multiValuedSubAttributes('string', ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo']),
    }),
    attribute('photos', 'complex', {
      description: 'URLs of photos of the User.',
      multiValued: true,
      subAttributes: multiValuedSubAttributes('reference', ['photo', 'thumbnail'], { referenceTypes: ['external'] }),
    }),
    attribute('addresses', 'complex', {
      description: 'A physical mailing address for this User.',
      multiValued: true,
      subAttributes: [
        text('formatted', 'The full mailing address, formatted for display or use with a mailing label.'),
        text('streetAddress', 'The full street address component.'),
        text('locality', 'The city or locality component.'),
        text('region', 'The state or region component.'),
        text('postalCode', 'The zip code or postal code component.'),
        text('country', 'The country name component (ISO 3166-1 alpha-2).'),
        attribute('type', 'string', {
          description: "A label indicating the attribute's function.",
          canonicalValues: ['work', 'home', 'other'],
        }),
        attribute('primary', 'boolean', { description: 'Whether this is the primary address; true at most once.' }),
      ],
    }),
    attribute('groups', 'complex', {
      description: 'A list of groups to which the user belongs, either through direct membership or nested groups.',
      multiValued: true,
      mutability: 'readOnly',
      subAttributes: [
        attribute('value', 'string', { description: "The identifier of the User's group.", mutability: 'readOnly' }),
        attribute('$ref', 'reference', {
          description: 'The URI of the corresponding Group resource.',
          mutability: 'readOnly',
          referenceTypes: ['User', 'Group'],
        }),
        attribute('display', 'string', { description: 'A human-readable name.', mutability: 'readOnly' }),
        attribute('type', 'string', {
          description: 'direct or indirect membership.',
          mutability: 'readOnly',
          canonicalValues: ['direct', 'indirect'],
        }),
      ],
    }),
    attribute('entitlements', 'complex', {
      description: 'A list of entitlements for the User.',
      multiValued: true,
      subAttributes: multiValuedSubAttributes('string', []),
    }),
    attribute('roles', 'complex', {
      description: 'A list of roles for the User.',
      multiValued: true,
      subAttributes: multiValuedSubAttributes('string', []),
    }),
    attribute('x509Certificates', 'complex', {
      description: 'A list of certificates issued to the User (DER, base64).',
      multiValued: true,
      subAttributes: multiValuedSubAttributes('binary', [], { caseExact: true }),
    }),
  ],
  meta: { resourceType: 'Schema', location: `/v2/Schemas/${SCHEMA_URNS.user}` },
};
