import { SCHEMA_URNS } from '../messages/urns';
import { attribute, schemaDefinition, textAttribute, multiValuedSubAttributes } from './attribute-definition';

/** RFC 7643 §4.1 and §8.7.1: the core User schema. */
export const USER_SCHEMA = schemaDefinition(SCHEMA_URNS.user, 'User', 'User Account', [
  attribute('userName', 'string', {
    description:
      'Unique identifier for the User, typically used by the user to directly authenticate to the service provider.',
    required: true,
    uniqueness: 'server',
  }),
  attribute('name', 'complex', {
    description: "The components of the user's real name.",
    subAttributes: [
      textAttribute(
        'formatted',
        'The full name, including all middle names, titles, and suffixes, formatted for display.',
      ),
      textAttribute('familyName', 'The family name of the User.'),
      textAttribute('givenName', 'The given name of the User.'),
      textAttribute('middleName', 'The middle name(s) of the User.'),
      textAttribute('honorificPrefix', 'The honorific prefix(es) of the User.'),
      textAttribute('honorificSuffix', 'The honorific suffix(es) of the User.'),
    ],
  }),
  textAttribute('displayName', 'The name of the User, suitable for display to end-users.'),
  textAttribute('nickName', 'The casual way to address the user in real life.'),
  attribute('profileUrl', 'reference', {
    description: "A fully qualified URL pointing to the User's online profile.",
    referenceTypes: ['external'],
  }),
  textAttribute('title', 'The user\'s title, such as "Vice President".'),
  textAttribute('userType', 'Used to identify the relationship between the organization and the user.'),
  textAttribute(
    'preferredLanguage',
    "Indicates the User's preferred written or spoken language (RFC 7231 Accept-Language).",
  ),
  textAttribute('locale', "Used to indicate the User's default location for localization purposes."),
  textAttribute('timezone', "The User's time zone in the 'Olson' time zone database format."),
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
      textAttribute('formatted', 'The full mailing address, formatted for display or use with a mailing label.'),
      textAttribute('streetAddress', 'The full street address component.'),
      textAttribute('locality', 'The city or locality component.'),
      textAttribute('region', 'The state or region component.'),
      textAttribute('postalCode', 'The zip code or postal code component.'),
      textAttribute('country', 'The country name component (ISO 3166-1 alpha-2).'),
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
]);
