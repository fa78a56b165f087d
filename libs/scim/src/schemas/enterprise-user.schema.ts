import { SCHEMA_URNS } from '../messages/urns';
import { attribute, SchemaDefinition } from './attribute-definition';

const text = (name: string, description: string) => attribute(name, 'string', { description });

/** RFC 7643 §4.3 and §8.7.1: the enterprise User extension. */
export const ENTERPRISE_USER_SCHEMA: SchemaDefinition = {
  schemas: [SCHEMA_URNS.schema],
  id: SCHEMA_URNS.enterpriseUser,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    text('employeeNumber', 'Numeric or alphanumeric identifier assigned to a person by the organization.'),
    text('costCenter', 'Identifies the name of a cost center.'),
    text('organization', 'Identifies the name of an organization.'),
    text('division', 'Identifies the name of a division.'),
    text('department', 'Identifies the name of a department.'),
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
  meta: { resourceType: 'Schema', location: `/v2/Schemas/${SCHEMA_URNS.enterpriseUser}` },
};
