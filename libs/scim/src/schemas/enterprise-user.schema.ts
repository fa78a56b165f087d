import { SCHEMA_URNS } from '../messages/urns';
import { attribute, schemaDefinition, textAttribute } from './attribute-definition';

/** RFC 7643 §4.3 and §8.7.1: the enterprise User extension. */
export const ENTERPRISE_USER_SCHEMA = schemaDefinition(
  SCHEMA_URNS.enterpriseUser,
  'EnterpriseUser',
  'Enterprise User',
  [
    textAttribute('employeeNumber', 'Numeric or alphanumeric identifier assigned to a person by the organization.'),
    textAttribute('costCenter', 'Identifies the name of a cost center.'),
    textAttribute('organization', 'Identifies the name of an organization.'),
    textAttribute('division', 'Identifies the name of a division.'),
    textAttribute('department', 'Identifies the name of a department.'),
    attribute('manager', 'complex', {
      description: "The User's manager.",
      subAttributes: [
        attribute('value', 'string', {
          description: 'The id of the SCIM resource representing the manager.',
          caseExact: true,
        }),
        attribute('$ref', 'reference', { description: 'The URI of the manager resource.', referenceTypes: ['User'] }),
        attribute('displayName', 'string', { description: 'The displayName of the manager.', mutability: 'readOnly' }),
      ],
    }),
  ],
);
