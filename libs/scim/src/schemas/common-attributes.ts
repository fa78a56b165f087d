import { attribute, AttributeDefinition } from './attribute-definition';

/**
 * Common attributes of every resource (RFC 7643 §3.1) plus `schemas` (§3). They are not part of
 * the User/Group schema documents, but filters, PATCH and projection must know their characteristics.
 */
export const COMMON_ATTRIBUTES: readonly AttributeDefinition[] = [
  attribute('schemas', 'reference', {
    description: 'The schema URIs of this resource.',
    multiValued: true,
    required: true,
    caseExact: false,
    returned: 'always',
    referenceTypes: ['uri'],
  }),
  attribute('id', 'string', {
    description: 'A unique identifier for a SCIM resource, issued by the service provider.',
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  }),
  attribute('externalId', 'string', {
    description: 'An identifier for the resource as defined by the provisioning client.',
    caseExact: true,
  }),
  attribute('meta', 'complex', {
    description: 'Resource metadata.',
    mutability: 'readOnly',
    // RFC 7643 lists meta as "returned default"; this service always returns it so clients can read the ETag.
    returned: 'always',
    subAttributes: [
      attribute('resourceType', 'string', {
        caseExact: true,
        mutability: 'readOnly',
        description: 'The name of the resource type.',
      }),
      attribute('created', 'dateTime', { mutability: 'readOnly', description: 'When the resource was added.' }),
      attribute('lastModified', 'dateTime', {
        mutability: 'readOnly',
        description: 'When the resource was last modified.',
      }),
      attribute('location', 'reference', {
        caseExact: true,
        mutability: 'readOnly',
        referenceTypes: ['uri'],
        description: 'The URI of the resource.',
      }),
      attribute('version', 'string', {
        caseExact: true,
        mutability: 'readOnly',
        description: 'The version (weak ETag) of the resource.',
      }),
    ],
  }),
];
