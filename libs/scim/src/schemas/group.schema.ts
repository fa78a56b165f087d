import { SCHEMA_URNS } from '../messages/urns';
import { attribute, schemaDefinition } from './attribute-definition';

/**
 * RFC 7643 §4.2 and §8.7.1: the core Group schema.
 * `displayName` is required as §4.2 says (the §8.7.1 listing says false; the text wins here
 * because a role without a name cannot be shown). `members.display` is not in the RFC listing
 * but every example and IdP sends it; it is accepted and stored as sent.
 */
export const GROUP_SCHEMA = schemaDefinition(SCHEMA_URNS.group, 'Group', 'Group', [
  attribute('displayName', 'string', { description: 'A human-readable name for the Group.', required: true }),
  attribute('members', 'complex', {
    description: 'A list of members of the Group.',
    multiValued: true,
    subAttributes: [
      attribute('value', 'string', {
        description: 'Identifier of the member of this Group.',
        caseExact: true,
        mutability: 'immutable',
      }),
      attribute('$ref', 'reference', {
        description: 'The URI corresponding to a SCIM resource that is a member of this Group.',
        mutability: 'immutable',
        referenceTypes: ['User', 'Group'],
      }),
      attribute('display', 'string', {
        description: 'A human-readable name for the member.',
        mutability: 'immutable',
      }),
      attribute('type', 'string', {
        description: 'The type of the member.',
        mutability: 'immutable',
        canonicalValues: ['User', 'Group'],
      }),
    ],
  }),
]);
